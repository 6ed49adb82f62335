package io.jasyncio.http.server;

/**
 * A snapshot of an {@link HttpServer}'s load, from {@link HttpServer#statistics()}.
 *
 * @param connections the open connections (TLS ones once their handshake is done)
 * @param activeRequests the requests whose handler task has not ended
 * @param requests the requests started since the server did
 * @param readingPaused the connections that stopped reading from their socket because the
 *     handler has not consumed what arrived (backpressure; see
 *     {@link ServerConfig#bodyBufferLimit()})
 */
public record ServerStatistics(int connections, int activeRequests, long requests, int readingPaused) {
}
