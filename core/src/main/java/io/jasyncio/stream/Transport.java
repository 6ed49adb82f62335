package io.jasyncio.stream;

import java.nio.ByteBuffer;

/**
 * A stream connection's transport (TCP, Unix, TLS): asyncio's {@code Transport}, i.e. its
 * {@code ReadTransport} and {@code WriteTransport} in one.
 *
 * <p><b>Writes never block and never drop data.</b> {@link #write} sends what the socket takes
 * at once and buffers the rest; when the buffer passes the high-water mark the protocol's
 * {@link BaseProtocol#pauseWriting()} is called, and {@link BaseProtocol#resumeWriting()} when it
 * drains to the low-water mark. A protocol that ignores them grows the buffer without bound, as
 * in asyncio; streams' {@code drain()} honours them.
 *
 * <p>Loop-confined: call it from the loop thread that owns it.
 */
public interface Transport extends BaseTransport {
    /** asyncio's default high-water mark: 64 KiB. */
    int DEFAULT_HIGH_WATER = 64 * 1024;

    /**
     * Sends {@code data}'s remaining bytes, or buffers what cannot be sent now. Consumes
     * {@code data} (its position moves to its limit); the transport copies what it keeps, so the
     * caller may reuse the buffer when this returns.
     *
     * @throws IllegalStateException if {@link #writeEof()} was called
     */
    void write(ByteBuffer data);

    /** {@link #write(ByteBuffer)} of the whole array. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Writes each buffer in turn, as one gathering write where the socket allows. */
    default void writeLines(Iterable<ByteBuffer> data) {
        for (ByteBuffer b : data) {
            write(b);
        }
    }

    /**
     * Closes the sending side once buffered data is sent (TCP half-close); reading goes on.
     *
     * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
     */
    void writeEof();

    /** Whether {@link #writeEof()} is supported (false for TLS, as in asyncio). */
    boolean canWriteEof();

    /** Stops calling the protocol with received data until {@link #resumeReading()}. Idempotent. */
    void pauseReading();

    /** Resumes reading after {@link #pauseReading()}. Idempotent. */
    void resumeReading();

    /** Whether the transport is reading (not paused and not closing). */
    boolean isReading();

    /**
     * Sets the write buffer's marks: {@link BaseProtocol#pauseWriting()} above {@code high}
     * bytes, {@link BaseProtocol#resumeWriting()} at or below {@code low}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    void setWriteBufferLimits(int high, int low);

    /** {@link #setWriteBufferLimits(int, int)} with low = high / 4, as asyncio. */
    default void setWriteBufferLimits(int high) {
        setWriteBufferLimits(high, high / 4);
    }

    /** The high-water mark in bytes. */
    int getWriteBufferHighWater();

    /** The low-water mark in bytes. */
    int getWriteBufferLowWater();

    /** Bytes written but not yet sent. */
    int getWriteBufferSize();

    /** The protocol receiving this transport's events. */
    ConnectionProtocol getProtocol();

    /**
     * Hands later events to {@code protocol} (as {@code startTls} and protocol upgrades do);
     * {@link ConnectionProtocol#connectionMade} is not called on it.
     */
    void setProtocol(ConnectionProtocol protocol);
}
