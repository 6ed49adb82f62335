package io.jasyncio.http.server;

import io.jasyncio.stream.ConnectionResetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@link BodyWriter} of a streaming response: chunked transfer coding (length -1), a
 * declared length (checked), or bytes until the connection closes (length -2, for HTTP/1.0).
 */
final class OutgoingBody implements BodyWriter {
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final HttpConnection conn;
    private final long length;
    private long written;
    private boolean closed;

    OutgoingBody(HttpConnection conn, long length) {
        this.conn = conn;
        this.length = length;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        if (closed) {
            throw new IllegalStateException("the response body is closed");
        }
        if (conn.gone()) {
            throw new ConnectionResetException("the client went away");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (length >= 0 && written + n > length) {
            throw new IllegalStateException("the response declared " + length + " bytes; writing " + n
                    + " more after " + written + " would exceed it");
        }
        written += n;
        if (length != -1) {
            conn.transport.write(data.duplicate());
            return;
        }
        int digits = Math.max(1, (35 - Integer.numberOfLeadingZeros(n)) / 4);
        byte[] frame = new byte[digits + 2 + n + 2];
        for (int i = digits - 1, v = n; i >= 0; i--, v >>>= 4) {
            frame[i] = HEX[v & 15];
        }
        frame[digits] = '\r';
        frame[digits + 1] = '\n';
        data.duplicate().get(frame, digits + 2, n);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        conn.transport.write(ByteBuffer.wrap(frame));
    }

    @Override
    public void drain() throws IOException {
        conn.drain();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (length == -1 && !conn.lost) {
            conn.transport.write(ByteBuffer.wrap(LAST_CHUNK));
        }
    }

    /** The body bytes written. */
    long written() {
        return written;
    }

    /**
     * Whether the client can tell where the body ended and the connection may go on: false
     * for a close-delimited body, and for a declared length the producer did not fill.
     */
    boolean framedCompletely() {
        return length == -1 || (length >= 0 && written == length);
    }
}
