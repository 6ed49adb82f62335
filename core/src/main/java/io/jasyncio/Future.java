package io.jasyncio;

import java.util.ArrayList;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A result that will be available later, bound to one event loop: asyncio's {@code Future}.
 *
 * <p>A future is pending, then either finished (with a result or an exception) or cancelled.
 * Done callbacks are scheduled on the loop with {@link EventLoop#callSoon} when it becomes done,
 * in the order they were added; one added to a done future is scheduled at once. All methods are
 * loop-confined: from another thread use {@link EventLoop#callSoonThreadsafe}.
 *
 * <p><b>Differs from asyncio:</b> {@link #result()} and {@link #await()} rethrow an unchecked
 * exception or error as it is, but wrap a checked one in {@link CompletionException} (Java cannot
 * rethrow it undeclared); {@link #exception()} always returns the original.
 *
 * @param <T> the result type
 */
public class Future<T> {
    /*
     * Implementation notes.
     *
     * state moves PENDING -> CANCELLED or PENDING -> FINISHED, once. callbacks holds null, one
     * Consumer, or an ArrayList of them: most futures have exactly one waiter, so the common case
     * allocates no list.
     *
     * "Exception never retrieved": when an exception is set, an UnretrievedReport is registered
     * with a Cleaner (fires if the future is collected unretrieved) and with the loop's registry
     * (fires at loop close). Retrieval through result(), exception() or await() disarms it. The
     * report holds no reference to the future, or the Cleaner would never see it collected.
     */
    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int FINISHED = 2;

    final EventLoop loop;
    private int state;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    private CancelledError cancelledError;
    private Object callbacks;
    private UnretrievedReport unretrieved;
    final Throwable creationSite;

    /**
     * A pending future bound to {@code loop}. Users go through {@link EventLoop#createFuture()}.
     *
     * @throws NullPointerException if {@code loop} is null
     */
    Future(EventLoop loop) {
        if (loop == null) {
            throw new NullPointerException("loop");
        }
        this.loop = loop;
        this.creationSite = loop.getDebug() ? new Throwable("created here") : null;
    }

    /** The loop this future is bound to. */
    public final EventLoop loop() {
        return loop;
    }

    /** Whether the future is finished or cancelled. */
    public final boolean isDone() {
        return state != PENDING;
    }

    /** Whether the future was cancelled. */
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Cancels the future and schedules its callbacks.
     *
     * @return false if it was already done
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future with a message that the {@link CancelledError} will carry.
     *
     * @return false if it was already done
     */
    public boolean cancel(String message) {
        return cancelFuture(message);
    }

    /** Cancels this future itself (Task overrides {@link #cancel(String)} with a request). */
    final boolean cancelFuture(String message) {
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        cancelMessage = message;
        scheduleCallbacks();
        return true;
    }

    /**
     * The result, or the failure rethrown.
     *
     * @throws InvalidStateError if the future is pending
     * @throws CancelledError if it was cancelled
     * @throws CompletionException wrapping the exception if it is checked; an unchecked exception
     *         or error is rethrown as it is
     */
    public final T result() {
        if (state == PENDING) {
            throw new InvalidStateError("the result is not ready");
        }
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (exception != null) {
            markRetrieved();
            throw rethrowable(exception);
        }
        return result;
    }

    /**
     * The exception the future finished with, or null if it finished with a result.
     *
     * @throws InvalidStateError if the future is pending
     * @throws CancelledError if it was cancelled
     */
    public final Throwable exception() {
        if (state == PENDING) {
            throw new InvalidStateError("the exception is not set");
        }
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        markRetrieved();
        return exception;
    }

    /**
     * Finishes the future with {@code value} and schedules its callbacks.
     *
     * @throws InvalidStateError if it is already done
     */
    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateError("cannot set a result: " + this);
        }
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Finishes the future with {@code value} unless it is already done (cancelled, or finished
     * by someone else first): the guard {@code if (!f.isDone()) f.setResult(v)} in one call.
     * asyncio has no such method; its code writes the guard out.
     *
     * @return whether this call finished the future
     * @throws UnsupportedOperationException on a pending {@link Task}, whose outcome only its body
     *         decides (asyncio raises RuntimeError)
     */
    public boolean trySetResult(T value) {
        if (isDone()) {
            return false;
        }
        setResult(value);
        return true;
    }

    /**
     * Finishes the future with {@code error} unless it is already done; see
     * {@link #trySetResult}.
     *
     * @return whether this call finished the future
     * @throws NullPointerException if {@code error} is null, even when the future is done
     * @throws UnsupportedOperationException on a pending {@link Task}
     */
    public boolean trySetException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        if (isDone()) {
            return false;
        }
        setException(error);
        return true;
    }

    /**
     * Finishes the future with {@code error} and schedules its callbacks. If nobody retrieves the
     * error, it is reported to the loop's exception handler when the future is collected or the
     * loop is closed.
     *
     * @throws InvalidStateError if it is already done
     * @throws NullPointerException if {@code error} is null
     */
    public void setException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        if (state != PENDING) {
            throw new InvalidStateError("cannot set an exception: " + this);
        }
        exception = error;
        state = FINISHED;
        unretrieved = UnretrievedReport.arm(this, error);
        scheduleCallbacks();
    }

    /**
     * Adds a callback to run, via the loop, with this future once it is done; if it is already
     * done the callback is scheduled now. It runs in the {@link Context} current when it was
     * added.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        addDoneCallback(callback, loop.currentContext());
    }

    /**
     * Like {@link #addDoneCallback(Consumer)}, with the callback running in {@code context}
     * instead of the current one: asyncio's {@code add_done_callback(fn, context=)}.
     *
     * @throws NullPointerException if {@code callback} or {@code context} is null
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        if (context == null) {
            throw new NullPointerException("context");
        }
        Object entry = context == Context.EMPTY ? callback : new InContext(callback, context);
        if (state != PENDING) {
            schedule(entry);
        } else if (callbacks == null) {
            callbacks = entry;
        } else if (callbacks instanceof ArrayList<?> list) {
            @SuppressWarnings("unchecked")
            ArrayList<Object> l = (ArrayList<Object>) list;
            l.add(entry);
        } else {
            ArrayList<Object> l = new ArrayList<>(4);
            l.add(callbacks);
            l.add(entry);
            callbacks = l;
        }
    }

    /**
     * Removes every registration of {@code callback} that has not been scheduled yet.
     *
     * @return how many were removed
     */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (callbacks == null) {
            return 0;
        }
        if (InContext.is(callbacks, callback)) {
            callbacks = null;
            return 1;
        }
        if (callbacks instanceof ArrayList<?> list) {
            int before = list.size();
            list.removeIf(c -> InContext.is(c, callback));
            return before - list.size();
        }
        return 0;
    }

    /**
     * Suspends the calling task until the future is done, then returns {@link #result()}. A done
     * future returns at once, without yielding to the loop. A cancellation point: if the calling
     * task is cancelled while waiting, this future is cancelled too and {@link CancelledError} is
     * thrown.
     *
     * @throws IllegalStateException if not called from a task running on this future's loop, or
     *         if a task awaits itself
     * @throws CancelledError if this future or the waiting task is cancelled
     * @throws CompletionException as {@link #result()}
     */
    public final T await() {
        if (state == PENDING) {
            Task.waitFor(this);
        }
        return result();
    }

    /**
     * A {@link java.util.concurrent.CompletableFuture} completed, from the loop thread, with this
     * future's outcome; other threads can wait on it. Cancelling it cancels this future (through
     * {@link EventLoop#callSoonThreadsafe}). Call it on the loop thread.
     */
    public final java.util.concurrent.CompletableFuture<T> toCompletableFuture() {
        return ThreadBridge.toCompletable(this);
    }

    /** The exception that {@link #result()} throws for a cancelled future. */
    final CancelledError makeCancelledError() {
        CancelledError e = cancelledError;
        if (e != null) {
            cancelledError = null;
            return e;
        }
        return new CancelledError(cancelMessage);
    }

    /** Keeps the error that cancelled a task, so the first result() rethrows that very one. */
    final void rememberCancelledError(CancelledError error) {
        cancelledError = error;
    }

    final void markRetrieved() {
        UnretrievedReport r = unretrieved;
        if (r != null) {
            unretrieved = null;
            r.disarm();
        }
    }

    /** The message given to {@link #cancel(String)}, or null. */
    final String cancelMessage() {
        return cancelMessage;
    }

    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof ArrayList<?> list) {
            for (Object c : list) {
                schedule(c);
            }
        } else {
            schedule(cbs);
        }
    }

    @SuppressWarnings("unchecked")
    private void schedule(Object entry) {
        if (entry instanceof InContext ic) {
            loop.callSoon(new DoneCallback<>((Consumer<? super Future<T>>) ic.callback(), this), ic.context());
        } else {
            loop.callSoon(new DoneCallback<>((Consumer<? super Future<T>>) entry, this));
        }
    }

    /** A done callback added in a non-empty context, which it will run in (as asyncio). */
    private record InContext(Consumer<?> callback, Context context) {
        static boolean is(Object entry, Object callback) {
            return entry == callback || (entry instanceof InContext ic && ic.callback == callback);
        }
    }

    /** A done callback bound to its future; toString names both for slow-step reports. */
    private record DoneCallback<T>(Consumer<? super Future<T>> callback, Future<T> future) implements Runnable {
        @Override
        public void run() {
            callback.accept(future);
        }

        @Override
        public String toString() {
            return "done callback " + callback + " of " + future;
        }
    }

    static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }

    /** "pending", "cancelled", "finished" or "failed". */
    final String stateName() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> exception != null ? "failed" : "finished";
        };
    }

    @Override
    public String toString() {
        return "Future[" + stateName() + (state == FINISHED && exception == null ? ", result=" + result : "")
                + (exception != null ? ", exception=" + exception : "") + "]";
    }
}
