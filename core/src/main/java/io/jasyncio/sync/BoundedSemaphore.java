package io.jasyncio.sync;

/**
 * A {@link Semaphore} that refuses to hold more permits than it started with: asyncio's
 * {@code BoundedSemaphore}, in Java.
 *
 * <p>A {@link #release()} that would raise the count of free permits above the initial value
 * throws {@link IllegalStateException}, which catches a task that releases what it never
 * acquired. Everything else, including suspension, cancellation and FIFO order, is as
 * {@link Semaphore}.
 *
 * {@snippet :
 * BoundedSemaphore pool = new BoundedSemaphore(4);
 * try (var _ = pool.acquire()) {
 *     use(connection());
 * }
 * pool.release();                         // throws IllegalStateException: released too many times
 * }
 *
 * <p><b>Differs from asyncio:</b> over-release throws {@link IllegalStateException} where
 * asyncio raises {@code ValueError}: no argument is wrong, the semaphore's state is. The bound
 * is checked against free permits, as asyncio does: a release while a permit is on its way to a
 * waiter is judged as if that waiter held it.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /** The initial number of permits, which free permits may never exceed. */
    public int bound() {
        return bound;
    }

    /**
     * Gives a permit back, as {@link Semaphore#release()}. Never suspends.
     *
     * @throws IllegalStateException if every permit is already free (released too many times)
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (bound " + bound + ")");
        }
        super.release();
    }
}
