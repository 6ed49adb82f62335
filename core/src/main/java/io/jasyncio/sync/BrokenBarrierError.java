package io.jasyncio.sync;

import java.io.Serial;

/**
 * Thrown by {@link Barrier#await()} when the barrier is broken ({@link Barrier#abort()}) or
 * reset ({@link Barrier#reset()}) while the task waits, or is broken when it arrives: asyncio's
 * {@code BrokenBarrierError}.
 *
 * <p>Unchecked, as asyncio's is a {@code RuntimeError}; unlike
 * {@link java.util.concurrent.BrokenBarrierException}, which is checked.
 */
public class BrokenBarrierError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with a message saying how the barrier broke. */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
