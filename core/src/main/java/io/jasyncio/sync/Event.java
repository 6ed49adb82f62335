package io.jasyncio.sync;

import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;

/**
 * A flag that tasks can wait for: asyncio's {@code Event}, in Java.
 *
 * <p>{@link #set()} raises the flag and wakes every waiting task, in the order they began
 * waiting; {@link #clear()} lowers it; {@link #await()} returns at once while the flag is up and
 * otherwise suspends until the next {@code set()}. A task woken by {@code set()} returns from
 * {@code await()} even if the flag was cleared again before it ran.
 *
 * {@snippet :
 * Event ready = new Event();
 * createTask(() -> { load(); ready.set(); });
 * ready.await();                          // suspends until load() is done
 * }
 *
 * <p><b>Suspending and not.</b> Only {@link #await()} suspends (a cancellation point);
 * {@link #set()}, {@link #clear()}, {@link #isSet()} and {@link #statistics()} do not, and may be
 * called from a callback. All are loop-confined.
 *
 * <p><b>Cancellation.</b> A task cancelled while waiting leaves the event as it was; since
 * {@code set()} wakes everyone, a cancelled waiter takes no wake-up from another.
 *
 * <p><b>Differs from asyncio:</b> {@code wait()} is named {@code await()} ({@code Object.wait()}
 * is final) and returns nothing instead of {@code True}. No try-with-resources: asyncio's
 * {@code Event} has no {@code async with} either.
 */
public final class Event {
    /*
     * Implementation notes.
     *
     * Invariant: value => nobody waits (set() wakes and unlinks every live waiter in the same
     * call that raises the flag, and await() parks only while the flag is down). clear() does
     * not touch the waiters already woken: their futures are complete, so they return normally.
     */
    private final ParkingLot waiters = new ParkingLot(this);
    private boolean value;

    /** An event whose flag is down, bound to no loop until a task first waits on it. */
    public Event() {
    }

    /**
     * Returns when the flag is up: at once, without yielding, if it is up now; otherwise
     * suspends until {@link #set()} is called. asyncio's {@code await event.wait()}. A
     * cancellation point when it waits.
     *
     * @throws CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException if it would wait outside a task, or on another loop than the
     *         one this event is bound to
     */
    public void await() {
        if (value) {
            return;
        }
        waiters.park();
    }

    /** Raises the flag and wakes all waiting tasks, in arrival order. Does nothing if it is up. */
    public void set() {
        if (!value) {
            value = true;
            waiters.wakeAll();
        }
    }

    /** Lowers the flag; later {@link #await()} calls wait for the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /** Whether the flag is up. */
    public boolean isSet() {
        return value;
    }

    /** A snapshot of the event's state (trio's {@code statistics()}). */
    public Statistics statistics() {
        return new Statistics(value, waiters.waiting());
    }

    /**
     * The state of an {@link Event} at one moment.
     *
     * @param set whether the flag is up
     * @param tasksWaiting how many tasks wait in {@code await()}
     */
    public record Statistics(boolean set, int tasksWaiting) {
    }

    @Override
    public String toString() {
        int n = waiters.waiting();
        return "Event[" + (value ? "set" : "unset") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}
