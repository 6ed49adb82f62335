package io.jasyncio.http.server;

import io.jasyncio.http.ws.WebSocket;

/**
 * Runs one accepted WebSocket session on the server: see {@link Application#websocket} and
 * {@link WebSockets#accept}. It runs in the request's task after the 101 is sent, and may
 * suspend (receive, send, await anything).
 */
@FunctionalInterface
public interface WebSocketHandler {
    /**
     * Speaks with the client over {@code ws}. When it returns, the server closes the WebSocket
     * with 1000 if it is still open, then the connection.
     *
     * @throws Exception anything: it is logged, and the WebSocket is closed with 1011 (internal
     *     error); a {@link io.jasyncio.http.ws.WebSocketClosedException} (the peer went away) is
     *     not logged
     */
    void handle(Request request, WebSocket ws) throws Exception;
}
