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
     * All of a future's state is one int, `state`, changed only by the named transitions below,
     * each of which asserts where it comes from (tokio's runtime/task/state.rs is the model;
     * the checks are Java asserts, on in tests, free in production). Its low two bits are the
     * lifecycle:
     *
     *     PENDING --finish(v)----> FINISHED    outcome = v
     *     PENDING --fail(e)------> FAILED      outcome = e
     *     PENDING --cancelled()--> CANCELLED   outcome = the CancelledError to rethrow, or null;
     *                                          cancelMessage = its message
     *
     * each taken at most once. The outcome is stored once, in `outcome`, whatever the lifecycle;
     * a Task's body writes its result or error straight there while the task is still PENDING.
     * The bits above the lifecycle belong to Task (see its notes): flags for a requested and a
     * delivered cancellation, a step queued, a step running, the body failed; and, from bit
     * CANCEL_UNIT up, the count of cancellation requests (cancelling()).
     *
     * callbacks holds null, one entry, or an ArrayList of them: most futures have exactly one
     * waiter, so the common case allocates no list. An entry is a task's Wakeup, which is queued
     * on the loop as it is (the task sets its own context), or a DoneCallback, made when the
     * callback is added and queued as it is too: it carries the context and future it runs
     * with, so neither a Handle nor another wrapper is allocated when the future completes.
     *
     * A CancelledError thrown by a task's body is handed out once, by the first result() or
     * exception(), so the caller sees the very error (and stack) that ended the task; later
     * calls get a fresh one with the same message, as asyncio's _make_cancelled_error.
     *
     * "Exception never retrieved": when an exception is set, an UnretrievedReport is registered
     * with a Cleaner (fires if the future is collected unretrieved) and with the loop's registry
     * (fires at loop close). Retrieval through result(), exception() or await() disarms it. The
     * report holds no reference to the future, or the Cleaner would never see it collected.
     *
     * No error built here calls toString() on a user's object (a result or an exception): one
     * that throws would replace the error being reported.
     */
    static final int PENDING = 0;
    static final int FINISHED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;
    static final int LIFECYCLE = 3;
    // Task's flags; see Task's implementation notes.
    static final int CANCEL_REQUESTED = 1 << 2;
    static final int CANCEL_DELIVERING = 1 << 3;
    static final int SCHEDULED = 1 << 4;
    static final int RUNNING = 1 << 5;
    static final int BODY_FAILED = 1 << 6;
    static final int CANCEL_UNIT = 1 << 8;

    final EventLoop loop;
    int state;
    Object outcome;
    String cancelMessage;
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
        return (state & LIFECYCLE) != PENDING;
    }

    /** Whether the future was cancelled. */
    public final boolean isCancelled() {
        return (state & LIFECYCLE) == CANCELLED;
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
        if (isDone()) {
            return false;
        }
        cancelled(null, message);
        return true;
    }

    /**
     * The result, or the failure rethrown.
     *
     * @throws InvalidStateError "Result is not set." if the future is pending (asyncio's message)
     * @throws CancelledError if it was cancelled
     * @throws CompletionException wrapping the exception if it is checked; an unchecked exception
     *         or error is rethrown as it is
     */
    @SuppressWarnings("unchecked")
    public final T result() {
        switch (state & LIFECYCLE) {
            case FINISHED:
                return (T) outcome;
            case FAILED:
                markRetrieved();
                throw rethrowable((Throwable) outcome);
            case CANCELLED:
                throw makeCancelledError();
            default:
                throw new InvalidStateError("Result is not set.");
        }
    }

    /**
     * The exception the future finished with, or null if it finished with a result.
     *
     * @throws InvalidStateError "Exception is not set." if the future is pending (asyncio's
     *         message)
     * @throws CancelledError if it was cancelled
     */
    public final Throwable exception() {
        switch (state & LIFECYCLE) {
            case FINISHED:
                return null;
            case FAILED:
                markRetrieved();
                return (Throwable) outcome;
            case CANCELLED:
                throw makeCancelledError();
            default:
                throw new InvalidStateError("Exception is not set.");
        }
    }

    /**
     * Finishes the future with {@code value} and schedules its callbacks.
     *
     * @throws InvalidStateError "invalid state" if it is already done (the message of asyncio's C
     *         future; it names no value, so a result whose {@code toString()} throws cannot
     *         replace it)
     */
    public void setResult(T value) {
        if (isDone()) {
            throw new InvalidStateError("invalid state");
        }
        finish(value);
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
     * @throws InvalidStateError "invalid state" if it is already done (asyncio's C future's
     *         message)
     * @throws NullPointerException if {@code error} is null
     */
    public void setException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("error");
        }
        if (isDone()) {
            throw new InvalidStateError("invalid state");
        }
        fail(error);
    }

    /** Transition PENDING -> FINISHED with {@code value}. */
    final void finish(Object value) {
        assert !isDone() : "finish() of a done future";
        outcome = value;
        state = (state & ~(LIFECYCLE | CANCEL_REQUESTED | CANCEL_DELIVERING | BODY_FAILED)) | FINISHED;
        scheduleCallbacks();
    }

    /** Transition PENDING -> FAILED with {@code error}. */
    final void fail(Throwable error) {
        assert !isDone() : "fail() of a done future";
        outcome = error;
        state = (state & ~(LIFECYCLE | CANCEL_REQUESTED | CANCEL_DELIVERING | BODY_FAILED)) | FAILED;
        unretrieved = UnretrievedReport.arm(this, error);
        scheduleCallbacks();
    }

    /**
     * Transition PENDING -> CANCELLED: {@code error} (may be null) is the CancelledError the first
     * result() rethrows, {@code message} the message of every later one.
     */
    final void cancelled(CancelledError error, String message) {
        assert !isDone() : "cancelled() of a done future";
        outcome = error;
        cancelMessage = message;
        state = (state & ~(LIFECYCLE | CANCEL_REQUESTED | CANCEL_DELIVERING | BODY_FAILED)) | CANCELLED;
        scheduleCallbacks();
    }

    /**
     * Done (finished without an exception, or cancelled) -> PENDING, for a future its owner
     * reuses: {@link ParkingLot}'s per-task waiter, which would otherwise allocate a future per
     * wait. Only for a future nobody else can reach, whose callbacks have all been scheduled.
     */
    final void rearm() {
        assert isDone() && (state & LIFECYCLE) != FAILED && callbacks == null && unretrieved == null
                : "rearm() of a future in use " + this;
        state = PENDING;
        outcome = null;
        cancelMessage = null;
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
        addEntry(new DoneCallback<>(callback, this, context));
    }

    /** Registers a task's wake-up, which needs no context of its own. */
    final void addWakeup(Task<?>.Wakeup wakeup) {
        addEntry(wakeup);
    }

    private void addEntry(Object entry) {
        if (isDone()) {
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
        return removeEntry(callback);
    }

    final int removeEntry(Object callback) {
        if (callbacks == null) {
            return 0;
        }
        if (DoneCallback.is(callbacks, callback)) {
            callbacks = null;
            return 1;
        }
        if (callbacks instanceof ArrayList<?> list) {
            int before = list.size();
            list.removeIf(c -> DoneCallback.is(c, callback));
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
        if (!isDone()) {
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
        if (outcome instanceof CancelledError e) {
            outcome = null;
            return e;
        }
        return new CancelledError(cancelMessage);
    }

    final void markRetrieved() {
        UnretrievedReport r = unretrieved;
        if (r != null) {
            unretrieved = null;
            r.disarm();
        }
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

    private void schedule(Object entry) {
        if (entry instanceof Task<?>.Wakeup w) {
            w.wake();
        } else {
            TaskRegistry.KERNEL.callSoonStep(loop, (DoneCallback<?>) entry);
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
        return switch (state & LIFECYCLE) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            default -> "finished";
        };
    }

    /**
     * "Future[state]", with the result or exception. A result or exception whose own
     * {@code toString()} throws is shown by its class name, so describing a future never fails.
     */
    @Override
    public String toString() {
        int lifecycle = state & LIFECYCLE;
        return "Future[" + stateName()
                + (lifecycle == FINISHED ? ", result=" + Describe.safe(outcome) : "")
                + (lifecycle == FAILED ? ", exception=" + Describe.safe(outcome) : "") + "]";
    }
}
