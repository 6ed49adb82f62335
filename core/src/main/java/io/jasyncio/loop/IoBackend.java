package io.jasyncio.loop;

import java.nio.channels.SelectableChannel;
import java.util.function.Consumer;

/**
 * The part of an event loop that waits for I/O readiness; each mechanism is one implementation,
 * named by it ({@link SelectorBackend}; an io_uring backend later).
 *
 * <p>A channel has at most one reader and one writer callback. The backend stores them and, when
 * a poll finds the channel ready, hands them to the loop's ready queue; cancelling them (when
 * they are replaced or removed) is the loop's business, not the backend's.
 *
 * <p>All methods but {@link #wakeup()} are called only by the loop thread.
 */
public interface IoBackend extends AutoCloseable {
    /**
     * Waits until I/O is ready, {@link #wakeup()} is called, or the timeout passes, then passes
     * the callback of each ready reader and writer to {@code ready}, in no particular order.
     *
     * @param timeoutNanos 0 to not wait at all, negative to wait without limit
     * @param ready where the ready callbacks go (the loop's ready queue)
     */
    void poll(long timeoutNanos, Consumer<Runnable> ready);

    /** Makes a current or the next {@link #poll} return at once; any thread may call it. */
    void wakeup();

    /**
     * Whether polling might report anything or finish a deregistration: cheap, and may say true
     * for a channel whose callbacks were all removed or that was closed since the last poll. The
     * loop skips zero-timeout polls when it is false.
     */
    boolean hasRegistrations();

    /**
     * How many open channels have a reader or a writer callback: exact, and may cost time in the
     * number of channels the backend knows. Virtual time jumps only when it is zero; the test
     * harness checks it for leaks.
     */
    int registrationCount();

    /**
     * Sets the callback to run when {@code channel} is readable (acceptable, for a server
     * channel), or removes it if {@code callback} is null.
     *
     * @return the callback it replaces or removes, or null
     * @throws java.io.UncheckedIOException wrapping {@link java.nio.channels.ClosedChannelException}
     *         if a callback is set on a closed channel
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws IllegalArgumentException if the channel cannot be read (a pipe's sink)
     */
    Runnable setReader(SelectableChannel channel, Runnable callback);

    /**
     * Sets the callback to run when {@code channel} is writable, or removes it if
     * {@code callback} is null. For a socket whose connect is in progress, "writable" means the
     * connect finished (or failed).
     *
     * @return the callback it replaces or removes, or null
     * @throws java.io.UncheckedIOException wrapping {@link java.nio.channels.ClosedChannelException}
     *         if a callback is set on a closed channel
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws IllegalArgumentException if the channel cannot be written (a server socket)
     */
    Runnable setWriter(SelectableChannel channel, Runnable callback);

    /**
     * Forgets {@code channel} now: its registration, if any, ends before this returns, so that
     * closing the channel next closes its descriptor at once. The JDK defers the close of a
     * channel still registered with a selector to that selector's next poll, which lets a peer
     * see a clean end where an abort meant a reset, and lets a closed listening socket accept
     * connections. Call it on the loop thread, outside {@link #poll}. The default does nothing:
     * for backends whose registrations do not hold the descriptor open.
     */
    default void deregister(SelectableChannel channel) {
    }

    /**
     * Forgets {@code channel} by the next {@link #poll} or {@link #flushDeregistered}, whichever
     * comes first, so that many channels closed in one loop iteration cost one flush. For a
     * connected socket closed gracefully: the JDK sends its FIN at once and closes the
     * descriptor when the registration ends. The default calls {@link #deregister}.
     */
    default void deregisterSoon(SelectableChannel channel) {
        deregister(channel);
    }

    /**
     * Ends every registration {@link #deregisterSoon} left pending, so that the descriptors of the
     * channels closed since the last poll are closed now. The loop calls it when it stops
     * running. The default does nothing.
     */
    default void flushDeregistered() {
    }

    /** Releases the backend's resources; the loop is closed with it. */
    @Override
    void close();
}
