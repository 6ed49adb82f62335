package io.jasyncio.sync;

import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;

/**
 * A counter of permits that tasks take and give back: asyncio's {@code Semaphore}, in Java.
 *
 * <p>{@link #acquire()} takes a permit, suspending while none is left; {@link #release()} gives
 * one back, straight to the first waiting task if there is one. Waiters are served in the order
 * they arrived. The count may grow past its initial value by releasing more than was acquired;
 * {@link BoundedSemaphore} forbids that.
 *
 * {@snippet :
 * Semaphore limit = new Semaphore(10);
 * for (String url : urls) {
 *     createTask(() -> {
 *         try (var _ = limit.acquire()) {    // at most 10 fetches at a time
 *             return fetch(url);
 *         }
 *     });
 * }
 * }
 *
 * <p><b>Suspending and not.</b> {@link #acquire()} suspends while {@link #locked()} (a
 * cancellation point) and returns at once, without yielding, otherwise; {@link #tryAcquire()}
 * never suspends. {@link #release()}, {@link #locked()} and {@link #statistics()} never suspend
 * and may be called from a callback. All are loop-confined.
 *
 * <p><b>Cancellation.</b> A task cancelled while waiting takes no permit. If a release had
 * already handed it a permit before it could run, the permit passes on to the next waiter (or
 * back to the count) before {@link CancelledError} leaves {@code acquire()}.
 *
 * <p><b>Fairness.</b> A permit released while tasks wait goes to the first of them. Until the
 * tasks given permits that way have run, {@code acquire()} does not take a free permit past
 * them but queues (asyncio 3.13's rule): a task that releases and re-acquires at once lets the
 * others run first.
 *
 * <p><b>Differs from asyncio:</b> {@code acquire()} returns a {@link Guard} (for
 * try-with-resources) instead of {@code True}; {@code tryAcquire()} is trio's
 * {@code acquire_nowait}. A negative initial value throws {@link IllegalArgumentException}
 * where asyncio raises {@code ValueError}.
 */
public sealed class Semaphore permits BoundedSemaphore {
    /*
     * Implementation notes.
     *
     * `value` counts the free permits; `handedOff` counts the permits given to woken waiters
     * whose tasks have not resumed yet (they are in neither `value` nor use). A release with a
     * live waiter hands it the permit (handedOff++) instead of counting it.
     *
     * FIFO, as asyncio 3.13: while handedOff > 0, acquire() does not take a free permit past the
     * woken tasks but queues, so a task that releases and re-acquires at once lets the others
     * run first. Whenever a woken waiter resumes (or gives its permit back because it was
     * cancelled), wakeWhileFree() hands the free permits to the next waiters in order.
     *
     * Invariant: some task waits (live) => value == 0 || handedOff > 0. It holds because waiters
     * park only then, release() hands off before it counts, and wakeWhileFree() runs every time
     * handedOff drops. So the fast path (value > 0 && handedOff == 0) never overtakes a waiter,
     * and locked() == !(fast path) means exactly "acquire() would wait".
     *
     * A waiter whose future was completed holds a permit even if its task is cancelled before
     * resuming; the lot runs giveBack(), which puts the permit back in `value` before waking
     * the next waiter. That give-back skips BoundedSemaphore's check: it returns a permit that
     * was never used, it does not add one.
     */
    private final ParkingLot waiters = new ParkingLot(this);
    private final Runnable releaser = this::release;
    private final Runnable giveBack = this::giveBack;
    private int value;
    private int handedOff;

    /** A semaphore with one permit (a lock that any task may release). */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, not " + value);
        }
        this.value = value;
    }

    /**
     * Takes a permit, suspending while {@link #locked()}; asyncio's {@code await sem.acquire()}
     * and {@code async with sem}. Otherwise it returns at once without yielding, from a task or
     * a callback. A cancellation point when it waits.
     *
     * @return a guard whose {@code close()} calls {@link #release()}
     * @throws CancelledError if the task is cancelled while waiting; it holds no permit
     * @throws IllegalStateException if it would wait outside a task, or on another loop than the
     *         one this semaphore is bound to
     */
    public final Guard acquire() {
        if (value > 0 && handedOff == 0) {
            value--;
            return new Guard(releaser);
        }
        waiters.park(giveBack);
        handedOff--;
        wakeWhileFree();
        return new Guard(releaser);
    }

    /**
     * Takes a permit if {@link #acquire()} would not wait, without suspending; the non-waiting
     * twin of {@code acquire()}. Give it back with {@link #release()}.
     *
     * @return whether a permit was taken
     */
    public final boolean tryAcquire() {
        if (value > 0 && handedOff == 0) {
            value--;
            return true;
        }
        return false;
    }

    /**
     * Gives a permit back: to the first waiting task if there is one, else to the count. Never
     * suspends; any task or callback may call it.
     */
    public void release() {
        givePermit();
    }

    /**
     * Whether {@link #acquire()} would wait: no permit is free, or tasks given a permit have not
     * run yet (FIFO, as asyncio 3.13).
     */
    public final boolean locked() {
        return value == 0 || handedOff > 0;
    }

    /** A snapshot of the semaphore's state (trio's {@code statistics()}). */
    public final Statistics statistics() {
        return new Statistics(value, handedOff, waiters.waiting());
    }

    /**
     * The state of a {@link Semaphore} at one moment.
     *
     * @param value how many permits are free
     * @param handedOff how many permits were given to woken tasks that have not run yet
     * @param tasksWaiting how many tasks wait in {@code acquire()}
     */
    public record Statistics(int value, int handedOff, int tasksWaiting) {
    }

    /** The number of free permits. */
    final int value() {
        return value;
    }

    private void givePermit() {
        if (waiters.wakeFirst() == null) {
            value++;
        } else {
            handedOff++;
        }
    }

    /** The hand-back of a waiter cancelled after it was handed a permit: the permit goes back, then on. */
    private void giveBack() {
        handedOff--;
        value++;
        wakeWhileFree();
    }

    /** Hands free permits to the waiters, first come first served, while there are both. */
    private void wakeWhileFree() {
        while (value > 0 && waiters.wakeFirst() != null) {
            value--;
            handedOff++;
        }
    }

    @Override
    public String toString() {
        int n = waiters.waiting();
        return getClass().getSimpleName() + "[" + (locked() ? "locked" : "unlocked, value:" + value)
                + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
