package io.jasyncio.uring;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.ServerHook;
import io.jasyncio.stream.SocketTransportProvider;
import io.jasyncio.stream.Transport;
import io.jasyncio.loop.BaseEventLoop;
import io.jasyncio.loop.LoopClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;

/**
 * An event loop over Linux's io_uring: the shared scheduler ({@link BaseEventLoop}) over a
 * ring driven through {@code java.lang.foreign}, keeping real time. Every existing transport
 * (TCP, Unix, UDP, TLS, servers, subprocess pipes, {@code addReader}) works on it unchanged
 * through readiness polls on the ring; completion-based operations (socket transports, file
 * operations) use the ring directly, submitting all that one loop iteration queued and waiting
 * for completions in one system call.
 * {@snippet :
 * try (EventLoop loop = new UringEventLoop()) {
 *     loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(10)));
 * }
 * }
 *
 * <p>Needs Linux 5.11+ with io_uring allowed (no {@code kernel.io_uring_disabled}, no seccomp
 * filter against it) and the JVM flags {@code --enable-native-access=ALL-UNNAMED} and
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}; {@link UringLoopProvider#unavailableReason()}
 * says which is missing.
 *
 * <p><b>Differs from asyncio:</b> asyncio has no io_uring loop (its loops use selectors, or IOCP
 * on Windows); uvloop, the usual faster loop, is built on libuv's epoll. Like the selector loop
 * here, readiness is level-triggered: a reader callback that leaves data unread is called again.
 */
public final class UringEventLoop extends BaseEventLoop implements EventLoop, SocketTransportProvider {
    private final UringBackend backend;
    /** The completion-based socket transports (made with the first one). */
    private UringSocketTransports sockets;

    /**
     * A loop with {@link UringOptions#DEFAULT}. Its ring is bound to the first (platform) thread
     * that runs it (task-run mode {@link UringOptions.TaskRun#DEFER}): running it later on another
     * thread throws {@link IllegalStateException}; see {@link UringOptions.TaskRun}.
     *
     * @throws UnsupportedOperationException if io_uring cannot be used here (the message says why)
     * @throws UncheckedIOException if the ring cannot be set up (out of memory, too many open files)
     */
    public UringEventLoop() {
        this(UringOptions.DEFAULT);
    }

    /**
     * A loop whose ring is set up per {@code options}.
     *
     * @throws UnsupportedOperationException if io_uring cannot be used here (the message says why)
     * @throws UncheckedIOException if the ring cannot be set up (out of memory, too many open
     *         files, SQPOLL refused)
     */
    public UringEventLoop(UringOptions options) {
        this(newBackend(options));
    }

    private UringEventLoop(UringBackend backend) {
        super(backend, LoopClock.system());
        this.backend = backend;
    }

    private static UringBackend newBackend(UringOptions options) {
        String reason = UringAvailability.reason();
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        try {
            return new UringBackend(options);
        } catch (UringException e) {
            throw new UncheckedIOException(new IOException("cannot set up an io_uring: " + e.getMessage(), e));
        }
    }

    /** The backend, for the completion transports and file operations of this module. */
    UringBackend backend() {
        return backend;
    }

    /** This loop's completion-based socket transports and their receive buffers. */
    UringSocketTransports sockets() {
        if (sockets == null) {
            sockets = new UringSocketTransports(this);
        }
        return sockets;
    }

    /**
     * A completion-based transport (multishot receive into provided buffers, batched sends) for
     * {@code channel}; core's readiness transport with {@code -Djasyncio.uring.transport=readiness}.
     * See {@link SocketTransportProvider#createSocketTransport}.
     */
    @Override
    public Transport createSocketTransport(SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, ServerHook server)
            throws IOException {
        return sockets().create(channel, protocol, waiter, server);
    }

    @Override
    public void close() {
        // The receive buffers are unregistered while the ring is still open: super.close() closes it.
        if (!isRunning() && !isClosed() && sockets != null) {
            sockets.close();
        }
        super.close();
    }
}
