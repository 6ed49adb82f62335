/**
 * jasyncio's HTTP/1.1 server, modelled on aiohttp's {@code web}: an application of routes and
 * middleware, each request handled by its own task, served over jasyncio's transports.
 * Depends on {@code io.jasyncio.http}, {@code io.jasyncio.http.codec} and jasyncio's public API.
 */
package io.jasyncio.http.server;
