package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.codec.RequestEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a request {@link Payload} writes: the connection's transport, with chunk framing when the
 * length is unknown, and backpressure (a write suspends while the transport's buffer is above its
 * high-water mark). Checks that a body of known length writes exactly that many bytes: a body
 * that lies about its length would desynchronise the connection.
 */
final class RequestBodySink implements PayloadSink {
    private final ClientConnection conn;
    private final long length;
    private long written;

    /** A sink for a body of {@code length} bytes, or -1 for chunked. */
    RequestBodySink(ClientConnection conn, long length) {
        this.conn = conn;
        this.length = length;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        if (conn.lost != null) {
            throw conn.lost;
        }
        if (conn.transport.isClosing()) {
            // a failed send closes the transport before connectionLost runs: stop here rather
            // than feed the rest of the body into a dead socket
            throw new io.jasyncio.stream.ConnectionResetException("the connection closed while the request body was sent");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (length >= 0) {
            if (written + n > length) {
                throw new IOException("the request body wrote more than its length of " + length + " bytes");
            }
            conn.transport.write(data);
        } else {
            conn.transport.write(RequestEncoder.chunk(data));
        }
        written += n;
        conn.awaitWritable(Long.MAX_VALUE);
    }

    /**
     * Ends the body: the last chunk when chunked.
     *
     * @throws IOException if a body of known length wrote fewer bytes, or the connection is lost
     */
    void finish() throws IOException {
        if (conn.lost != null) {
            throw conn.lost;
        }
        if (length >= 0 && written != length) {
            throw new IOException("the request body wrote " + written + " of its " + length + " bytes");
        }
        if (length < 0) {
            conn.transport.write(RequestEncoder.lastChunk(new Headers()));
        }
        conn.awaitWritable(Long.MAX_VALUE);
    }
}
