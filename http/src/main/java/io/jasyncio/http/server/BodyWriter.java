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
     * Queues {@code data}'s remaining bytes (copied; {@code data}'s position does not move) as
     * the next part of the body: one chunk with chunked coding. Does not suspend: call
     * {@link #drain} between writes to respect backpressure.
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

    /**
     * Ends the body (the last chunk, for chunked coding); the server calls it after the
     * producer returns. Idempotent. A declared length not filled by then makes the server close
     * the connection, as the client cannot tell where the body ended.
     */
    void close() throws IOException;
}
