package io.jasyncio.uring;

import io.jasyncio.EventLoop;
import io.jasyncio.EventLoopProvider;

/**
 * Makes {@link UringEventLoop}s for {@code LoopKind}'s lookup by name ({@code uring},
 * {@code -Djasyncio.loop=uring}); registered in {@code META-INF/services}. Constructing it
 * touches nothing native; the first {@link #unavailableReason()} probes io_uring once.
 *
 * <p><b>Differs from asyncio:</b> asyncio picks loops through event loop policies and has no
 * io_uring loop; this is only the factory part.
 */
public final class UringLoopProvider implements EventLoopProvider {
    /** The name the loop is selected by. */
    public static final String NAME = "uring";

    /** A provider; what ServiceLoader calls. */
    public UringLoopProvider() {
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Null when this process can run the io_uring loop; otherwise which cause stops it: no
     * io_uring in the kernel (ENOSYS), the {@code kernel.io_uring_disabled} sysctl, a seccomp
     * filter (ENOSYS or EPERM, as Docker's default profile), a kernel too old for a feature the
     * loop needs, or a missing JVM flag ({@code --enable-native-access=ALL-UNNAMED},
     * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}). Probed once per process.
     */
    @Override
    public String unavailableReason() {
        return UringAvailability.reason();
    }

    /**
     * A new {@link UringEventLoop} with the default options.
     *
     * @throws UnsupportedOperationException with {@link #unavailableReason()} as its message
     *         when the loop cannot run here
     * @throws java.io.UncheckedIOException if the ring cannot be set up
     */
    @Override
    public EventLoop create() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        return new UringEventLoop();
    }
}
