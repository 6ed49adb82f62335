/**
 * The HTTP/1.1 client: a {@code ClientSession} (aiohttp's {@code ClientSession}) with a
 * connection pool bounded in total and per host, one timeout per meaning, redirects, a cookie
 * jar, content decoding, streamed request and response bodies, tracing hooks, and WebSocket
 * connections ({@code session.websocket(url)}).
 */
package io.jasyncio.http.client;
