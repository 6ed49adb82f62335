package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * {@link Queue}'s basic contract: FIFO order, {@code maxsize}, {@code put}/{@code get} and their
 * non-suspending twins, who wakes whom, {@code toString}, {@code statistics()} and the binding to
 * one loop. Ports {@code QueueBasicTests}, {@code QueueGetTests} and {@code QueuePutTests} of
 * CPython's {@code Lib/test/test_asyncio/test_queues.py}, less their cancellation races (see
 * {@link QueueCancellationTest}).
 */
class QueueTest {

    private static final Duration SHORT = Duration.ofMillis(10);

    @LoopTest
    void isEmptyUntilAnItemIsPutAndAgainOnceItIsTaken(LoopHarness h) {
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.isEmpty());
            q.put(1);
            assertFalse(q.isEmpty());
            assertEquals(1, q.get());
            assertTrue(q.isEmpty());
        });
    }

    @Test
    void isFullOnceMaxsizeItemsAreQueued() {
        Queue<Integer> q = new Queue<>(2);
        q.putNowait(1);
        assertFalse(q.isFull());
        q.putNowait(2);
        assertTrue(q.isFull());
        q.getNowait();
        assertFalse(q.isFull());
    }

    @Test
    void zeroOrNegativeMaxsizeMeansUnbounded() {
        for (int maxsize : new int[] {0, -1}) {
            Queue<Integer> q = new Queue<>(maxsize);
            for (int i = 0; i < 1000; i++) {
                q.putNowait(i);
            }
            assertFalse(q.isFull());
            assertEquals(1000, q.qsize());
            assertEquals(maxsize, q.maxsize());
        }
        assertEquals(0, new Queue<>().maxsize());
    }

    @LoopTest
    void itemsComeOutInTheOrderTheyWerePut(LoopHarness h) {
        List<Integer> items = h.runBounded(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.put(i);
            }
            return List.of(q.get(), q.get(), q.get());
        });
        assertEquals(List.of(1, 3, 2), items);
    }

    @LoopTest
    void putSuspendsAtMaxsizeUntilAGetMakesRoom(LoopHarness h) {
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Integer> havePut = new ArrayList<>();
            Task<Boolean> putter = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    havePut.add(i);
                }
                return true;
            });
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            assertEquals(List.of(0, 1), havePut, "blocked after two items");
            assertEquals(0, q.get());
            sleep(Duration.ZERO);
            assertEquals(List.of(0, 1, 2), havePut);
            assertEquals(1, q.get());
            assertEquals(2, q.get());
            assertTrue(putter.isDone());
            assertTrue(putter.result());
        });
    }

    @LoopTest
    void getOfAQueuedItemDoesNotYield(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("a");
            List<String> log = new ArrayList<>();
            Task<Boolean> other = createTask(() -> log.add("other ran"));
            assertEquals("a", q.get());
            assertEquals(List.of(), log, "get returned without letting another task run");
            other.await();
        });
    }

    @LoopTest
    void putWithRoomDoesNotYield(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>(1);
            List<String> log = new ArrayList<>();
            Task<Boolean> other = createTask(() -> log.add("other ran"));
            q.put("a");
            assertEquals(List.of(), log, "put returned without letting another task run");
            assertEquals(1, q.qsize());
            other.await();
        });
    }

    @Test
    void getNowaitReturnsTheQueuedItem() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
        assertTrue(q.isEmpty());
    }

    @Test
    void getNowaitOnAnEmptyQueueThrowsQueueEmpty() {
        Queue<Integer> q = new Queue<>();
        QueueEmpty e = assertThrows(QueueEmpty.class, q::getNowait);
        assertInstanceOf(NoSuchElementException.class, e, "the java.util.Queue.remove() family");
    }

    @Test
    void putNowaitOnAFullQueueThrowsQueueFullAndKeepsTheQueue() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        QueueFull e = assertThrows(QueueFull.class, () -> q.putNowait(2));
        assertInstanceOf(IllegalStateException.class, e, "the java.util.Queue.add() family");
        assertEquals(1, q.qsize());
        assertEquals(1, q.statistics().unfinishedTasks(), "a rejected item is not counted");
        assertEquals(1, q.getNowait());
    }

    @LoopTest
    void getWaitsForAnItemPutLaterByACallback(LoopHarness h) {
        long[] took = new long[1];
        int item = h.runBounded(() -> {
            Queue<Integer> q = new Queue<>();
            long start = time();
            getRunningLoop().callLater(SHORT, () -> q.putNowait(1));
            int got = q.get();
            took[0] = time() - start;
            return got;
        });
        assertEquals(1, item);
        assertTrue(took[0] >= SHORT.toNanos());
        if (h.isVirtualTime()) {
            assertEquals(SHORT.toNanos(), took[0]);
        }
    }

    @LoopTest
    void putWaitsForRoomMadeLaterByACallback(LoopHarness h) {
        long[] took = new long[1];
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(1);
            long start = time();
            getRunningLoop().callLater(SHORT, q::getNowait);
            q.put(1);
            q.put(2);
            took[0] = time() - start;
            assertEquals(2, q.getNowait());
        });
        assertTrue(took[0] >= SHORT.toNanos());
        if (h.isVirtualTime()) {
            assertEquals(SHORT.toNanos(), took[0]);
        }
    }

    @LoopTest
    void putWakesAWaitingGetter(LoopHarness h) {
        String got = h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = createTask(q::get);
            sleep(Duration.ZERO);
            assertFalse(getter.isDone());
            q.put("a");
            return getter.await();
        });
        assertEquals("a", got);
    }

    @LoopTest
    void getWakesAWaitingPutter(LoopHarness h) {
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.put(1);
            Task<Void> putter = createTask(() -> q.put(2));
            sleep(Duration.ZERO);
            assertFalse(putter.isDone(), "the queue was full");
            assertEquals(1, q.get());
            putter.await();
            assertEquals(2, q.getNowait());
        });
    }

    @LoopTest
    void getTakesTheItemsOfWaitingPuttersInTheirOrder(LoopHarness h) {
        List<String> got = h.runBounded(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> a = createTask(() -> q.put("a"));
            Task<Void> b = createTask(() -> q.put("b"));
            List<String> items = List.of(q.get(), q.get());
            a.await();
            b.await();
            return items;
        });
        assertEquals(List.of("a", "b"), got);
    }

    @LoopTest
    void waitingGettersAreServedInTheOrderTheyCame(LoopHarness h) {
        List<String> got = h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            List<Task<String>> getters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                getters.add(createTask(q::get));
            }
            sleep(Duration.ZERO);
            q.putNowait("first");
            q.putNowait("second");
            q.putNowait("third");
            return gather(getters);
        });
        assertEquals(List.of("first", "second", "third"), got);
    }

    @LoopTest
    void waitingPuttersAreServedInTheOrderTheyCame(LoopHarness h) {
        List<String> got = h.runBounded(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("queued");
            List<Task<Void>> putters = new ArrayList<>();
            for (String s : List.of("first", "second", "third")) {
                putters.add(createTask(() -> q.put(s)));
            }
            sleep(Duration.ZERO);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                items.add(q.get());
            }
            gather(putters);
            return items;
        });
        assertEquals(List.of("queued", "first", "second", "third"), got);
    }

    @LoopTest
    void producerAndConsumerThroughAMaxsizeOneQueueBothFinish(LoopHarness h) {
        List<Integer> consumed = new ArrayList<>();
        h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(1);
            {
                TaskGroup tg = new TaskGroup();
                tg.run(() -> {
                    tg.createTask(() -> {
                        for (int i = 0; i < 5; i++) {
                            q.put(i);
                        }
                        return null;
                    });
                    tg.createTask(() -> {
                        for (int i = 0; i < 5; i++) {
                            consumed.add(q.get());
                        }
                        return null;
                    });
                });
            };
        });
        assertEquals(List.of(0, 1, 2, 3, 4), consumed);
    }

    @LoopTest
    void puttersBeyondMaxsizeAllFinishWhenAGetterEmptiesTheQueue(LoopHarness h) {
        List<Integer> left = h.runBounded(() -> {
            Queue<Integer> q = new Queue<>(2);
            {
                TaskGroup tg = new TaskGroup();
                tg.run(() -> {
                    tg.createTask(() -> {
                        sleep(Duration.ZERO);
                        for (int n = q.qsize(); n > 0; n--) {
                            q.getNowait();
                        }
                        return null;
                    });
                    for (int i = 0; i < 4; i++) {
                        int item = i;
                        tg.createTask(() -> {
                            q.put(item);
                            return null;
                        });
                    }
                });
            };
            return List.of(q.getNowait(), q.getNowait());
        });
        assertEquals(List.of(2, 3), left, "the two putters that waited got their items in");
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 100)
    void pingPongThroughTwoMaxsizeOneQueuesCompletesEveryRoundTrip(LoopHarness h) {
        int rounds = h.runBounded(() -> {
            Queue<Integer> ping = new Queue<>(1);
            Queue<Integer> pong = new Queue<>(1);
            Task<Integer> echo = createTask(() -> {
                int n = 0;
                for (int i : ping.iterate()) {
                    pong.put(i + 1);
                    n++;
                }
                return n;
            });
            int value = 0;
            for (int i = 0; i < 50; i++) {
                ping.put(value);
                value = pong.get();
            }
            ping.shutdown();
            assertEquals(50, value);
            return echo.await();
        });
        assertEquals(50, rounds);
    }

    @Test
    void nullItemsAreRejected() {
        Queue<String> q = new Queue<>();
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertEquals(0, q.qsize());
        assertEquals(0, q.statistics().unfinishedTasks());
    }

    @Test
    void nonSuspendingMethodsNeedNoLoop() {
        Queue<String> q = new Queue<>(2);
        q.putNowait("a");
        q.put("b");
        assertEquals("a", q.getNowait());
        assertEquals("b", q.get());
        q.taskDone();
        q.taskDone();
        q.join();
        q.shutdown();
        assertTrue(q.isShutDown());
    }

    @Test
    void getOutsideALoopThrowsAndLeavesNoWaiter() {
        Queue<String> q = new Queue<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::get);
        assertTrue(e.getMessage().contains("getNowait"), e.getMessage());
        assertEquals(0, q.statistics().tasksWaitingGet());
        q.putNowait("a");
        assertEquals("a", q.getNowait());
    }

    @LoopTest
    void getFromACallbackThrowsIllegalStateException(LoopHarness h) {
        List<Throwable> errors = new ArrayList<>();
        Queue<String> q = new Queue<>();
        h.runBounded(() -> {
            getRunningLoop().callSoon(() -> {
                try {
                    q.get();
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
            });
            sleep(Duration.ZERO);
        });
        assertEquals(1, errors.size());
        assertEquals(0, q.statistics().tasksWaitingGet());
    }

    @LoopTest
    void waitingOnAQueueBoundToAnotherLoopIsRejected(LoopHarness h) {
        Queue<String> q = new Queue<>();
        h.runBounded(() -> {
            Task<String> getter = createTask(q::get);
            sleep(Duration.ZERO);
            q.putNowait("a");
            assertEquals("a", getter.await());
        });
        EventLoop other = LoopKind.VIRTUAL.create();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(q::get));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        } finally {
            other.close();
        }
        assertEquals(0, q.statistics().tasksWaitingGet());
    }

    @LoopTest
    void toStringShowsSizeWaitersUnfinishedTasksAndShutdown(LoopHarness h) {
        h.runBounded(() -> {
            Queue<Integer> empty = new Queue<>();
            assertEquals("Queue[maxsize=0, qsize=0]", empty.toString());
            Task<Integer> getter = createTask(empty::get);
            sleep(Duration.ZERO);
            assertTrue(empty.toString().contains("getters[1]"), empty.toString());
            empty.putNowait(0);
            assertEquals(0, getter.await());

            Queue<Integer> full = new Queue<>(1);
            full.putNowait(1);
            Task<Void> putter = createTask(() -> full.put(2));
            sleep(Duration.ZERO);
            assertTrue(full.toString().contains("putters[1]"), full.toString());
            full.getNowait();
            putter.await();
            assertEquals("Queue[maxsize=1, qsize=1, tasks=2]", full.toString());
            full.shutdown();
            assertEquals("Queue[maxsize=1, qsize=1, tasks=2, shutdown]", full.toString());
        });
    }

    @LoopTest
    void statisticsCountItemsWaitersAndUnfinishedTasks(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("x");
            List<Task<Void>> waiters = new ArrayList<>();
            waiters.add(createTask(() -> q.put("y")));
            waiters.add(createTask(() -> q.put("z")));
            waiters.add(createTask(q::join));
            sleep(Duration.ZERO);
            assertEquals(new QueueStatistics(1, 1, 0, 2, 1, 1, false), q.statistics());
            q.shutdown(true);
            assertEquals(new QueueStatistics(0, 1, 0, 0, 0, 0, true), q.statistics(), "woken waiters no longer count");
            List<Object> outcomes = gatherReturnExceptions(waiters);
            assertInstanceOf(QueueShutDown.class, outcomes.get(0));
            assertInstanceOf(QueueShutDown.class, outcomes.get(1));
            assertNull(outcomes.get(2), "join returned");
        });
    }

    @LoopTest
    void statisticsCountWaitingGettersButNotCancelledOnes(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            Task<String> g1 = createTask(q::get);
            Task<String> g2 = createTask(q::get);
            sleep(Duration.ZERO);
            assertEquals(2, q.statistics().tasksWaitingGet());
            g1.cancel();
            assertEquals(1, q.statistics().tasksWaitingGet(), "at once, before the cancelled task runs");
            q.putNowait("a");
            assertEquals(0, q.statistics().tasksWaitingGet());
            assertEquals("a", g2.await());
            assertTrue(g1.isCancelled());
        });
    }
}
