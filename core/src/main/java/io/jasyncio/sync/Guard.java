package io.jasyncio.sync;

/**
 * What {@code acquire()} returns: closing it releases what was acquired, so that
 * try-with-resources plays the part of asyncio's {@code async with}.
 *
 * {@snippet :
 * try (var _ = semaphore.acquire()) {
 *     fetch(url);                            // at most N tasks in here at a time
 * }
 * }
 *
 * <p>{@link #close()} releases once; closing the same guard again does nothing. It does not
 * suspend. Releasing by hand ({@code lock.release()}) and also closing the guard releases twice.
 */
public final class Guard implements AutoCloseable {
    private Runnable release;

    Guard(Runnable release) {
        this.release = release;
    }

    /** Releases what was acquired, the first time it is called; later calls do nothing. */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return release == null;
    }

    @Override
    public String toString() {
        return "Guard[" + (release == null ? "released" : "held") + "]";
    }
}
