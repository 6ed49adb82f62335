package io.jasyncio.http.server;

/**
 * A snapshot of an {@link HttpServer}'s load, from {@link HttpServer#statistics()}.
 *
 * @param connections the open connections (TLS ones once their handshake is done)
 * @param activeRequests the requests whose handler task has not ended
 * @param requests the requests started since the server did
 */
public record ServerStatistics(int connections, int activeRequests, long requests) {
}
