/**
 * WebSocket (RFC 6455) on both sides: a {@code WebSocket} over an upgraded HTTP/1.1 connection,
 * with messages received by iteration, sends with backpressure, heartbeats and the close
 * handshake. The server accepts in a route, the client connects through a client session.
 */
package io.jasyncio.http.ws;
