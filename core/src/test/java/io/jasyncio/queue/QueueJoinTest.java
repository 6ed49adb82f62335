package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code taskDone}/{@code join} of {@link Queue}, {@link PriorityQueue} and {@link LifoQueue}:
 * the unfinished-tasks count goes up with each put and down with each {@code taskDone}, too
 * many {@code taskDone} calls are an error, and {@code join} waits for the count to reach zero.
 * Ports {@code _QueueJoinTestMixin} of CPython's {@code Lib/test/test_asyncio/test_queues.py}
 * (run there for the three classes, as here).
 */
class QueueJoinTest {


    private static final List<IntFunction<Queue<Integer>>> KINDS = List.of(Queue::new, PriorityQueue::new, LifoQueue::new);

    @Test
    void taskDoneWithNothingPutThrows() {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            Queue<Integer> q = kind.apply(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
            assertEquals("taskDone() called too many times", e.getMessage());
        }
    }

    @Test
    void taskDoneOnceMoreThanItemsWerePutThrows() {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            Queue<Integer> q = kind.apply(0);
            q.putNowait(1);
            q.putNowait(2);
            q.getNowait();
            q.getNowait();
            q.taskDone();
            q.taskDone();
            assertThrows(IllegalStateException.class, q::taskDone);
            assertEquals(0, q.statistics().unfinishedTasks(), "the failed call changed nothing");
        }
    }

    @Test
    void unfinishedCountGrowsWithPutsAndShrinksOnlyWithTaskDone() {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            Queue<Integer> q = kind.apply(0);
            q.putNowait(1);
            q.putNowait(2);
            assertEquals(2, q.statistics().unfinishedTasks());
            q.getNowait();
            assertEquals(2, q.statistics().unfinishedTasks(), "a get is not a taskDone");
            q.taskDone();
            assertEquals(1, q.statistics().unfinishedTasks());
        }
    }

    @LoopTest
    void joinWaitsUntilEveryItemIsMarkedDone(LoopHarness h) {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            int[] sum = {0};
            h.runBounded(() -> {
                Queue<Integer> q = kind.apply(0);
                for (int i = 0; i < 100; i++) {
                    q.putNowait(i);
                }
                List<Task<Void>> workers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    workers.add(createTask(() -> {
                        for (int item : q.iterate()) {
                            sum[0] += item;
                            q.taskDone();
                        }
                    }));
                }
                q.join();
                assertEquals(4950, sum[0], q.getClass().getSimpleName());
                q.shutdown();
                gather(workers);
            });
        }
    }

    @LoopTest
    void getsAloneDoNotReleaseJoin(LoopHarness h) {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<Integer> q = kind.apply(0);
                q.putNowait(1);
                q.putNowait(2);
                Task<Void> joiner = createTask(q::join);
                q.getNowait();
                q.getNowait();
                sleep(Duration.ZERO);
                sleep(Duration.ZERO);
                assertFalse(joiner.isDone());
                q.taskDone();
                sleep(Duration.ZERO);
                assertFalse(joiner.isDone(), "one item is still unfinished");
                q.taskDone();
                joiner.await();
            });
        }
    }

    @LoopTest
    void joinWithNothingUnfinishedReturnsWithoutYielding(LoopHarness h) {
        for (IntFunction<Queue<Integer>> kind : KINDS) {
            h.runBounded(() -> {
                Queue<Integer> q = kind.apply(0);
                List<String> log = new ArrayList<>();
                Task<Boolean> other = createTask(() -> log.add("other ran"));
                q.join();
                q.join();
                assertEquals(List.of(), log);
                other.await();
            });
        }
    }

    @LoopTest
    void lastTaskDoneWakesEveryJoiner(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("x");
            List<Task<Void>> joiners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                joiners.add(createTask(q::join));
            }
            sleep(Duration.ZERO);
            assertEquals(3, q.statistics().tasksWaitingJoin());
            q.getNowait();
            q.taskDone();
            gather(joiners);
        });
    }

    @LoopTest
    void wokenJoinerReturnsEvenIfAnItemIsPutBeforeItRuns(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("x");
            Task<Void> joiner = createTask(q::join);
            sleep(Duration.ZERO);
            q.getNowait();
            q.taskDone();
            q.putNowait("y");
            joiner.await();
            assertEquals(1, q.statistics().unfinishedTasks());
        });
    }

    @LoopTest
    void joinAfterTheCountReturnedToZeroWaitsForNewItems(LoopHarness h) {
        h.runBounded(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("x");
            q.getNowait();
            q.taskDone();
            q.putNowait("y");
            Task<Void> joiner = createTask(q::join);
            sleep(Duration.ZERO);
            assertFalse(joiner.isDone(), "y is unfinished");
            q.getNowait();
            q.taskDone();
            joiner.await();
        });
    }
}
