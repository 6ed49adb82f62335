package io.jasyncio.sync;

import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks, over a {@link Lock}: asyncio's {@code Condition}, in Java.
 *
 * <p>A task holding the lock calls {@link #await()} to release it and sleep until another
 * task, also holding the lock, calls {@link #signal()} or {@link #signalAll()}; the woken task
 * re-acquires the lock before {@code await()} returns. Waiters are woken in the order they
 * began waiting. As with every condition variable, re-check the state after waking, which
 * {@link #waitFor(BooleanSupplier)} does for you.
 *
 * {@snippet :
 * Condition nonEmpty = new Condition();
 * // consumer
 * try (var _ = nonEmpty.acquire()) {
 *     nonEmpty.waitFor(() -> !items.isEmpty());
 *     return items.removeFirst();
 * }
 * // producer
 * try (var _ = nonEmpty.acquire()) {
 *     items.add(item);
 *     nonEmpty.signal();
 * }
 * }
 *
 * <p><b>Suspending and not.</b> {@link #acquire()}, {@link #await()} and
 * {@link #waitFor(BooleanSupplier)} may suspend (cancellation points); {@link #tryAcquire()},
 * {@link #release()}, {@link #signal(int)}, {@link #signalAll()}, {@link #locked()} and
 * {@link #statistics()} do not. All are loop-confined.
 *
 * <p><b>Cancellation.</b> {@code await()} always re-acquires the lock before it throws, even
 * when it is cancelled (again) while re-acquiring, so the caller's {@code finally} or
 * try-with-resources releases a lock it really holds. A task cancelled after a
 * {@code signal()} picked it, while it waits for the lock or before it could run, passes the
 * notification on to the next waiter: a signal is never lost to a cancelled task.
 *
 * <p><b>Differs from asyncio:</b> {@code wait()}, {@code notify(n)} and {@code notify_all()} are
 * named {@code await()}, {@code signal(n)} and {@code signalAll()}, as in
 * {@code java.util.concurrent.locks.Condition}, because {@code Object.wait()},
 * {@code notify()} and {@code notifyAll()} are final. {@code await()} returns nothing instead of
 * {@code True}, and {@code waitFor} takes a {@link BooleanSupplier} and returns nothing.
 * {@code acquire()} returns a {@link Guard}. A cancelled waiter passes its notification on only
 * if it had received one (asyncio 3.13 always wakes another waiter, which may be spurious).
 * {@code signal(n)} with a negative {@code n} throws. Usage errors throw
 * {@link IllegalStateException} where asyncio raises {@code RuntimeError}.
 */
public final class Condition {
    /*
     * Implementation notes.
     *
     * The condition's own ParkingLot holds the tasks waiting for a notification; the lock's queue
     * holds those re-acquiring. await() links the waiter before it releases the lock, so no
     * signal can slip in between (nothing else runs before it suspends anyway), and so that an
     * await() that cannot park (outside a task, wrong loop) throws with the lock still held.
     *
     * A notification is "consumed" by the waiter it picked (waiter.woken()). If await() then ends
     * with an exception (cancelled before it resumed, or while re-acquiring the lock), the
     * notification would be lost, so it is passed to the next live waiter. A waiter cancelled
     * before any notification picked it passes nothing on.
     */
    private final Lock lock;
    private final ParkingLot waiters = new ParkingLot(this);

    /** A condition over a new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over {@code lock}, which may also be used on its own or by other conditions.
     *
     * @throws NullPointerException if {@code lock} is null
     */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new NullPointerException("lock");
        }
        this.lock = lock;
    }

    /**
     * Acquires the underlying lock ({@link Lock#acquire()}); a cancellation point when it waits.
     *
     * @return a guard whose {@code close()} releases the lock
     */
    public Guard acquire() {
        return lock.acquire();
    }

    /** Takes the underlying lock if it is free, without suspending ({@link Lock#tryAcquire()}). */
    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    /**
     * Releases the underlying lock ({@link Lock#release()}).
     *
     * @throws IllegalStateException if it is not locked
     */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, suspends until signalled, then re-acquires the lock and returns:
     * asyncio's {@code await cond.wait()}. The caller must hold the lock. A cancellation point;
     * the lock is held again whenever this returns or throws (except the
     * {@code IllegalStateException} below, thrown before anything happens).
     *
     * @throws CancelledError if the task is cancelled while waiting for the signal or the lock;
     *         the lock is held again
     * @throws IllegalStateException if the lock is not held, or called outside a task, or on
     *         another loop than the one this condition is bound to
     */
    public void await() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        ParkingLot.Waiter w = waiters.enqueue();
        lock.release();
        try {
            try {
                w.await();
            } finally {
                reacquire();
            }
        } catch (Throwable t) {
            if (w.woken()) {
                waiters.wakeFirst();
            }
            throw t;
        }
    }

    /**
     * Waits until {@code predicate} is true: checks it, and while it is false,
     * {@link #await()}s and checks again. asyncio's {@code wait_for}. The predicate is evaluated
     * with the lock held; if it is true at once, this returns without suspending and without
     * needing the lock. A cancellation point.
     *
     * @throws CancelledError if the task is cancelled while waiting; the lock is held again
     * @throws IllegalStateException as {@link #await()}, if the predicate is false and the lock
     *         not held
     */
    public void waitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /** {@link #signal(int)} of one task: asyncio's {@code notify()}. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} of the waiting tasks, first come first served: asyncio's
     * {@code notify(n)}. Each returns from {@link #await()} once it has re-acquired the lock,
     * so not before the caller releases it. Does not suspend.
     *
     * @throws IllegalStateException if the lock is not held
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of tasks: " + n);
        }
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        int woken = 0;
        while (woken < n && waiters.wakeFirst() != null) {
            woken++;
        }
    }

    /**
     * Wakes every waiting task: asyncio's {@code notify_all()}. Does not suspend.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signalAll() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        waiters.wakeAll();
    }

    /** A snapshot of the condition's state (trio's {@code statistics()}). */
    public Statistics statistics() {
        return new Statistics(waiters.waiting(), lock.statistics());
    }

    /**
     * The state of a {@link Condition} at one moment.
     *
     * @param tasksWaiting how many tasks wait for a signal (not those re-acquiring the lock)
     * @param lockStatistics the underlying lock's statistics
     */
    public record Statistics(int tasksWaiting, Lock.Statistics lockStatistics) {
    }

    /** Takes the lock back, however many times the task is cancelled meanwhile. */
    private void reacquire() {
        CancelledError cancelled = null;
        while (true) {
            try {
                lock.acquireLock();
                break;
            } catch (CancelledError e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    @Override
    public String toString() {
        int n = waiters.waiting();
        return "Condition[" + (lock.locked() ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
