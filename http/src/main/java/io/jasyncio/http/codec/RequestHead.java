package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;

/**
 * A request line and its header fields, checked, with the framing the decoder derived from them.
 *
 * @param method the method token
 * @param target the request target exactly as sent (origin-, absolute-, authority- or
 *     asterisk-form)
 * @param version HTTP/1.0 or HTTP/1.1
 * @param headers the header fields in order
 * @param contentLength the body's length in bytes; 0 when there is no body; -1 when the body is
 *     chunked
 * @param keepAlive whether the connection may carry another request after this one (version
 *     and {@code Connection} field taken together)
 * @param expectContinue whether the client sent {@code Expect: 100-continue} and waits for a
 *     100 before sending the body
 */
public record RequestHead(Method method, String target, HttpVersion version, Headers headers,
                          long contentLength, boolean keepAlive, boolean expectContinue) implements HttpEvent {
    /** Whether the body is sent with chunked transfer coding. */
    public boolean chunked() {
        return contentLength < 0;
    }
}
