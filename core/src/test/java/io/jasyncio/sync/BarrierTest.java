package io.jasyncio.sync;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.sync.SyncTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link Barrier} (Python 3.11): arrival indices, reuse over rounds, the draining phase,
 * {@code reset()} and {@code abort()}, and cancellation at both of its waiting points (waiting
 * for the round to fill, waiting for a drain to end). Ports the behaviours of
 * {@code BarrierTests} in CPython's {@code Lib/test/test_asyncio/test_locks.py}.
 */
class BarrierTest {
    private static final int N = 5;

    @LoopTest
    void partiesMustBePositive(LoopHarness h) {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    @LoopTest
    void theLastArrivalReleasesAllWithDistinctIndices(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        List<Integer> indices = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ts.add(createTask(() -> {
                    indices.add(barrier.await());
                }));
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(), indices, "two of three parties wait");
            assertEquals(2, barrier.await(), "the last arrival does not wait");
            gather(ts);
        });
        assertEquals(List.of(0, 1), indices.stream().sorted().toList());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @LoopTest
    void aSinglePartyBarrierPassesEveryArrivalAtOnce(LoopHarness h) {
        Barrier barrier = new Barrier(1);
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> other = createTask(() -> {
                log.add("other");
            });
            assertEquals(0, barrier.await());
            assertEquals(0, barrier.await());
            log.add("passed twice");
            other.await();
        });
        assertEquals(List.of("passed twice", "other"), log);
        assertEquals(new Barrier.Statistics(1, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest
    void nWaitingCountsTheArrivalsOfTheFillingRound(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        h.runBounded(() -> {
            Task<Integer> t1 = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(1, barrier.nWaiting());
            assertEquals("Barrier[filling, waiters:1/3]", barrier.toString());
            Task<Integer> t2 = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(2, barrier.nWaiting());
            Task<Integer> t3 = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(0, barrier.nWaiting(), "draining: nobody counts as waiting");
            assertEquals(List.of(0, 1, 2), gather(t1, t2, t3));
        });
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @LoopTest
    void theBarrierServesRoundAfterRound(LoopHarness h) {
        // test_filling_tasks_wait_twice and test_filling_tasks_check_return_value.
        Barrier barrier = new Barrier(N);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    first.add(barrier.await());
                    second.add(barrier.await());
                }));
            }
            gather(ts);
        });
        assertEquals(List.of(0, 1, 2, 3, 4), first.stream().sorted().toList());
        assertEquals(List.of(0, 1, 2, 3, 4), second.stream().sorted().toList());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @LoopTest
    void releasedTasksSeeItDrainingUntilTheLastHasLeft(LoopHarness h) {
        // test_draining_state.
        Barrier barrier = new Barrier(N);
        List<Barrier.State> seen = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    barrier.await();
                    seen.add(barrier.statistics().state());
                }));
            }
            gather(ts);
        });
        List<Barrier.State> expected = new ArrayList<>(List.of(Barrier.State.DRAINING, Barrier.State.DRAINING,
                Barrier.State.DRAINING, Barrier.State.DRAINING, Barrier.State.FILLING));
        assertEquals(expected, seen);
    }

    @LoopTest
    void arrivalsWhileItDrainsWaitForTheNextRound(LoopHarness h) {
        Barrier barrier = new Barrier(2);
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            Task<Integer> a = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(1, barrier.await(), "this arrival releases a, which has not left yet");
            assertEquals(Barrier.State.DRAINING, barrier.statistics().state());
            Task<Integer> late = createTask(() -> {
                int i = barrier.await();
                log.add("late passed as " + i);
                return i;
            });
            sleep(Duration.ZERO);
            assertEquals(0, a.await());
            assertEquals(Barrier.State.FILLING, barrier.statistics().state());
            sleep(Duration.ZERO);
            assertEquals(1, barrier.nWaiting(), "late now waits in the new round");
            assertEquals(List.of(), log);
            assertEquals(1, barrier.await());
            assertEquals(0, late.await());
        });
        assertEquals(List.of("late passed as 0"), log);
    }

    @LoopTest
    void cancelWhileFillingUncountsTheTaskWithoutBreakingTheBarrier(LoopHarness h) {
        // test_filling_tasks_cancel_one.
        Barrier barrier = new Barrier(3);
        h.runBounded(() -> {
            Task<Integer> t1 = createTask(barrier::await);
            Task<Integer> t2 = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(2, barrier.nWaiting());
            t1.cancel();
            assertThrows(CancelledError.class, t1::await);
            assertEquals(1, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            Task<Integer> t3 = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(2, barrier.nWaiting());
            Task<Integer> t4 = createTask(barrier::await);
            assertEquals(List.of(0, 1, 2), gather(t2, t3, t4), "t2 moved up to the place t1 gave up");
        });
        assertEquals(new Barrier.Statistics(3, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest
    void cancelWhileBlockedByADrainLeavesTheRoundIntact(LoopHarness h) {
        Barrier barrier = new Barrier(2);
        List<Barrier.State> seen = new ArrayList<>();
        h.runBounded(() -> {
            Task<Integer> a = createTask(barrier::await);
            sleep(Duration.ZERO);
            Task<Integer> blocked = createTask(() -> {
                seen.add(barrier.statistics().state());
                return barrier.await();
            });
            // Runs after blocked has parked behind the drain, and before a (released below) leaves.
            getRunningLoop().callSoon(() -> blocked.cancel());
            assertEquals(1, barrier.await());
            assertThrows(CancelledError.class, blocked::await);
            assertEquals(List.of(Barrier.State.DRAINING), seen);
            assertEquals(0, a.await());
            assertEquals(new Barrier.Statistics(2, 0, Barrier.State.FILLING, 0), barrier.statistics());
            Task<Integer> next = createTask(barrier::await);
            assertEquals(1, barrier.await() + next.await(), "a fresh round of two");
        });
    }

    @LoopTest
    void aTaskCancelledAfterTheReleaseDoesNotHoldBackTheOthers(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        h.runBounded(() -> {
            Task<Integer> a = createTask(barrier::await);
            Task<Integer> b = createTask(barrier::await);
            sleep(Duration.ZERO);
            assertEquals(2, barrier.await());
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            assertEquals(1, b.await());
            assertEquals(new Barrier.Statistics(3, 0, Barrier.State.FILLING, 0), barrier.statistics(),
                    "the round drained although a never resumed normally");
        });
    }

    @LoopTest
    void resetBreaksTheWaitingTasksAndTheBarrierFillsAgain(LoopHarness h) {
        // test_reset_barrier_while_tasks_waiting_and_waiting_again.
        Barrier barrier = new Barrier(N);
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N - 1; i++) {
                ts.add(createTask(() -> {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        log.add("broken");
                    }
                    barrier.await();
                    log.add("passed");
                }));
            }
            sleep(Duration.ZERO);
            barrier.reset();
            assertEquals(Barrier.State.RESETTING, barrier.statistics().state());
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            assertEquals(Barrier.State.FILLING, barrier.statistics().state());
            assertEquals(N - 1, barrier.nWaiting(), "all came back for a fresh round");
            barrier.await();
            gather(ts);
        });
        assertEquals(N - 1, log.stream().filter("broken"::equals).count());
        assertEquals(N - 1, log.stream().filter("passed"::equals).count());
        assertFalse(barrier.isBroken());
    }

    @LoopTest
    void resetOfAnEmptyBarrierLeavesItFilling(LoopHarness h) {
        Barrier barrier = new Barrier(1);
        barrier.reset();
        assertEquals(new Barrier.Statistics(1, 0, Barrier.State.FILLING, 0), barrier.statistics());
        h.runBounded(() -> assertEquals(0, barrier.await()));
    }

    @LoopTest
    void resetWhileDrainingBreaksOnlyTheTasksStillInside(LoopHarness h) {
        // test_reset_barrier_when_tasks_half_draining.
        Barrier barrier = new Barrier(N);
        int rest = N / 2;
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        log.add("broken");
                        return;
                    }
                    log.add("passed");
                    if (barrier.statistics().tasksSuspended() == 0 && log.size() == N - rest) {
                        barrier.reset();
                    }
                }));
            }
            gather(ts);
        });
        assertEquals(N - rest, log.stream().filter("passed"::equals).count());
        assertEquals(rest, log.stream().filter("broken"::equals).count());
        assertEquals(new Barrier.Statistics(N, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest
    void abortBreaksTheWaitersAndEveryLaterArrival(LoopHarness h) {
        // test_abort_barrier_when_exception.
        Barrier barrier = new Barrier(N);
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    try {
                        if (barrier.await() == N / 2) {
                            barrier.abort();
                            return;
                        }
                        barrier.await();
                        log.add("passed");
                    } catch (BrokenBarrierError e) {
                        log.add("broken");
                    }
                }));
            }
            gather(ts);
            assertThrows(BrokenBarrierError.class, barrier::await);
        });
        assertEquals(List.of("broken", "broken", "broken", "broken"), log);
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @LoopTest
    void abortWhileDrainingBreaksTasksNotYetResumedAndThoseBlocked(LoopHarness h) {
        // test_abort_barrier_when_tasks_half_draining_half_blocking.
        Barrier barrier = new Barrier(N);
        int blocking = N / 2;
        int[] passed = {0};
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        log.add("released but broken before it ran");
                        return;
                    }
                    passed[0]++;
                    if (passed[0] > blocking) {
                        barrier.abort();
                        return;
                    }
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        log.add("blocked behind the drain, then broken");
                    }
                }));
            }
            gather(ts);
        });
        assertEquals(blocking, log.stream().filter("released but broken before it ran"::equals).count());
        assertEquals(N - blocking - 1, log.stream().filter("blocked behind the drain, then broken"::equals).count());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @LoopTest
    void resetAfterAbortMakesTheBarrierUsableAgain(LoopHarness h) {
        // test_abort_barrier_when_exception_then_resetting.
        Barrier barrier1 = new Barrier(N);
        Barrier barrier2 = new Barrier(N);
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                ts.add(createTask(() -> {
                    try {
                        if (barrier1.await() == N / 2) {
                            barrier1.abort();
                        } else {
                            barrier1.await();
                            log.add("passed too early");
                        }
                    } catch (BrokenBarrierError e) {
                        log.add("broken");
                    }
                    // Everyone leaves barrier1 before the reset, and nobody enters it before.
                    if (barrier2.await() == N / 2) {
                        barrier1.reset();
                    }
                    barrier2.await();
                    barrier1.await();
                    log.add("passed");
                }));
            }
            gather(ts);
        });
        assertEquals(N - 1, log.stream().filter("broken"::equals).count());
        assertEquals(N, log.stream().filter("passed"::equals).count());
        assertFalse(log.contains("passed too early"));
        assertFalse(barrier1.isBroken());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void everyRoundHandsOutEachIndexOnceUnderSeededSchedules(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        List<List<Integer>> rounds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        h.runBounded(() -> {
            List<Callable<Void>> bodies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                bodies.add(() -> {
                    for (int r = 0; r < 3; r++) {
                        sleep((id + r) % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                        rounds.get(r).add(barrier.await());
                    }
                    return null;
                });
            }
            gather(bodies.get(0), bodies.get(1), bodies.get(2));
        });
        for (List<Integer> round : rounds) {
            assertEquals(List.of(0, 1, 2), round.stream().sorted().toList());
        }
        assertEquals(new Barrier.Statistics(3, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest
    void aCancelledWaiterThatHasNotResumedCannotCompleteARound(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        h.runBounded(() -> {
            Task<Integer> a = createTask(barrier::await);
            Task<Integer> x = createTask(barrier::await);
            sleep(Duration.ZERO);
            Task<Integer> b = createTask(barrier::await);
            // x's resumption is scheduled after b's first step: b arrives while x is still inside.
            x.cancel();
            assertEquals(1, barrier.nWaiting(), "x gave up its place at once");
            sleep(Duration.ZERO);
            assertEquals(Barrier.State.FILLING, barrier.statistics().state(), "a and b are only two parties");
            assertEquals(2, barrier.nWaiting());
            assertThrows(CancelledError.class, x::await);
            assertEquals(List.of(0, 1, 2), List.of(a, b, createTask(barrier::await)).stream()
                    .map(Task::await).toList());
        });
        assertEquals(new Barrier.Statistics(3, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void aCancellationRacingTheLastArrivalDecidesWhoCountsUnderSeededSchedules(LoopHarness h) {
        // Two timers due together; the seed orders x's cancellation and b's arrival. If b came
        // first, x was a live party and the round {a, x, b} tripped; if the cancellation came
        // first, x must not count, and d completes the round {a, b, d}.
        Barrier barrier = new Barrier(3);
        List<String> order = new ArrayList<>();
        h.runBounded(() -> {
            Task<Integer> a = createTask(barrier::await);
            Task<Integer> x = createTask(barrier::await);
            Task<Integer> b = createTask(() -> {
                sleep(Duration.ofMillis(1));
                order.add("b arrives");
                return barrier.await();
            });
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                order.add("x cancelled");
                x.cancel();
            });
            Task<Integer> d = createTask(() -> {
                sleep(Duration.ofMillis(2));
                return barrier.await();
            });
            assertThrows(CancelledError.class, x::await);
            if (order.get(0).equals("x cancelled")) {
                assertEquals(List.of(0, 1, 2), gather(a, b, d));
            } else {
                assertEquals(List.of(0, 2), gather(a, b), "x took index 1 before it was cancelled");
                sleep(Duration.ofMillis(2));
                assertEquals(1, barrier.nWaiting(), "d starts the next round");
                d.cancel();
                assertThrows(CancelledError.class, d::await);
            }
        });
        assertEquals(new Barrier.Statistics(3, 0, Barrier.State.FILLING, 0), barrier.statistics());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void abortRacingArrivalsLeavesNobodyStuckUnderSeededSchedules(LoopHarness h) {
        Barrier barrier = new Barrier(3);
        List<Object> outcomes = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Object>> ts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                    try {
                        return barrier.await();
                    } catch (BrokenBarrierError e) {
                        return "broken";
                    }
                }));
            }
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                barrier.abort();
            });
            outcomes.addAll(gather(ts));
        });
        // Tasks released by a trip but not resumed when the abort lands are broken too (asyncio's
        // rule), so a round may pass in part; but no index is handed out twice.
        List<Object> indices = outcomes.stream().filter(o -> o instanceof Integer).toList();
        assertEquals(indices.size(), indices.stream().distinct().count(), outcomes.toString());
        assertTrue(indices.size() <= 3, outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o instanceof Integer || "broken".equals(o)), outcomes.toString());
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.statistics().tasksSuspended());
    }
}
