package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code shutdown(immediate)} of {@link Queue}, {@link PriorityQueue} and {@link LifoQueue}, with
 * Python 3.13's semantics: puts fail at once, gets drain what is queued and then fail, waiting
 * getters and putters are woken with {@link QueueShutDown}, and {@code immediate} drops the
 * queued items and marks them done so {@code join} can return. Ports
 * {@code _QueueShutdownTestMixin} of CPython's {@code Lib/test/test_asyncio/test_queues.py}, run
 * for the three classes as there.
 */
class QueueShutdownTest {


    private static final List<IntFunction<Queue<String>>> KINDS = List.of(Queue::new, PriorityQueue::new, LifoQueue::new);

    /** put, putNowait, get and getNowait all throw QueueShutDown: the queue is shut down and empty. */
    private static void assertEverythingThrowsShutDown(Queue<String> q) {
        assertThrows(QueueShutDown.class, () -> q.put("data"));
        assertThrows(QueueShutDown.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDown.class, () -> q.get());
        assertThrows(QueueShutDown.class, q::getNowait);
    }

    @LoopTest
    void shutdownWakesAGetterOfAnEmptyQueueWithQueueShutDown(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(0);
                Task<String> getter = createTask(q::get);
                sleep(Duration.ZERO);
                q.shutdown(false);
                assertEquals(0, q.qsize());
                q.join();
                sleep(Duration.ZERO);
                assertTrue(getter.isDone());
                assertThrows(QueueShutDown.class, getter::await);
            });
        }
    }

    @LoopTest
    void everyOperationOnAShutDownEmptyQueueThrowsQueueShutDown(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(0);
                q.shutdown();
                assertTrue(q.isShutDown());
                assertEverythingThrowsShutDown(q);
                assertEquals(0, q.statistics().unfinishedTasks(), "the failed puts were not counted");
            });
        }
    }

    @LoopTest
    void shutdownWakesAWaitingPutterWithQueueShutDown(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(1);
                q.putNowait("data");
                Task<Void> putter = createTask(() -> q.put("data2"));
                sleep(Duration.ZERO);
                assertFalse(putter.isDone());
                q.shutdown(false);
                assertEquals(1, q.qsize());
                sleep(Duration.ZERO);
                assertTrue(putter.isDone());
                assertThrows(QueueShutDown.class, putter::await);
                assertEquals(1, q.qsize(), "the putter's item was not added");
                q.getNowait();
            });
        }
    }

    @LoopTest
    void getsDrainWhatIsQueuedAfterAGracefulShutdown(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(0);
                q.putNowait("a");
                q.putNowait("b");
                q.shutdown();
                assertThrows(QueueShutDown.class, () -> q.putNowait("c"));
                List<String> drained = new ArrayList<>(List.of(q.get(), q.getNowait()));
                drained.sort(null);
                assertEquals(List.of("a", "b"), drained);
                assertEverythingThrowsShutDown(q);
            });
        }
    }

    @LoopTest
    void joinStillWaitsForTaskDoneAfterAGracefulShutdown(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(1);
                q.putNowait("data");
                Task<Void> joiner = createTask(q::join);
                q.shutdown(false);
                assertEquals("data", q.get());
                sleep(Duration.ZERO);
                assertFalse(joiner.isDone());
                q.taskDone();
                sleep(Duration.ZERO);
                assertTrue(joiner.isDone());
                joiner.await();
                assertThrows(IllegalStateException.class, q::taskDone, "every item is done");
            });
        }
    }

    @LoopTest
    void immediateShutdownDropsTheItemsAndReleasesJoin(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(0);
                q.putNowait("data");
                Task<Void> joiner = createTask(q::join);
                sleep(Duration.ZERO);
                q.shutdown(true);
                assertEquals(0, q.qsize());
                sleep(Duration.ZERO);
                assertTrue(joiner.isDone());
                joiner.await();
                assertEverythingThrowsShutDown(q);
                assertThrows(IllegalStateException.class, q::taskDone, "the dropped item counted as done");
            });
        }
    }

    @LoopTest
    void immediateShutdownKeepsTheCountOfItemsAlreadyTaken(LoopHarness h) {
        for (IntFunction<Queue<String>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<String> q = kind.apply(0);
                q.putNowait("data");
                q.putNowait("data");
                Task<Void> joiner = createTask(q::join);
                assertEquals("data", q.get());
                q.shutdown(true);
                assertEquals(0, q.qsize());
                sleep(Duration.ZERO);
                assertFalse(joiner.isDone(), "the item taken is not done yet");
                assertEverythingThrowsShutDown(q);
                q.taskDone();
                assertThrows(IllegalStateException.class, q::taskDone);
                sleep(Duration.ZERO);
                assertTrue(joiner.isDone());
                joiner.await();
            });
        }
    }

    @Test
    void immediateShutdownAfterAGracefulOneStillDropsTheItems() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(0);
            q.putNowait("a");
            q.putNowait("b");
            q.shutdown();
            q.shutdown();
            assertEquals(2, q.qsize(), "a second graceful shutdown changes nothing");
            q.shutdown(true);
            assertEquals(0, q.qsize());
            assertEquals(0, q.statistics().unfinishedTasks());
        }
    }

    @Test
    void putNowaitOnAFullShutDownQueueThrowsQueueShutDownNotQueueFull() {
        for (IntFunction<Queue<String>> kind : KINDS) {
            Queue<String> q = kind.apply(1);
            q.putNowait("a");
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> q.putNowait("b"));
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 100)
    void shutdownWakesEveryWaitingGetterAndPutter(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> empty = new Queue<>();
            Queue<String> full = new Queue<>(1);
            full.putNowait("x");
            List<Task<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(createTask(empty::get));
                waiters.add(createTask(() -> full.put("y")));
            }
            sleep(Duration.ZERO);
            empty.shutdown();
            full.shutdown(true);
            for (Object outcome : gatherReturnExceptions(waiters)) {
                assertInstanceOf(QueueShutDown.class, outcome);
            }
            assertEquals(0, full.qsize());
        });
    }

    @LoopTest
    void putterWokenForASlotButShutDownBeforeItRanThrowsQueueShutDown(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("queued");
            Task<Void> putter = createTask(() -> q.put("late"));
            sleep(Duration.ZERO);
            assertEquals("queued", q.getNowait());
            q.shutdown();
            assertThrows(QueueShutDown.class, putter::await);
            assertTrue(q.isEmpty());
        });
    }

    @LoopTest
    void getterWokenByShutdownThenCancelledEndsCancelled(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = createTask(q::get);
            sleep(Duration.ZERO);
            q.shutdown();
            getter.cancel();
            assertThrows(CancelledError.class, getter::await);
        });
    }

    @LoopTest
    void getterWaitingOnAGracefullyShutDownQueueIsWokenToo(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<String> g1 = createTask(q::get);
            Task<String> g2 = createTask(q::get);
            sleep(Duration.ZERO);
            q.putNowait("last");
            q.shutdown();
            List<Object> outcomes = gatherReturnExceptions(List.of(g1, g2));
            assertEquals("last", outcomes.get(0), "the first getter still gets the item queued before shutdown");
            assertInstanceOf(QueueShutDown.class, outcomes.get(1));
        });
    }
}
