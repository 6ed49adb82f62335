package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;

/**
 * A status line and its header fields, with the framing derived from them (for the client side,
 * and for tests that check what the server wrote).
 *
 * @param status the three-digit status code
 * @param reason the reason phrase as sent (may be empty)
 * @param version HTTP/1.0 or HTTP/1.1
 * @param headers the header fields in order
 * @param contentLength the body's length; 0 when there is none; -1 when chunked; -2 when the
 *     body runs until the connection closes
 * @param keepAlive whether the connection may carry another exchange
 */
public record ResponseHead(int status, String reason, HttpVersion version, Headers headers,
                           long contentLength, boolean keepAlive) implements HttpEvent {
}
