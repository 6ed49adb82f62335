package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncIterables;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * {@link Queue#iterate()}: a for-each loop over a queue in a task, whose iterator suspends while
 * the queue is empty and ends once it is shut down and drained; cancelled while it waits, it
 * loses no item. asyncio has no counterpart (its users loop on {@code get()} until
 * {@code QueueShutDown}), so these tests check the documented contract.
 */
class QueueIterateTest {

    private static final Duration SHORT = Duration.ofMillis(10);

    @LoopTest
    void forEachYieldsTheItemsInOrderUntilShutdownAndDrained(LoopHarness h) {
        List<String> seen = h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            q.putNowait("b");
            q.shutdown();
            List<String> items = new ArrayList<>();
            for (String s : q.iterate()) {
                items.add(s);
            }
            return items;
        });
        assertEquals(List.of("a", "b"), seen);
    }

    @LoopTest
    void theIteratorWaitsForItemsPutLater(LoopHarness h) {
        List<Long> at = new ArrayList<>();
        List<Integer> seen = h.runBounded(() -> {
            Queue<Integer> q = new Queue<>();
            long start = time();
            createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    sleep(SHORT);
                    q.putNowait(i);
                }
                q.shutdown();
            });
            List<Integer> items = new ArrayList<>();
            for (int i : q.iterate()) {
                at.add(time() - start);
                items.add(i);
            }
            return items;
        });
        assertEquals(List.of(0, 1, 2), seen);
        for (int i = 0; i < 3; i++) {
            assertTrue(at.get(i) >= SHORT.toNanos() * (i + 1));
            if (h.isVirtualTime()) {
                assertEquals(SHORT.toNanos() * (i + 1), at.get(i));
            }
        }
    }

    @LoopTest
    void shutdownWakesAnIteratorWaitingForAnItemAndEndsTheLoop(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<Integer> consumer = createTask(() -> {
                int n = 0;
                for (String ignored : q.iterate()) {
                    n++;
                }
                return n;
            });
            sleep(Duration.ZERO);
            assertEquals(1, q.statistics().tasksWaitingGet());
            q.shutdown();
            assertEquals(0, consumer.await());
        });
    }

    @LoopTest
    void immediateShutdownEndsTheIterationWithoutTheQueuedItems(LoopHarness h) {
        List<String> seen = h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            q.putNowait("b");
            List<String> items = new ArrayList<>();
            for (String s : q.iterate()) {
                items.add(s);
                q.shutdown(true);
            }
            return items;
        });
        assertEquals(List.of("a"), seen);
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 100)
    void iteratorCancelledWhileWaitingLosesNoItem(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<Void> consumer = createTask(() -> {
                for (String ignored : q.iterate()) {
                    fail("no item was put before the cancellation");
                }
            });
            sleep(Duration.ZERO);
            consumer.cancel();
            q.putNowait("kept");
            assertThrows(CancelledError.class, consumer::await);
            assertEquals("kept", q.getNowait());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 100)
    void consumersIteratingOneQueueEachGetDifferentItems(LoopHarness h) {
        List<Integer> all = h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Task<List<Integer>>> consumers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                consumers.add(createTask(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int i : q.iterate()) {
                        mine.add(i);
                        sleep(Duration.ZERO);
                    }
                    return mine;
                }));
            }
            for (int i = 0; i < 20; i++) {
                q.put(i);
            }
            q.shutdown();
            List<Integer> union = new ArrayList<>();
            for (List<Integer> mine : gather(consumers)) {
                union.addAll(mine);
            }
            return union;
        });
        assertEquals(IntStream.range(0, 20).boxed().toList(), all.stream().sorted().toList());
    }

    @LoopTest
    void nextWithoutHasNextTakesAnItemAndThrowsAtTheEnd(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Iterator<String> it = q.iterate().iterator();
            getRunningLoop().callSoon(() -> q.putNowait("later"));
            assertEquals("later", it.next());
            q.shutdown();
            assertFalse(it.hasNext());
            assertFalse(it.hasNext(), "the end is final");
            assertThrows(NoSuchElementException.class, it::next);
        });
    }

    @LoopTest
    void hasNextHoldsTheItemItTookUntilNextReturnsIt(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            Iterator<String> it = q.iterate().iterator();
            assertTrue(it.hasNext());
            assertTrue(it.hasNext(), "asking again takes no second item");
            assertEquals(0, q.qsize());
            q.shutdown();
            assertEquals("a", it.next(), "held past the shutdown");
            assertFalse(it.hasNext());
        });
    }

    @LoopTest
    void takeOverTheIterationLeavesTheRestQueued(LoopHarness h) {
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 5; i++) {
                q.putNowait(i);
            }
            List<Integer> first = new ArrayList<>();
            for (int i : AsyncIterables.take(q.iterate(), 2)) {
                first.add(i);
            }
            assertEquals(List.of(0, 1), first);
            assertEquals(3, q.qsize(), "no item was taken beyond the count");
        });
    }

    @LoopTest
    void iteratingAPriorityQueueFollowsPriority(LoopHarness h) {
        List<Integer> seen = h.runBounded(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            for (int i : new int[] {5, 1, 4, 2, 3}) {
                q.putNowait(i);
            }
            q.shutdown();
            List<Integer> items = new ArrayList<>();
            for (int i : q.iterate()) {
                items.add(i);
            }
            return items;
        });
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
    }
}
