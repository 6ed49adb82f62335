package io.jasyncio.loop;

/**
 * The part of an event loop that waits for I/O readiness; each mechanism is one implementation,
 * named by it ({@link SelectorBackend}; an io_uring backend later).
 *
 * <p>All methods but {@link #wakeup()} are called only by the loop thread.
 */
public interface IoBackend extends AutoCloseable {
    /**
     * Waits until I/O is ready, {@link #wakeup()} is called, or the timeout passes.
     *
     * @param timeoutNanos 0 to not wait at all, negative to wait without limit
     */
    void poll(long timeoutNanos);

    /** Makes a current or the next {@link #poll} return at once; any thread may call it. */
    void wakeup();

    /** Whether any I/O source is registered (virtual time only jumps when there is none). */
    boolean hasRegistrations();

    /** Releases the backend's resources; the loop is closed with it. */
    @Override
    void close();
}
