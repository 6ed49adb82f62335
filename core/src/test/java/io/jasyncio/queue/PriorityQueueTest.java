package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PriorityQueue}: lowest item first in natural or comparator order, stable for equal
 * priorities (unlike asyncio's heap), items that cannot be ordered rejected without harm, and
 * the waiting behaviour it shares with {@link Queue}. Ports {@code PriorityQueueTests} of
 * CPython's {@code Lib/test/test_asyncio/test_queues.py}.
 */
class PriorityQueueTest {

    private record Job(int priority, String name) {
    }

    private static final Comparator<Job> BY_PRIORITY = Comparator.comparingInt(Job::priority);

    @LoopTest
    void itemsComeOutLowestFirstInNaturalOrder(LoopHarness h) {
        List<Integer> items = h.runBounded(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.put(i);
            }
            return List.of(q.get(), q.get(), q.get());
        });
        assertEquals(List.of(1, 2, 3), items);
    }

    @Test
    void theComparatorDecidesTheOrder() {
        PriorityQueue<String> q = new PriorityQueue<>(Comparator.reverseOrder());
        for (String s : List.of("b", "c", "a")) {
            q.putNowait(s);
        }
        assertEquals(List.of("c", "b", "a"), List.of(q.getNowait(), q.getNowait(), q.getNowait()));
    }

    @Test
    void itemsOfEqualPriorityComeOutInTheOrderTheyWerePut() {
        PriorityQueue<Job> q = new PriorityQueue<>(BY_PRIORITY);
        List<Job> put = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Job j = new Job(i % 3, "job" + i);
            put.add(j);
            q.putNowait(j);
        }
        List<Job> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        List<Job> expected = new ArrayList<>(put);
        expected.sort(BY_PRIORITY);
        assertEquals(expected, out, "List.sort is stable: same priority, put order");
    }

    @Test
    void anItemThatIsNotComparableIsRejectedAndTheQueueIsUnchanged() {
        PriorityQueue<Object> q = new PriorityQueue<>(2);
        ClassCastException e = assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertTrue(e.getMessage().contains("Comparator"), e.getMessage());
        assertEquals(0, q.qsize());
        assertEquals(0, q.statistics().unfinishedTasks());
        q.putNowait("fine");
        assertThrows(ClassCastException.class, () -> q.putNowait(42), "an Integer does not compare with a String");
        assertEquals(1, q.qsize());
        assertEquals(1, q.statistics().unfinishedTasks());
        assertEquals("fine", q.getNowait());
    }

    @Test
    void anItemTheComparatorThrowsOnIsRejectedAndTheQueueIsUnchanged() {
        // Throws only when 0 meets 1, the lowest item: an insertion of 0 gets far before failing.
        Comparator<Integer> picky = (a, b) -> {
            if (Math.min(a, b) == 0 && Math.max(a, b) == 1) {
                throw new IllegalArgumentException("0 and 1 do not compare");
            }
            return Integer.compare(a, b);
        };
        PriorityQueue<Integer> q = new PriorityQueue<>(picky);
        for (int i = 31; i >= 1; i--) {
            q.putNowait(i);
        }
        assertThrows(IllegalArgumentException.class, () -> q.putNowait(0));
        assertEquals(31, q.qsize());
        assertEquals(31, q.statistics().unfinishedTasks());
        List<Integer> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        assertEquals(IntStream.rangeClosed(1, 31).boxed().toList(), out, "no item lost or misplaced");
    }

    @Test
    void aNullComparatorIsRejected() {
        assertThrows(NullPointerException.class, () -> new PriorityQueue<String>(null));
        assertThrows(NullPointerException.class, () -> new PriorityQueue<String>(3, null));
    }

    @LoopTest
    void aPutterWaitingOnAFullPriorityQueueIsWokenByAGet(LoopHarness h) {
        List<Integer> out = h.runBounded(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>(2);
            q.putNowait(5);
            q.putNowait(9);
            Task<Void> putter = createTask(() -> q.put(1));
            sleep(Duration.ZERO);
            assertFalse(putter.isDone());
            assertEquals(5, q.get());
            putter.await();
            return List.of(q.getNowait(), q.getNowait());
        });
        assertEquals(List.of(1, 9), out);
    }

    /** Regression (review of 2026-12-02): the woken putter's rejected item swallowed the wake-up. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void aWokenPutterWhoseItemIsRejectedPassesTheFreeSlotToTheNextPutter(LoopHarness h) {
        boolean goodPut = h.runBounded(() -> {
            PriorityQueue<Object> q = new PriorityQueue<>(1);
            q.putNowait(1);
            Task<Void> bad = createTask(() -> q.put(new Object()));   // not Comparable: rejected
            Task<Void> good = createTask(() -> q.put(2));
            sleep(Duration.ZERO);
            assertEquals(1, q.getNowait());                            // frees the slot, wakes bad
            sleep(Duration.ofSeconds(1));
            assertThrows(ClassCastException.class, bad::await);
            boolean done = good.isDone();
            assertEquals(2, q.getNowait());
            return done;
        });
        assertTrue(goodPut, "a free slot and a waiting putter: the putter must have put");
    }
}
