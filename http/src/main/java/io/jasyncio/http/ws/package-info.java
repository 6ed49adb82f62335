/**
 * WebSocket (RFC 6455) on both sides: a {@code WebSocket} over an upgraded HTTP/1.1 connection,
 * with messages received by iteration, sends with backpressure, heartbeats and the close
 * handshake. The server accepts in a route ({@code Application.websocket},
 * {@code WebSockets.accept}); the client's handshake is {@code WebSocketClient}, which a client
 * session's {@code websocket(url)} drives over its pool.
 *
 * <p>Depends on core's streams and on the sans-IO codec in {@code io.jasyncio.http.ws.frame}
 * (and the shared types); never on the server or client packages, which depend on it.
 */
package io.jasyncio.http.ws;
