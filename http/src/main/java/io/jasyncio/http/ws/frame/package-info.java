/**
 * The sans-IO WebSocket codec: frames and messages in and out of bytes (RFC 6455), the masking
 * rules of each side, UTF-8 validation, limits, the opening handshake's header checks and
 * {@code permessage-deflate} (RFC 7692). No sockets, no loop: it depends on the JDK and the shared
 * HTTP types only, and is fuzzed like the HTTP codec.
 */
package io.jasyncio.http.ws.frame;
