package io.jasyncio.http.server;

import io.jasyncio.http.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server's own plain-text responses: protocol errors, timeouts, HttpException, 500. */
final class ErrorResponses {
    private static final byte[] TEXT_PLAIN = HeadWriter.ascii("Content-Type: text/plain; charset=utf-8\r\n");

    private ErrorResponses() {
    }

    /**
     * Builds {@code status} with {@code message} as a text/plain body (none for HEAD) into
     * {@code w}, with {@code extra} fields (an HttpException's) and {@code Connection: close} if
     * {@code close}.
     */
    static void write(HeadWriter w, int status, String message, boolean close, Headers extra) {
        write(w, status, message, close, extra, false);
    }

    static void write(HeadWriter w, int status, String message, boolean close, Headers extra, boolean head) {
        byte[] body = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        w.begin(status);
        int flags = extra == null ? 0 : w.fields(extra, false);
        w.raw(TEXT_PLAIN);
        w.standard(flags);
        w.contentLength(body.length);
        w.connection(close, false);
        w.end();
        if (!head) {
            w.body(ByteBuffer.wrap(body));
        }
    }
}
