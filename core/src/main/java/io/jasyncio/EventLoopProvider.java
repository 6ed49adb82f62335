package io.jasyncio;

/**
 * A kind of event loop that lives in a module of its own (the io_uring loop in
 * {@code jasyncio-uring}), found through {@link java.util.ServiceLoader}: a module provides it in
 * {@code META-INF/services/io.jasyncio.EventLoopProvider}, and {@link LoopKind} creates its loops
 * by {@link #name()}. asyncio has event loop policies for the same job; this is only the factory
 * part.
 *
 * <p>An implementation must be cheap to construct and must not touch native resources before
 * {@link #unavailableReason()} or {@link #create()} is called.
 */
public interface EventLoopProvider {
    /** The lower-case name {@code -Djasyncio.loop=NAME} selects it by, for example {@code uring}. */
    String name();

    /**
     * Null when this machine can run the loop; otherwise one sentence that says which cause stops
     * it (an old kernel, a sysctl that disables it, a seccomp filter, a missing JVM flag), for
     * the message of a request that cannot be met. Probed once and remembered.
     */
    String unavailableReason();

    /**
     * A new loop of this kind.
     *
     * @throws UnsupportedOperationException with {@link #unavailableReason()} as its message when
     *         the loop cannot run here
     */
    EventLoop create();
}
