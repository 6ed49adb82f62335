package io.jasyncio;

import io.jasyncio.internal.Coroutine;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.Handle;
import io.jasyncio.loop.UserFrames;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A coroutine running on an event loop, and the future of its outcome: asyncio's {@code Task}.
 *
 * <p>The coroutine is an ordinary {@link Callable}. It runs on the loop thread in steps: a step
 * runs it until it waits for a pending future ({@link Future#await()}, {@link Asyncio#sleep}...)
 * or ends. Awaiting a done future does not yield; {@code sleep(Duration.ZERO)} yields exactly
 * once. The task finishes with the callable's result or exception; a {@link CancelledError} that
 * escapes the callable makes the task cancelled.
 *
 * <p><b>Cancellation.</b> {@link #cancel(String)} asks for a {@link CancelledError} to be thrown
 * at the task's current (or next) suspension point; the task may catch it, clean up, even go on.
 * {@link #cancelling()} counts the requests and {@link #uncancel()} takes one back, as in Python
 * 3.11+. A task not yet started that is cancelled never runs its body.
 *
 * <p><b>Differs from asyncio:</b> the loop holds every unfinished task strongly, so a task
 * nobody references still runs to the end. {@link #setResult} and {@link #setException} throw
 * {@link UnsupportedOperationException}, as asyncio's raise {@code RuntimeError}.
 *
 * @param <T> the result type
 */
public class Task<T> extends Future<T> {
    /*
     * Implementation notes.
     *
     * A step: take a pending cancellation (mustCancel) as the exception to throw in, mark the
     * task current, resume the coroutine. Inside, the coroutine's wait call registered `step` as
     * the awaited future's done callback (futWaiter) before suspending; when the future is done
     * the callback runs step() again, and the wait call returns, or throws the thrown-in
     * exception. So a suspended task is resumed only by the future it waits on (or by the ready
     * queue after a bare yield), never twice.
     *
     * cancel(): if the task waits on a future and that future agrees to be cancelled, its done
     * callback will resume the task, and the wait call will throw the future's CancelledError.
     * Otherwise mustCancel is set and the next step throws a CancelledError in. If cancel() was
     * called during the step that then suspends on a future, the future is cancelled as the step
     * ends (asyncio does the same in __step).
     *
     * prev/next link unfinished tasks in the loop's TaskRegistry. When the task finishes it drops
     * its callable and coroutine so a done task keeps no stack alive.
     */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final long id = COUNTER.incrementAndGet();
    private String name;
    private Callable<? extends T> coro;
    private Coroutine coroutine;
    private final Step step = new Step();
    private Context context;
    private Future<?> futWaiter;
    private boolean mustCancel;
    private int numCancelsRequested;
    private String requestedCancelMessage;
    private Throwable throwIn;
    private T outcome;
    private Throwable outcomeError;
    Task<?> prev;
    Task<?> next;

    /**
     * Creates a task for {@code coro} on {@code loop}, scheduled to take its first step in the
     * loop's next iteration. Same as {@link EventLoop#createTask(Callable, String)}.
     *
     * @param name the task's name; null picks {@code Task-N}
     * @throws IllegalStateException if the loop is closed
     * @throws NullPointerException if {@code coro} is null
     */
    public Task(EventLoop loop, Callable<? extends T> coro, String name) {
        super(loop);
        if (coro == null) {
            throw new NullPointerException("coro");
        }
        this.coro = coro;
        this.name = name;
        this.coroutine = new Coroutine(this::body);
        this.context = Context.current();
        loop.callSoon(step);
        loop.tasks().add(this);
    }

    /** The task's name: the one given, or {@code Task-N}. */
    public final String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + id;
            name = n;
        }
        return n;
    }

    /**
     * Renames the task.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public final void setName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        this.name = name;
    }

    /** The callable the task runs, or null once it has finished. */
    public final Callable<? extends T> getCoro() {
        return coro;
    }

    /** The task's context: the one current where it was created, plus what the task has set. */
    public final Context getContext() {
        // While this task runs, its sets go to the loop's current context; the field catches up
        // only when the task suspends.
        return loop.currentTask() == this ? loop.currentContext() : context;
    }

    /**
     * Requests cancellation: a {@link CancelledError} carrying {@code message} will be thrown at
     * the task's suspension point. Each call adds one to {@link #cancelling()}.
     *
     * @return false if the task is already done
     */
    @Override
    public boolean cancel(String message) {
        if (isDone()) {
            return false;
        }
        numCancelsRequested++;
        if (futWaiter != null && futWaiter.cancel(message)) {
            return true;
        }
        mustCancel = true;
        requestedCancelMessage = message;
        return true;
    }

    /** How many cancellation requests are pending (not taken back with {@link #uncancel()}). */
    public final int cancelling() {
        return numCancelsRequested;
    }

    /**
     * Takes back one cancellation request, for code that caught a cancellation it caused itself
     * (as {@link Timeout} and {@link TaskGroup} do). When none is left, a pending request that has
     * not been delivered yet is dropped too (Python 3.13).
     *
     * @return the requests still pending
     */
    public final int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
        }
        if (numCancelsRequested == 0) {
            mustCancel = false;
        }
        return numCancelsRequested;
    }

    /**
     * Not supported: a task's outcome is its coroutine's.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public final void setResult(T value) {
        throw new UnsupportedOperationException("a Task does not support setResult");
    }

    /**
     * Not supported: a task's outcome is its coroutine's.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public final void setException(Throwable error) {
        throw new UnsupportedOperationException("a Task does not support setException");
    }

    /**
     * The task running on the calling thread's loop.
     *
     * @throws IllegalStateException if there is no running loop or no task is running
     */
    static Task<?> current() {
        EventLoop loop = EventLoop.runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: this must be called from a task (inside Asyncio.run)");
        }
        Task<?> t = loop.currentTask();
        if (t == null) {
            throw new IllegalStateException("not inside a task: this must be called from a task's coroutine, not a callback");
        }
        return t;
    }

    /** Suspends the current task until {@code f} is done (Future.await's slow path). */
    static void waitFor(Future<?> f) {
        Task<?> t = f.loop.currentTask();
        if (t == null || EventLoop.runningLoopOrNull() != f.loop) {
            if (EventLoop.runningLoopOrNull() == null || EventLoop.runningLoopOrNull().currentTask() == null) {
                throw new IllegalStateException("await() called outside a task: only a task can wait (use Asyncio.run or createTask)");
            }
            throw new IllegalStateException("await() of a future bound to another event loop");
        }
        if (t == f) {
            throw new IllegalStateException("a task cannot await itself: " + t);
        }
        t.futWaiter = f;
        f.addDoneCallback(t.step);
        try {
            t.suspend();
        } catch (CancelledError e) {
            if (f.isDone() && !f.isCancelled()) {
                f.markRetrieved();
            }
            throw e;
        } catch (IllegalStateException pinned) {
            f.removeDoneCallback(t.step);
            t.futWaiter = null;
            throw pinned;
        }
    }

    /** Yields the current task to the loop exactly once (sleep(0)). */
    static void yieldNow() {
        Task<?> t = current();
        Handle h = t.loop.callSoon(t.step);
        try {
            t.suspend();
        } catch (IllegalStateException pinned) {
            h.cancel();
            throw pinned;
        }
    }

    private void suspend() {
        Coroutine.suspend();
        Throwable x = throwIn;
        if (x != null) {
            throwIn = null;
            throw rethrowable(x);
        }
    }

    private void body() {
        Throwable x = throwIn;
        if (x != null) {
            throwIn = null;
            outcomeError = x;
            return;
        }
        try {
            outcome = coro.call();
        } catch (Throwable e) {
            outcomeError = e;
        }
    }

    private void doStep() {
        if (isDone()) {
            throw new InvalidStateError("step of a task that is done: " + this);
        }
        if (mustCancel) {
            mustCancel = false;
            throwIn = new CancelledError(requestedCancelMessage);
        }
        futWaiter = null;
        TaskRegistry registry = loop.tasks();
        registry.enter(this);
        Context outside = loop.currentContext();
        loop.setCurrentContext(context);
        try {
            coroutine.resume();
        } catch (Throwable e) {
            if (!coroutine.isDone()) {
                throw e;
            }
            outcomeError = e;
        } finally {
            context = loop.currentContext();
            loop.setCurrentContext(outside);
            registry.leave(this);
        }
        if (coroutine.isDone()) {
            finish();
        } else if (mustCancel && futWaiter != null && futWaiter.cancel(requestedCancelMessage)) {
            mustCancel = false;
        }
    }

    private void finish() {
        coroutine = null;
        coro = null;
        loop.tasks().remove(this);
        Throwable e = outcomeError;
        outcomeError = null;
        T r = outcome;
        outcome = null;
        if (e == null) {
            if (mustCancel) {
                mustCancel = false;
                cancelFuture(requestedCancelMessage);
            } else {
                super.setResult(r);
            }
        } else if (e instanceof CancelledError ce) {
            rememberCancelledError(ce);
            cancelFuture(ce.getMessage());
        } else {
            super.setException(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Task[").append(getName()).append(", ").append(stateName());
        if (futWaiter != null) {
            s.append(", waiting for ").append(futWaiter.getClass().getSimpleName());
        }
        if (creationSite != null) {
            s.append(", created at ").append(UserFrames.site(creationSite.getStackTrace()));
        } else if (coro != null) {
            s.append(", coro=").append(UserFrames.describe(coro));
        }
        return s.append(']').toString();
    }

    /** The task's step, scheduled on the ready queue and used as the awaited future's callback. */
    private final class Step implements Runnable, Consumer<Future<?>> {
        @Override
        public void run() {
            doStep();
        }

        @Override
        public void accept(Future<?> done) {
            doStep();
        }

        @Override
        public String toString() {
            return Task.this.toString();
        }
    }
}
