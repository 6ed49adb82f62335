package io.jasyncio;

import io.jasyncio.internal.Coroutine;
import io.jasyncio.loop.UserFrames;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

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
     * State. Besides the lifecycle it inherits (see Future), a task keeps these bits of the one
     * `state` word, each changed by a named transition that asserts its precondition. A task
     * cycles  wake() -> SCHEDULED -> transitionToRunning() -> RUNNING -> transitionToIdle()
     * (suspended, waiting for its next wake()) until its body ends and complete() takes the
     * lifecycle transition:
     *
     *     SCHEDULED          a step is in the ready queue: set by wake() (never twice, never
     *                        once done), cleared by transitionToRunning() or unschedule()
     *     RUNNING            a step is running: transitionToRunning() .. transitionToIdle()
     *     CANCEL_REQUESTED   cancel() found no waited future to cancel (asyncio's _must_cancel);
     *                        the next transitionToRunning() turns it into
     *     CANCEL_DELIVERING  a CancelledError is to be thrown in where the body resumes
     *     BODY_FAILED        `outcome` holds what the body threw, not what it returned
     *     count (bits CANCEL_UNIT and up)  cancellation requests not taken back (cancelling())
     *
     * A step: transitionToRunning (a queue entry whose SCHEDULED bit was cleared by unschedule()
     * is stale and does nothing), mark the task current, resume the coroutine. Inside, the
     * coroutine's wait call registered the task's Wakeup as the awaited future's callback
     * (futWaiter) before suspending; when the future is done it calls wake(), which queues the
     * Wakeup itself (no Handle, no done-callback wrapper: the step sets its own context), and
     * the wait call returns or throws the delivered CancelledError. So a suspended task is
     * resumed only by the future it waits on (or by the ready queue after a bare yield), and the
     * SCHEDULED bit checks it is never queued twice.
     *
     * cancel(): if the task waits on a future and that future agrees to be cancelled, its
     * callback wakes the task and the wait call throws the future's CancelledError. Otherwise
     * CANCEL_REQUESTED is set. If cancel() was called during the step that then suspends on a
     * future, that future is cancelled as the step ends (asyncio does the same in __step).
     *
     * The body writes its result or error into `outcome` (stored once, see Future); complete()
     * turns it into the lifecycle transition. prev/next link unfinished tasks in the loop's
     * TaskRegistry, which the task keeps in `registry` so a step does not look it up.
     *
     * Per-step costs are kept off the loop's lookups: the Wakeup doubles as the coroutine's owner
     * and body (Coroutine.ownedBy: no body lambda per task), so the task running now is found
     * from the mounted coroutine (runningOrNull) instead of the loop's thread-local, and
     * `spareWaiter` is ParkingLot's reusable node for this task (see ParkingLot).
     *
     * When the task finishes it drops its callable and coroutine so a done task keeps no stack
     * alive.
     */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final long id = COUNTER.incrementAndGet();
    private String name;
    private Callable<? extends T> coro;
    private Coroutine coroutine;
    private final Wakeup wakeup = new Wakeup();
    private Context context;
    private Future<?> futWaiter;
    private final TaskRegistry registry;
    /** ParkingLot's waiter for this task, kept between parks; null while one is in use. */
    ParkingLot.Waiter spareWaiter;
    Task<?> prev;
    Task<?> next;

    /**
     * A task for {@code coro} on {@code loop}, scheduled to take its first step in the loop's
     * next iteration, in {@code context} (null: the current one). Users go through
     * {@link EventLoop#createTask(Callable, String, Context)}.
     *
     * @throws IllegalStateException if the loop is closed
     * @throws NullPointerException if {@code coro} is null
     */
    Task(EventLoop loop, Callable<? extends T> coro, String name, Context context) {
        super(loop);
        if (coro == null) {
            throw new NullPointerException("coro");
        }
        this.coro = coro;
        this.name = name;
        this.coroutine = Coroutine.ownedBy(wakeup);
        this.context = context != null ? context : Context.current();
        wake();
        registry = TaskRegistry.of(loop);
        registry.add(this);
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
        state += CANCEL_UNIT;
        if (futWaiter != null && futWaiter.cancel(message)) {
            return true;
        }
        state |= CANCEL_REQUESTED;
        cancelMessage = message;
        return true;
    }

    /** How many cancellation requests are pending (not taken back with {@link #uncancel()}). */
    public final int cancelling() {
        return state >>> Integer.numberOfTrailingZeros(CANCEL_UNIT);
    }

    /**
     * Takes back one cancellation request, for code that caught a cancellation it caused itself
     * (as {@link Timeout} and {@link TaskGroup} do). When none is left, a pending request that has
     * not been delivered yet is dropped too (Python 3.13).
     *
     * @return the requests still pending
     */
    public final int uncancel() {
        if (cancelling() > 0) {
            state -= CANCEL_UNIT;
        }
        if (cancelling() == 0) {
            state &= ~CANCEL_REQUESTED;
        }
        return cancelling();
    }

    /**
     * Not supported: a task's outcome is its coroutine's.
     *
     * @throws UnsupportedOperationException always, with asyncio's message "Task does not support
     *         set_result operation" (asyncio raises RuntimeError)
     */
    @Override
    public final void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support set_result operation");
    }

    /**
     * Not supported: a task's outcome is its coroutine's.
     *
     * @throws UnsupportedOperationException always, with asyncio's message "Task does not support
     *         set_exception operation" (asyncio raises RuntimeError)
     */
    @Override
    public final void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support set_exception operation");
    }

    /**
     * The task running on the calling thread's loop.
     *
     * @throws IllegalStateException if there is no running loop or no task is running
     */
    static Task<?> current() {
        Task<?> running = runningOrNull();
        if (running != null) {
            return running;
        }
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

    /**
     * The task whose body the caller runs in, or null: the current task of the loop running in
     * this thread, found from the mounted coroutine instead of the loop's thread-local (a task's
     * coroutine runs only inside its own step, between the registry's enter and leave).
     */
    static Task<?> runningOrNull() {
        return Coroutine.currentOwner() instanceof Task<?>.Wakeup w ? w.task() : null;
    }

    /** Suspends the current task until {@code f} is done (Future.await's slow path). */
    static void waitFor(Future<?> f) {
        // No thread-local lookup: this runs on every wait.
        Task<?> t = runningOrNull();
        if (t == null) {
            throw new IllegalStateException("await() called outside a task: only a task can wait (use Asyncio.run or createTask)");
        }
        if (t.loop != f.loop) {
            throw new IllegalStateException("Task " + t + " got Future " + f + " attached to a different loop");
        }
        if (t == f) {
            throw new IllegalStateException("Task cannot await on itself: " + t);
        }
        waitAsCurrent(t, f);
    }

    /**
     * Suspends {@code t}, the task running now, until {@code f} (pending, of t's loop, not t) is
     * done: waitFor without its checks, for callers that know them to hold (ParkingLot).
     */
    static void waitAsCurrent(Task<?> t, Future<?> f) {
        t.futWaiter = f;
        f.addWakeup(t.wakeup);
        try {
            t.suspend();
        } catch (CancelledError e) {
            if (f.isDone() && !f.isCancelled()) {
                f.markRetrieved();
            }
            throw e;
        } catch (IllegalStateException pinned) {
            f.removeEntry(t.wakeup);
            t.futWaiter = null;
            throw pinned;
        }
    }

    /** Yields the current task to the loop exactly once (sleep(0)). */
    static void yieldNow() {
        Task<?> t = current();
        t.wake();
        try {
            t.suspend();
        } catch (IllegalStateException pinned) {
            t.unschedule();
            throw pinned;
        }
    }

    /** Queues the task's next step: the transition to SCHEDULED and its queue entry. */
    private void wake() {
        assert !isDone() : "wake-up of a done task " + this;
        assert (state & SCHEDULED) == 0 : "wake-up of a task already scheduled " + this;
        state |= SCHEDULED;
        TaskRegistry.KERNEL.callSoonStep(loop, wakeup);
    }

    /** Takes back a wake-up whose suspension failed: its queue entry becomes a no-op. */
    private void unschedule() {
        assert (state & SCHEDULED) != 0 : "unschedule() of a task not scheduled " + this;
        state &= ~SCHEDULED;
    }

    /**
     * SCHEDULED -> RUNNING, turning a requested cancellation into one to deliver.
     *
     * @return false for a stale queue entry (the task was unscheduled), which must not run
     */
    private boolean transitionToRunning() {
        int s = state;
        if ((s & SCHEDULED) == 0) {
            return false;
        }
        assert (s & (RUNNING | LIFECYCLE)) == PENDING : "step of a task running or done " + this;
        s = (s & ~SCHEDULED) | RUNNING;
        if ((s & CANCEL_REQUESTED) != 0) {
            s = (s & ~CANCEL_REQUESTED) | CANCEL_DELIVERING;
        }
        state = s;
        return true;
    }

    /** RUNNING -> idle (suspended, or about to complete). */
    private void transitionToIdle() {
        assert (state & RUNNING) != 0 : "transitionToIdle() of a task not running " + this;
        state &= ~RUNNING;
    }

    /** Whether a CancelledError is to be thrown in now; clears the request if so. */
    private boolean takeCancelDelivery() {
        if ((state & CANCEL_DELIVERING) == 0) {
            return false;
        }
        state &= ~CANCEL_DELIVERING;
        return true;
    }

    private void suspend() {
        Coroutine.suspend();
        if (takeCancelDelivery()) {
            throw new CancelledError(cancelMessage);
        }
    }

    private void body() {
        if (takeCancelDelivery()) {
            outcome = new CancelledError(cancelMessage);
            state |= BODY_FAILED;
            return;
        }
        try {
            outcome = coro.call();
        } catch (Throwable e) {
            outcome = e;
            state |= BODY_FAILED;
        }
    }

    private void step() {
        if (!transitionToRunning()) {
            return;
        }
        futWaiter = null;
        TaskRegistry registry = this.registry;
        registry.enter(this);
        Context outside = loop.currentContext();
        Context.setCurrentIn(loop, context);
        try {
            coroutine.resume();
        } catch (Throwable e) {
            if (!coroutine.isDone()) {
                transitionToIdle();
                throw e;
            }
            outcome = e;
            state |= BODY_FAILED;
        } finally {
            context = loop.currentContext();
            Context.setCurrentIn(loop, outside);
            registry.leave(this);
        }
        transitionToIdle();
        if (coroutine.isDone()) {
            complete();
        } else if ((state & CANCEL_REQUESTED) != 0 && futWaiter != null && futWaiter.cancel(cancelMessage)) {
            state &= ~CANCEL_REQUESTED;
        }
    }

    /** The body ended: the lifecycle transition its outcome calls for. */
    private void complete() {
        coroutine = null;
        coro = null;
        registry.remove(this);
        Object o = outcome;
        if ((state & BODY_FAILED) == 0) {
            if ((state & CANCEL_REQUESTED) != 0) {
                cancelled(null, cancelMessage);
            } else {
                finish(o);
            }
        } else if (o instanceof CancelledError ce) {
            cancelled(ce, ce.getMessage());
        } else {
            fail((Throwable) o);
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

    /** The task's step, queued on the loop when the task is woken. */
    final class Wakeup implements Runnable, Coroutine.Owner {
        @Override
        public void run() {
            step();
        }

        /** The coroutine's body (the Wakeup doubles as the task's coroutine owner). */
        @Override
        public void body() {
            Task.this.body();
        }

        Task<?> task() {
            return Task.this;
        }

        void wake() {
            Task.this.wake();
        }

        @Override
        public String toString() {
            return Task.this.toString();
        }
    }
}
