package io.jasyncio.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded schedules: reorders, reproducibly, the callbacks that are ready in one loop iteration,
 * so that a test can explore the interleavings a program may meet.
 *
 * <p>Callbacks are grouped by their producer: the step that scheduled them, or "timers", "I/O", or
 * "other threads". Each group keeps its own order; the groups are interleaved at random. So a
 * callback never overtakes one scheduled before it by the same step (asyncio's FIFO promise),
 * and timers keep deadline order. Orders of this kind arise in asyncio when the producers' own
 * wake-ups (I/O, timers, other threads) arrive in another order; a strict proof that every such
 * order is reachable for every program is not attempted.
 */
final class ScheduleShuffler {
    /*
     * Implementation notes.
     *
     * While a seed is set the ready queue holds Produced wrappers: the loop tags each callback
     * as it enters the queue (the current step's id, TIMERS, IO or THREADS). interleave() takes
     * the batch of step 4, builds the multiset of tags, shuffles it with the seeded Random and
     * fills each position with the next callback of that tag. The same seed and the same program
     * give the same order.
     */
    static final long TIMERS = -2;
    static final long IO = -3;
    static final long THREADS = -1;

    private final SplittableRandom random;

    ScheduleShuffler(long seed) {
        // SplittableRandom mixes the seed: java.util.Random's first draws barely differ for seeds 1, 2, 3...
        this.random = new SplittableRandom(seed);
    }

    /** A ready callback and the producer that made it ready. */
    record Produced(Runnable callback, long producer) implements Runnable {
        @Override
        public void run() {
            callback.run();
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }

    /** Removes {@code n} callbacks from the head of {@code ready} and returns them interleaved. */
    List<Runnable> interleave(ArrayDeque<Runnable> ready, int n) {
        Map<Long, ArrayDeque<Runnable>> groups = new LinkedHashMap<>();
        long[] tags = new long[n];
        for (int i = 0; i < n; i++) {
            Runnable r = ready.poll();
            long tag = r instanceof Produced p ? p.producer() : THREADS;
            tags[i] = tag;
            groups.computeIfAbsent(tag, k -> new ArrayDeque<>()).add(r);
        }
        List<Runnable> out = new ArrayList<>(n);
        if (groups.size() < 2) {
            for (ArrayDeque<Runnable> g : groups.values()) {
                out.addAll(g);
            }
            return out;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = tags[i];
            tags[i] = tags[j];
            tags[j] = t;
        }
        for (long tag : tags) {
            out.add(groups.get(tag).poll());
        }
        return out;
    }
}
