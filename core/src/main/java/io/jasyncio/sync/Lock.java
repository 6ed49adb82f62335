package io.jasyncio.sync;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import io.jasyncio.Task;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code Lock}, in Java.
 *
 * <p>At most one holder at a time; tasks that {@link #acquire()} a locked lock wait in FIFO
 * order, and {@link #release()} hands the lock straight to the first of them. The lock is not
 * owned: any task or callback may release it, as in asyncio; it is not re-entrant either (a
 * holder that acquires again waits for itself forever).
 *
 * {@snippet :
 * Lock lock = new Lock();
 * try (var _ = lock.acquire()) {          // may suspend
 *     int balance = read();               // other tasks wait here, even while this one
 *     write(balance + amount);            // is suspended in read() or write()
 * }
 * }
 *
 * <p><b>Suspending and not.</b> {@link #acquire()} suspends while the lock is held (a
 * cancellation point) and returns at once, without yielding, when it is free;
 * {@link #tryAcquire()} never suspends. {@link #release()}, {@link #locked()} and
 * {@link #statistics()} never suspend. All are loop-confined.
 *
 * <p><b>Cancellation.</b> A task cancelled while waiting does not get the lock. If it was
 * cancelled after a release had already handed it the lock but before it ran, it passes the
 * lock on to the next waiter (or unlocks it) before {@link CancelledError} leaves
 * {@code acquire()}: a cancelled waiter never keeps the lock, and nobody waits behind a lock
 * that nobody holds.
 *
 * <p><b>Differs from asyncio:</b> {@code acquire()} returns a {@link Guard} (for
 * try-with-resources) instead of {@code True}. A release with waiters hands the lock over
 * directly, so {@link #locked()} stays true until the next holder is done; asyncio briefly
 * reports such a lock unlocked although {@code acquire()} would still wait. {@code tryAcquire()}
 * is trio's {@code acquire_nowait}; asyncio has none. {@code release()} of an unlocked lock
 * throws {@link IllegalStateException} where asyncio raises {@code RuntimeError}.
 */
public final class Lock {
    /*
     * Implementation notes.
     *
     * Invariants: (1) some task waits => locked (release() with a live waiter keeps `locked`
     * and makes that waiter the holder; only a release that finds nobody unlocks), so the fast
     * path `!locked` can never overtake a waiter; (2) `owner` is the task that acquired or was
     * handed the lock, or null when unlocked or acquired outside a task; it is informative
     * (statistics, toString) and never checked.
     *
     * Hand-off and cancellation: release() completes the waiter's future; from that moment the
     * waiter holds the lock. If its task is cancelled before it resumes, await() throws although
     * the future was completed; park(releaser) then releases, which hands the lock to
     * the next live waiter. A waiter cancelled before being picked has a cancelled future, which
     * release() skips.
     */
    private final ParkingLot waiters = new ParkingLot(this);
    private final Runnable releaser = this::release;
    private boolean locked;
    private Task<?> owner;

    /** An unlocked lock, bound to no loop until a task first waits on it. */
    public Lock() {
    }

    /**
     * Acquires the lock, suspending the calling task while another holds it; asyncio's
     * {@code await lock.acquire()} and {@code async with lock}. A free lock is taken at once
     * without yielding, from a task or a callback. A cancellation point when it waits.
     *
     * @return a guard whose {@code close()} releases the lock
     * @throws CancelledError if the task is cancelled while waiting; it does not hold the lock
     * @throws IllegalStateException if it would wait outside a task, or on another loop than the
     *         one this lock is bound to
     */
    public Guard acquire() {
        acquireLock();
        return new Guard(releaser);
    }

    /**
     * Takes the lock if it is free, without suspending; the non-waiting twin of
     * {@link #acquire()}. Release it with {@link #release()}.
     *
     * @return whether the lock was taken
     */
    public boolean tryAcquire() {
        if (locked) {
            return false;
        }
        locked = true;
        owner = Asyncio.currentTask();
        return true;
    }

    /**
     * Releases the lock: the first task waiting for it (if any) becomes the holder and will
     * resume, else the lock is unlocked. Never suspends; any task or callback may call it.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        Task<?> next = waiters.wakeFirst();
        if (next == null) {
            locked = false;
        }
        owner = next;
    }

    /** Whether the lock is held (or handed to a waiter that has not resumed yet). */
    public boolean locked() {
        return locked;
    }

    /** A snapshot of the lock's state (trio's {@code statistics()}). */
    public Statistics statistics() {
        return new Statistics(locked, owner, waiters.waiting());
    }

    /**
     * The state of a {@link Lock} at one moment.
     *
     * @param locked whether it is held
     * @param owner the task that acquired it or was handed it; null if unlocked or taken outside
     *        a task
     * @param tasksWaiting how many tasks wait in {@code acquire()}
     */
    public record Statistics(boolean locked, Task<?> owner, int tasksWaiting) {
    }

    /** {@link #acquire()} without the guard, for {@link Condition}. */
    void acquireLock() {
        if (!locked) {
            locked = true;
            owner = Asyncio.currentTask();
            return;
        }
        waiters.park(releaser);
    }

    @Override
    public String toString() {
        int n = waiters.waiting();
        return "Lock[" + (locked ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
