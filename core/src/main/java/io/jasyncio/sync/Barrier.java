package io.jasyncio.sync;

import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import java.util.ArrayList;
import java.util.Locale;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code Barrier} (Python 3.11), in
 * Java.
 *
 * <p>Each task calls {@link #await()}; the first {@code parties - 1} wait, and the arrival of
 * the last releases them all. Each gets its arrival index, 0 to {@code parties - 1}. The barrier
 * then drains (the released tasks leave it) and fills again for the next round; tasks that
 * arrive while it drains wait for the next round. {@link #abort()} breaks it: waiting and
 * arriving tasks get {@link BrokenBarrierError} until {@link #reset()}, which also breaks the
 * current round for the tasks in it and starts a fresh one.
 *
 * {@snippet :
 * Barrier ready = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     createTask(() -> {
 *         prepare();
 *         int index = ready.await();          // all three have prepared past this line
 *         if (index == 0) {
 *             log("round complete");
 *         }
 *         return null;
 *     });
 * }
 * }
 *
 * <p><b>Suspending and not.</b> Only {@link #await()} suspends (a cancellation point; it never
 * suspends for the last party, nor with {@code parties == 1}). {@link #abort()},
 * {@link #reset()} and the queries do not, and may be called from a callback. All are
 * loop-confined.
 *
 * <p><b>Cancellation.</b> A task cancelled while it waits for the others gives up its place at
 * once, even before it has resumed: it never completes a round, later arrivals move up one
 * index, the round needs one more arrival, and the barrier is not broken (as in asyncio;
 * {@code threading.Barrier} would break). A task released by the last arrival but cancelled
 * before it ran gets {@link CancelledError}; the others still pass, and the barrier fills again
 * once they have all left.
 *
 * <p><b>Differs from asyncio:</b> {@code wait()} is named {@code await()} ({@code Object.wait()}
 * is final), as {@code CyclicBarrier.await()}. {@code abort()} and {@code reset()} do not
 * suspend: asyncio's are coroutines only to take the barrier's internal condition lock.
 * {@code n_waiting} and {@code broken} are {@link #nWaiting()} and {@link #isBroken()}.
 * The indices of a round are always 0 to {@code parties - 1}, each once: asyncio counts a
 * cancelled waiter until it resumes (so it can complete a round, leaving the next one a party
 * short) and can then hand the same index to two tasks. No try-with-resources: asyncio's
 * {@code async with barrier as i} only calls {@code wait()} and its exit does nothing, so
 * {@code int i = barrier.await()} is the whole equivalent.
 */
public final class Barrier {
    /*
     * Implementation notes.
     *
     * asyncio's state machine, kept exact: FILLING -> DRAINING (the last party arrived) ->
     * FILLING (the last task left); RESETTING after reset() with tasks inside, FILLING again when
     * they have left; BROKEN after abort() until reset(). `count` is the number of tasks inside
     * await() past the entry check, whatever the state.
     *
     * Arrival indices: `round` holds one Arrival per task of the filling round, in arrival
     * order; the last arrival writes each one's position into it as it trips the barrier, and
     * each released task returns its own. A task that leaves before the trip (cancelled, or
     * broken) removes its Arrival, so later arrivals move up and indices stay 0..parties-1, each
     * once. asyncio uses its running count as the index, which repeats an index after a
     * cancellation.
     *
     * A task whose cancellation was delivered (its waiter's future cancelled) but which has not
     * resumed yet is still in `round` and in `count`. An arrival first drops such Arrivals, so a
     * cancelled task never completes a round (asyncio's would, and the next round would then be
     * one party short forever). `count` keeps it until it resumes, which only delays the drain.
     *
     * asyncio waits on a Condition with notify_all on every state change and re-checks a
     * predicate; here every state change wakes every parked task (one ParkingLot, wakeAll) and
     * each re-checks its loop condition, without the condition's lock: everything runs on the
     * loop thread, and no step of await() between two suspensions can be interleaved. Spurious
     * wake-ups are harmless for the same reason.
     */

    /** The phase a {@link Barrier} is in. */
    public enum State {
        /** Waiting for the parties to arrive. */
        FILLING,
        /** Released: the tasks of the round are leaving; new arrivals wait for the next round. */
        DRAINING,
        /** Reset while tasks were inside: they leave with {@link BrokenBarrierError}. */
        RESETTING,
        /** Aborted: every wait fails with {@link BrokenBarrierError} until {@link Barrier#reset()}. */
        BROKEN
    }

    private final int parties;
    private final ParkingLot waiters = new ParkingLot(this);
    private final ArrayList<Arrival> round = new ArrayList<>();
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, not " + parties);
        }
        this.parties = parties;
    }

    /**
     * Arrives at the barrier and suspends until all the parties have arrived: asyncio's
     * {@code await barrier.wait()}. If the barrier is draining a previous round or resetting,
     * first waits for it to fill again. A cancellation point.
     *
     * @return the arrival index of this task in its round, 0 for the first and
     *         {@code parties - 1} for the last; tasks cancelled before the round was complete
     *         do not count
     * @throws BrokenBarrierError if the barrier is broken, or is aborted or reset while this task
     *         waits
     * @throws CancelledError if the task is cancelled while waiting; it no longer counts as
     *         arrived
     * @throws IllegalStateException if it would wait outside a task, or on another loop than the
     *         one this barrier is bound to
     */
    public int await() {
        while (state == State.DRAINING || state == State.RESETTING) {
            waiters.enqueue().await();
        }
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
        Arrival me = new Arrival();
        round.removeIf(Arrival::cancelled);
        round.add(me);
        count++;
        try {
            if (round.size() == parties) {
                for (int i = 0; i < parties; i++) {
                    round.get(i).index = i;
                }
                round.clear();
                state = State.DRAINING;
                waiters.wakeAll();
            } else {
                while (state == State.FILLING) {
                    me.waiter = waiters.enqueue();
                    me.waiter.await();
                }
                if (state == State.BROKEN || state == State.RESETTING) {
                    throw new BrokenBarrierError("Abort or reset of barrier");
                }
            }
            return me.index;
        } finally {
            round.remove(me);
            count--;
            if (count == 0) {
                if (state == State.RESETTING || state == State.DRAINING) {
                    state = State.FILLING;
                }
                waiters.wakeAll();
            }
        }
    }

    /**
     * Breaks the barrier: tasks waiting in it, and those that arrive until {@link #reset()},
     * get {@link BrokenBarrierError}. Does not suspend.
     */
    public void abort() {
        state = State.BROKEN;
        waiters.wakeAll();
    }

    /**
     * Returns the barrier to an empty, filling state: tasks waiting in the current round get
     * {@link BrokenBarrierError}, and it fills again once they have left; a broken barrier is
     * usable again. Does not suspend.
     */
    public void reset() {
        if (count > 0) {
            state = State.RESETTING;
        } else {
            state = State.FILLING;
        }
        waiters.wakeAll();
    }

    /** How many tasks must arrive to release the barrier. */
    public int parties() {
        return parties;
    }

    /** How many tasks wait in the filling barrier; 0 while it drains, resets or is broken. */
    public int nWaiting() {
        if (state != State.FILLING) {
            return 0;
        }
        int n = 0;
        for (Arrival a : round) {
            if (!a.cancelled()) {
                n++;
            }
        }
        return n;
    }

    /** Whether the barrier is broken ({@link #abort()}). */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** A snapshot of the barrier's state (trio's {@code statistics()}). */
    public Statistics statistics() {
        return new Statistics(parties, nWaiting(), state, waiters.waiting());
    }

    /**
     * The state of a {@link Barrier} at one moment.
     *
     * @param parties how many tasks release it
     * @param nWaiting how many tasks wait in the filling barrier ({@link Barrier#nWaiting()})
     * @param state its phase
     * @param tasksSuspended how many tasks are suspended in {@code await()}, whether waiting for
     *        the round or for a drain or reset to finish
     */
    public record Statistics(int parties, int nWaiting, State state, int tasksSuspended) {
    }

    /** One task's place in the filling round. */
    private static final class Arrival {
        int index = -1;
        ParkingLot.Waiter waiter;

        boolean cancelled() {
            return waiter != null && waiter.cancelled();
        }
    }

    @Override
    public String toString() {
        return "Barrier[" + state.name().toLowerCase(Locale.ROOT)
                + (state == State.FILLING ? ", waiters:" + count + "/" + parties : "") + "]";
    }
}
