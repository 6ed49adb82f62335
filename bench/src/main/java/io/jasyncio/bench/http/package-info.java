/**
 * The servers of the HTTP workloads ({@code http-hello}, {@code http-json}): jasyncio's, Netty's
 * (HttpServerCodec) and the JDK's {@code com.sun.net.httpserver.HttpServer}, each a program of
 * its own that the harness starts pinned to one core and loads with wrk, plus the one JSON
 * document every server sends ({@link io.jasyncio.bench.http.JsonDocument}). The aiohttp servers
 * are bench/python/http_server.py; nginx is configured by the harness.
 *
 * <p>Every server takes {@code --port N --max-seconds S}
 * ({@link io.jasyncio.bench.echo.EchoServerArgs}) and answers {@code GET /} with 200
 * {@code Hello, World!} (text/plain) and {@code GET /json} with 200 and the document
 * (application/json), on keep-alive connections.
 */
package io.jasyncio.bench.http;
