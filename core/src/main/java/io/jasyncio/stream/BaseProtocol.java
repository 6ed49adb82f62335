package io.jasyncio.stream;

/**
 * The callbacks every protocol receives from its transport: asyncio's {@code BaseProtocol}.
 *
 * <p>A transport calls these on the loop thread, never concurrently, and never after
 * {@link #connectionLost}. An exception thrown from a callback goes to the loop's exception
 * handler and the transport is closed, as asyncio does.
 */
public interface BaseProtocol {
    /**
     * The connection is closed: {@code exc} is null after a regular close or end of stream, else
     * what broke it. Called exactly once per transport, after which the transport is unusable.
     */
    default void connectionLost(Throwable exc) {
    }

    /**
     * The transport's write buffer went over its high-water mark: stop writing until
     * {@link #resumeWriting()}. Data written meanwhile is buffered, never dropped.
     */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to its low-water mark after {@link #pauseWriting()}. */
    default void resumeWriting() {
    }
}
