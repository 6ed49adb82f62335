package io.jasyncio.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

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

    /**
     * Whether {@link #sendfile} is available: true for plain TCP and Unix-domain socket
     * transports, false for TLS and others (their bytes must pass through the JVM).
     */
    default boolean canSendfile() {
        return false;
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} without copying them
     * through the JVM ({@link FileChannel#transferTo} into the socket, the kernel's sendfile):
     * asyncio's {@code loop.sendfile} on its native path. Suspends until every byte is handed to
     * the socket (data buffered by earlier writes goes first); a cancellation point. While it
     * runs, {@link #write} throws. Sends fewer bytes only if the file ends first; the file's
     * own position does not move.
     *
     * <p><b>Differs from asyncio:</b> a method of the transport rather than of the loop, and no
     * built-in fallback: when {@link #canSendfile()} is false, read the file and write it with
     * your protocol's drain.
     *
     * @return the bytes sent
     * @throws UnsupportedOperationException if {@link #canSendfile()} is false
     * @throws IllegalStateException after {@link #writeEof()}, during another sendfile, or
     *         outside a task
     * @throws ConnectionResetException if the connection closes or is lost before all is sent
     * @throws IOException if reading the file or writing the socket fails (a write failure
     *         also closes the transport, as a failed {@link #write} does)
     * @throws io.jasyncio.CancelledError if the calling task is cancelled; part of the region
     *         may have been sent
     */
    default long sendfile(FileChannel file, long position, long count) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot sendfile (see canSendfile())");
    }

    /** The protocol receiving this transport's events. */
    ConnectionProtocol getProtocol();

    /**
     * Hands later events to {@code protocol} (as {@code startTls} and protocol upgrades do);
     * {@link ConnectionProtocol#connectionMade} is not called on it.
     */
    void setProtocol(ConnectionProtocol protocol);
}
