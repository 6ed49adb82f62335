package io.jasyncio;

import io.jasyncio.loop.Handle;
import java.time.Duration;

/**
 * A deadline over a block of code run inline in the current task: asyncio's {@code Timeout}
 * ({@code async with asyncio.timeout(...)}).
 *
 * <p>When the deadline passes, the task is cancelled; if the {@link CancelledError} comes back
 * out of the block, {@link #run(Body)} turns it into {@link AsyncTimeoutException} (its cause is
 * the cancellation). A cancellation from anyone else passes through unchanged. The deadline can
 * be moved while the block runs with {@link #reschedule}.
 *
 * {@snippet :
 * Timeout t = Timeout.after(Duration.ofSeconds(10));
 * String page = t.run(() -> {
 *     String first = fetch();                       // may take long
 *     t.reschedule(t.loop().time() + Duration.ofSeconds(1).toNanos());
 *     return first + fetch();
 * });
 * }
 *
 * <p><b>Differs from asyncio:</b> a block, not a context manager: Java's try-with-resources
 * cannot replace the exception leaving the block, which is exactly what a timeout must do (see
 * docs/adr/0001-scopes-take-a-block.md). Times are loop nanoseconds ({@link EventLoop#time()}).
 * A {@code Timeout} runs one block, once.
 */
public final class Timeout {
    /*
     * Implementation notes.
     *
     * States: CREATED -> ENTERED -> (EXPIRING -> EXPIRED) -> EXITED, as asyncio 3.12. On
     * expiry the timer cancels the task and marks EXPIRING. On exit, if EXPIRING, uncancel() the
     * task; if that leaves no more requests than were pending on entry (`cancelling`) and the
     * block ended with CancelledError, the cancellation was ours: raise the timeout instead.
     */
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        /** asyncio's name for the state, as its messages print it. */
        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private static final long NEVER = Long.MAX_VALUE;

    private long when;
    private State state = State.CREATED;
    private Task<?> task;
    private EventLoop loop;
    private Handle timer;
    private int cancelling;

    private Timeout(long when) {
        this.when = when;
    }

    /** A timeout that expires {@code delay} after the block starts; null means never. */
    public static Timeout after(Duration delay) {
        Timeout t = new Timeout(NEVER);
        t.relativeDelay = delay;
        return t;
    }

    /** A timeout that expires at loop time {@code when} (nanoseconds of {@link EventLoop#time()}). */
    public static Timeout at(long when) {
        return new Timeout(when);
    }

    /** A timeout that never expires unless rescheduled. */
    public static Timeout never() {
        return new Timeout(NEVER);
    }

    private Duration relativeDelay;

    /**
     * Runs {@code block} in the current task under this deadline and returns its result.
     *
     * @throws AsyncTimeoutException if the deadline passed and the block ended with the
     *         cancellation it caused
     * @throws IllegalStateException if called outside a task, or if this timeout was used before
     * @throws X whatever the block throws
     */
    public <T, X extends Throwable> T run(Body<T, X> block) throws X {
        enter();
        T result;
        try {
            result = block.call();
        } catch (Throwable e) {
            throw exit(e);
        }
        RuntimeException after = exit(null);
        if (after != null) {
            throw after;
        }
        return result;
    }

    /**
     * Runs {@code block}, with no result, under this deadline; see {@link #run(Body)}.
     *
     * @throws AsyncTimeoutException if the deadline passed and the block ended with the
     *         cancellation it caused
     * @throws X whatever the block throws
     */
    public <X extends Throwable> void run(VoidBody<X> block) throws X {
        run(() -> {
            block.run();
            return null;
        });
    }

    /** The deadline in loop nanoseconds, or {@link Long#MAX_VALUE} for none. */
    public long when() {
        return when;
    }

    /** The loop of the task running the block; null before it starts. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Moves the deadline; {@link Long#MAX_VALUE} removes it. A deadline already past expires in
     * the next iteration.
     *
     * @throws IllegalStateException if the block has not started ({@code Timeout has not been
     *         entered}), has ended or the timeout has already expired ({@code Cannot change state
     *         of expired Timeout}, asyncio's messages)
     */
    public void reschedule(long newWhen) {
        if (state == State.CREATED) {
            throw new IllegalStateException("Timeout has not been entered");
        }
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.label + " Timeout");
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        schedule(newWhen);
    }

    private void schedule(long newWhen) {
        when = newWhen;
        if (newWhen == NEVER) {
            return;
        }
        if (newWhen <= loop.time()) {
            timer = loop.callSoon(this::onTimeout);
        } else {
            timer = loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** Whether the deadline passed (the block was cancelled by this timeout). */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        loop = task.loop();
        cancelling = task.cancelling();
        state = State.ENTERED;
        if (relativeDelay != null) {
            long now = loop.time();
            long nanos;
            try {
                nanos = relativeDelay.isNegative() ? 0 : relativeDelay.toNanos();
            } catch (ArithmeticException e) {
                nanos = NEVER;
            }
            when = now + nanos < now ? NEVER : now + nanos;
            relativeDelay = null;
        }
        schedule(when);
    }

    /** Leaves the block; returns what to throw (the block's own error, maybe converted), or null. */
    private RuntimeException exit(Throwable error) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        boolean ours = false;
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            ours = task.uncancel() <= cancelling && error instanceof CancelledError;
        } else {
            state = State.EXITED;
        }
        if (ours) {
            return new AsyncTimeoutException("the deadline passed", error);
        }
        if (error != null) {
            throw sneaky(error);
        }
        return null;
    }

    private void onTimeout() {
        timer = null;
        task.cancel();
        state = State.EXPIRING;
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public String toString() {
        return "Timeout[" + state.label + (when == NEVER ? "" : ", when=" + when) + "]";
    }
}
