package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.VirtualTimeEventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timer heap on its own, against a sorted list as the model: pops come out by deadline,
 * ties in scheduling order, cancelled timers never come out, and compaction and clearing keep
 * the {@code scheduled} flags right. Issue 8 rewrote the heap as a 4-ary heap over a deadline
 * array; these pin its order down with many random operations.
 */
class TimerQueueTest {
    /** Owns the handles (their cancel() reports to it); it never runs. */
    private final VirtualTimeEventLoop owner = new VirtualTimeEventLoop();
    private final TimerQueue queue = new TimerQueue();
    private long sequence;

    @AfterEach
    void closeOwner() {
        owner.close();
    }

    private TimerHandle timer(long when) {
        TimerHandle t = new TimerHandle(owner, when, sequence++, () -> { }, null);
        queue.add(t);
        return t;
    }

    private void cancel(TimerHandle t) {
        boolean counted = t.scheduled && !t.isCancelled();
        t.cancel();
        if (counted) {
            queue.noteCancelled();
        }
    }

    private static final Comparator<TimerHandle> ORDER = Comparator.comparingLong(TimerHandle::when)
            .thenComparingLong(t -> t.sequence);

    private List<TimerHandle> popAllDueBefore(long end) {
        List<TimerHandle> out = new ArrayList<>();
        queue.popDue(end, out::add);
        return out;
    }

    @Test
    void popsByDeadlineWithTiesInSchedulingOrder() {
        TimerHandle late = timer(30);
        TimerHandle firstTie = timer(10);
        TimerHandle early = timer(5);
        TimerHandle secondTie = timer(10);
        assertSame(early, queue.peek());
        assertEquals(List.of(early, firstTie, secondTie), popAllDueBefore(11));
        assertFalse(firstTie.scheduled);
        assertEquals(List.of(late), popAllDueBefore(Long.MAX_VALUE));
        assertNull(queue.peek());
    }

    @Test
    void randomOperationsMatchASortedModel() {
        // few distinct deadlines, so ties are common; the heap stays small
        randomOperations(200_000, 6, 500, 60, 1);
    }

    @Test
    void randomOperationsOnTensOfThousandsOfPendingTimersMatchASortedModel() {
        // past HEAP_LIMIT, so most timers are bucketed; deadlines on a coarse grid, so ties
        // fall inside one bucket and across the heap/bucket boundary
        randomOperations(300_000, 8, 200L << TimerQueue.BUCKET_SHIFT, 1L << 16, 1L << 16);
        assertTrue(maxPending > 4 * TimerQueue.HEAP_LIMIT, "pending timers reached " + maxPending);
    }

    private int maxPending;

    /**
     * {@code ops} random operations: out of 10, {@code addWeight} add a timer due within
     * {@code spread} of now (a multiple of {@code grain}), one cancels a random timer, the rest
     * advance now by up to {@code step} and pop what is due, which must be the model's due timers
     * in order.
     */
    private void randomOperations(int ops, int addWeight, long spread, long step, long grain) {
        SplittableRandom random = new SplittableRandom(8);
        TreeSet<TimerHandle> model = new TreeSet<>(ORDER);
        List<TimerHandle> added = new ArrayList<>();
        long now = 0;
        for (int op = 0; op < ops; op++) {
            int kind = random.nextInt(10);
            if (kind < addWeight) {
                TimerHandle t = timer(now + random.nextLong(0, spread) / grain * grain);
                model.add(t);
                added.add(t);
                maxPending = Math.max(maxPending, model.size());
            } else if (kind == addWeight && !added.isEmpty()) {
                TimerHandle victim = added.get(random.nextInt(added.size()));
                if (model.remove(victim)) {
                    cancel(victim);
                }
            } else {
                now += random.nextLong(0, step);
                long end = now;
                List<TimerHandle> due = popAllDueBefore(end);
                List<TimerHandle> expected = new ArrayList<>();
                while (!model.isEmpty() && model.first().when() < end) {
                    expected.add(model.pollFirst());
                }
                assertEquals(expected, due, "at op " + op);
            }
            if (op % 97 == 0) {
                assertEquals(model.size(), queue.live(), "at op " + op);
            }
        }
        assertEquals(List.copyOf(model), popAllDueBefore(Long.MAX_VALUE));
        assertEquals(0, queue.size());
    }

    @Test
    void compactionDropsCancelledTimersAndKeepsTheOrder() {
        List<TimerHandle> all = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(timer((i * 7919L) % 1_000));
        }
        List<TimerHandle> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 3 == 0) {
                kept.add(all.get(i));
            } else {
                cancel(all.get(i));
            }
        }
        assertTrue(queue.size() < all.size(), "more than half cancelled: compacted");
        assertEquals(kept.size(), queue.live());
        assertTrue(kept.stream().allMatch(t -> t.scheduled));
        assertTrue(all.stream().anyMatch(t -> !kept.contains(t) && !t.scheduled), "compacted timers are unscheduled");
        assertEquals(kept.stream().sorted(ORDER).toList(), popAllDueBefore(Long.MAX_VALUE));
    }

    @Test
    void clearUnschedulesEverything() {
        TimerHandle a = timer(1);
        TimerHandle b = timer(2);
        queue.clear();
        assertFalse(a.scheduled);
        assertFalse(b.scheduled);
        assertEquals(0, queue.size());
        assertNull(queue.peek());
        assertSame(timer(3), queue.peek());
    }
}
