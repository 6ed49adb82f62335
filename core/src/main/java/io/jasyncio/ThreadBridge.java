package io.jasyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bridges between the loop and the rest of Java: work on other threads, and JDK futures.
 * Each completes the loop side through {@link EventLoop#callSoonThreadsafe}, and each lets a
 * cancellation cross in both directions.
 */
final class ThreadBridge {
    /*
     * Implementation notes.
     *
     * runInExecutor wraps the work in a FutureTask so that any Executor works and cancel(true)
     * interrupts the worker. The worker posts its outcome to the loop; if the loop future was
     * cancelled meanwhile, the outcome is dropped. A loop closed before the worker ends makes
     * callSoonThreadsafe throw; the outcome has nobody to go to and is dropped.
     */
    private ThreadBridge() {
    }

    static <T> Future<T> runInExecutor(EventLoop loop, Executor executor, Callable<T> work) {
        if (work == null) {
            throw new NullPointerException("work");
        }
        Executor ex = executor != null ? executor : loop.defaultExecutor();
        Future<T> result = loop.createFuture();
        Context context = Context.current();
        FutureTask<Void> job = new FutureTask<>(() -> {
            T value;
            try {
                value = context.run(work);
            } catch (Throwable e) {
                post(loop, () -> result.trySetException(e));
                return null;
            }
            post(loop, () -> result.trySetResult(value));
            return null;
        });
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                job.cancel(true);
            }
        });
        ex.execute(job);
        return result;
    }

    private static void post(EventLoop loop, Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException closed) {
            // The loop is gone; nobody is waiting for this outcome any more.
        }
    }

    /** A loop future that follows {@code stage}; cancelling it cancels the stage. */
    static <T> Future<T> wrap(EventLoop loop, CompletionStage<T> stage) {
        Future<T> result = loop.createFuture();
        stage.whenComplete((value, error) -> post(loop, () -> {
            if (result.isDone()) {
                return;
            }
            Throwable cause = unwrap(error);
            if (cause == null) {
                result.setResult(value);
            } else if (cause instanceof CancellationException) {
                result.cancel(cause.getMessage());
            } else {
                result.setException(cause);
            }
        }));
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                stage.toCompletableFuture().cancel(true);
            }
        });
        return result;
    }

    /** A CompletableFuture that follows {@code future}; cancelling it cancels the future. */
    static <T> CompletableFuture<T> toCompletable(Future<T> future) {
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    post(future.loop(), () -> future.cancel("cancelled through toCompletableFuture()"));
                }
                return cancelled;
            }
        };
        future.addDoneCallback(f -> {
            if (f.isCancelled()) {
                cf.cancel(false);
                return;
            }
            Throwable e = f.exception();
            if (e != null) {
                cf.completeExceptionally(e);
            } else {
                cf.complete(f.result());
            }
        });
        return cf;
    }

    static <T> CompletableFuture<T> runCoroutineThreadsafe(Callable<T> coro, EventLoop loop) {
        CompletableFuture<Task<T>> started = new CompletableFuture<>();
        // Both the canceller's thread and the loop (cancelled before the task existed) may try to
        // pass the cancellation on; it must reach the task once, or cancelling() would count two.
        AtomicBoolean cancelPassedOn = new AtomicBoolean();
        CompletableFuture<T> outcome = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    started.thenAccept(t -> post(loop, () -> {
                        if (cancelPassedOn.compareAndSet(false, true)) {
                            t.cancel("cancelled through runCoroutineThreadsafe()");
                        }
                    }));
                }
                return cancelled;
            }
        };
        loop.callSoonThreadsafe(() -> {
            Task<T> task;
            try {
                task = loop.createTask(coro);
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
                return;
            }
            task.addDoneCallback(t -> {
                if (t.isCancelled()) {
                    outcome.cancel(false);
                } else if (t.exception() != null) {
                    outcome.completeExceptionally(t.exception());
                } else {
                    outcome.complete(t.result());
                }
            });
            started.complete(task);
            if (outcome.isCancelled() && cancelPassedOn.compareAndSet(false, true)) {
                task.cancel("cancelled through runCoroutineThreadsafe()");
            }
        });
        return outcome;
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
