package io.jasyncio.http.codec;

/**
 * The peer broke the protocol (or a limit). A server answers with {@code status} and closes;
 * the decoder stays in its error state and returns this event again from every later call.
 *
 * @param status the status a server answers with: from {@link RequestDecoder} 400, 414, 431, 501
 *     or 505; from {@link ResponseDecoder} always 502 (what a proxy answers for a broken upstream)
 * @param message what was wrong, for logs; safe to show a client (no input is echoed raw)
 */
public record ProtocolError(int status, String message) implements HttpEvent {
}
