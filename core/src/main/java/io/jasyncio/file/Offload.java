package io.jasyncio.file;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs one blocking file call on a virtual thread of the loop's default executor and suspends
 * the calling task until it is done: {@code toThread} without the interrupt.
 */
final class Offload {
    /*
     * Implementation notes.
     *
     * toThread interrupts its worker when the caller is cancelled, and an interrupt closes a
     * FileChannel (ClosedByInterruptException), which would close the file under every other
     * task using it. So the worker is never interrupted: a cancelled caller stops waiting at
     * once, the call runs to its end, and its outcome is handed to `orphan` (close the channel it
     * opened, give back its buffer) instead of being lost. Exactly one of the caller and `orphan`
     * gets a successful value: the caller if the future took it and the caller was not cancelled
     * before resuming, `orphan` otherwise.
     */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    private Offload() {
    }

    static <T> T call(IoCall<T> work, Consumer<? super T> orphan) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        Future<T> f = loop.createFuture();
        loop.defaultExecutor().execute(() -> {
            T value = null;
            Throwable error = null;
            try {
                value = work.call();
            } catch (Throwable e) {
                error = e;
            }
            T v = value;
            Throwable e = error;
            try {
                loop.callSoonThreadsafe(() -> {
                    boolean taken = e == null ? f.trySetResult(v) : f.trySetException(e);
                    if (!taken && e == null && orphan != null) {
                        orphan.accept(v);
                    }
                });
            } catch (IllegalStateException closed) {
                if (e == null && orphan != null) {
                    orphan.accept(v);
                }
            }
        });
        try {
            return f.await();
        } catch (CompletionException e) {
            throw rethrow(e);
        } catch (Error | RuntimeException e) {
            // Cancelled after the call finished but before the task resumed: the outcome is ours.
            if (f.isDone() && !f.isCancelled() && f.exception() == null && orphan != null) {
                orphan.accept(f.result());
            }
            throw e;
        }
    }

    /** The IOException inside a CompletionException of a future, or the exception unchecked. */
    static RuntimeException rethrow(CompletionException e) throws IOException {
        if (e.getCause() instanceof IOException io) {
            throw io;
        }
        throw e;
    }
}
