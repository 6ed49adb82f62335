package io.jasyncio.http.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a streaming response writes its body: chunk by chunk with chunked transfer coding, or
 * as one declared length. Writes never block; {@link #drain} suspends while the connection's
 * send buffer is above its high-water mark, which is the backpressure a producer must respect.
 */
public interface BodyWriter {
    /**
     * Queues {@code data}'s remaining bytes (copied) as the next part of the body.
     *
     * @throws IOException if the client has gone away
     * @throws IllegalStateException after {@link #close}, or beyond a declared length
     */
    void write(ByteBuffer data) throws IOException;

    /** Queues {@code data} as {@link #write(ByteBuffer)} does. */
    default void write(byte[] data) throws IOException {
        write(ByteBuffer.wrap(data));
    }

    /** Queues {@code text} in UTF-8 as {@link #write(ByteBuffer)} does. */
    default void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Suspends until the connection's send buffer is below its low-water mark.
     *
     * @throws IOException if the client has gone away
     * @throws io.jasyncio.CancelledError if the task is cancelled while it waits
     */
    void drain() throws IOException;

    /** Ends the body (the last chunk, for chunked coding). Idempotent. */
    void close() throws IOException;
}
