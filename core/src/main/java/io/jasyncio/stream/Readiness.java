package io.jasyncio.stream;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import java.nio.channels.SelectableChannel;

/**
 * Suspends the calling task until a channel is readable or writable, through the loop's public
 * reader and writer registration; the one waiting point of every {@code sock*} operation.
 */
final class Readiness {
    /*
     * Implementation notes.
     *
     * The registered callback only completes a future; the caller does the I/O itself after it
     * resumes. So a cancelled wait has consumed nothing, and the finally block removes the
     * registration whether the wait ended by readiness, cancellation or a closed loop.
     */
    private Readiness() {
    }

    /** Suspends until {@code channel} is readable (a cancellation point). */
    static void readable(EventLoop loop, SelectableChannel channel) {
        Future<Void> ready = loop.createFuture();
        loop.addReader(channel, () -> complete(ready));
        try {
            ready.await();
        } finally {
            loop.removeReader(channel);
        }
    }

    /** Suspends until {@code channel} is writable, or its connect finished (a cancellation point). */
    static void writable(EventLoop loop, SelectableChannel channel) {
        Future<Void> ready = loop.createFuture();
        loop.addWriter(channel, () -> complete(ready));
        try {
            ready.await();
        } finally {
            loop.removeWriter(channel);
        }
    }

    private static void complete(Future<Void> f) {
        f.trySetResult(null);
    }
}
