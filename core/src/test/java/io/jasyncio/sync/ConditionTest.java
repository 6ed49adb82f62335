package io.jasyncio.sync;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.sync.SyncTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Condition}: signal order, {@code waitFor}, usage errors, an explicit shared lock, and
 * cancellation at both of its waiting points (waiting for the signal, re-acquiring the lock):
 * the lock is always held again when {@code await()} throws, and a signal consumed by a
 * cancelled task passes on. Ports the behaviours of {@code ConditionTests} in CPython's
 * {@code Lib/test/test_asyncio/test_locks.py} (including bpo-32841 and gh-112202).
 */
class ConditionTest {
    @LoopTest
    void signalledWaitersResumeInOrderOnlyOnceTheLockIsFree(LoopHarness h) {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    cond.acquire();
                    cond.await();
                    result.add(id);
                }));
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(), result);
            assertFalse(cond.locked(), "each waiter released the lock");

            cond.acquire();
            cond.signal();
            sleep(Duration.ZERO);
            assertEquals(List.of(), result, "signalled, but the lock is still ours");
            cond.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            assertTrue(cond.locked(), "task 1 returned holding the lock");

            cond.signal(2);
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            cond.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2), result);
            cond.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());
            gather(ts);
            cond.release();
        });
    }

    @LoopTest
    void awaitWithoutTheLockThrowsAndChangesNothing(LoopHarness h) {
        Condition cond = new Condition();
        h.runBounded(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, cond::await);
            assertEquals("cannot wait on un-acquired lock", e.getMessage());
            assertFalse(cond.locked());
            assertEquals(0, cond.statistics().tasksWaiting());
        });
    }

    @LoopTest
    void signallingWithoutTheLockThrows(LoopHarness h) {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, () -> cond.signal(3));
        assertThrows(IllegalStateException.class, cond::signalAll);
        assertTrue(cond.tryAcquire());
        assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
        cond.signal(0);
        cond.release();
    }

    @LoopTest
    void signalOfNWakesAtMostNAndExtraSignalsAreHarmless(LoopHarness h) {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    try (var _ = cond.acquire()) {
                        cond.await();
                        result.add(id);
                    }
                }));
            }
            sleep(Duration.ZERO);
            try (var _ = cond.acquire()) {
                cond.signal(1);
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            try (var _ = cond.acquire()) {
                cond.signal(1);
                cond.signal(2048);
                assertEquals(0, cond.statistics().tasksWaiting());
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2, 3), result);
            gather(ts);
        });
        assertFalse(cond.locked());
    }

    @LoopTest
    void signalAllWakesEveryWaiter(LoopHarness h) {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    try (var _ = cond.acquire()) {
                        cond.await();
                        result.add(id);
                    }
                }));
            }
            sleep(Duration.ZERO);
            try (var _ = cond.acquire()) {
                cond.signalAll();
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2), result);
            gather(ts);
        });
    }

    @LoopTest
    void waitForReturnsOnlyOnceThePredicateHolds(LoopHarness h) {
        Condition cond = new Condition();
        boolean[] ready = {false};
        List<String> result = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> t = createTask(() -> {
                try (var _ = cond.acquire()) {
                    cond.waitFor(() -> ready[0]);
                    assertTrue(cond.locked());
                    result.add("passed");
                }
            });
            sleep(Duration.ZERO);
            try (var _ = cond.acquire()) {
                cond.signal();
            }
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            assertEquals(List.of(), result, "woken, but the predicate was still false");
            assertEquals(1, cond.statistics().tasksWaiting());
            ready[0] = true;
            try (var _ = cond.acquire()) {
                cond.signal();
            }
            t.await();
        });
        assertEquals(List.of("passed"), result);
    }

    @LoopTest
    void waitForWithATruePredicateNeedsNoLock(LoopHarness h) {
        Condition cond = new Condition();
        h.runBounded(() -> {
            cond.waitFor(() -> true);
            assertFalse(cond.locked());
            assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
        });
    }

    @LoopTest
    void cancelWhileWaitingForTheSignalRethrowsThatErrorWithTheLockHeld(LoopHarness h) {
        // test_wait_cancel and test_cancelled_error_wakeup.
        Condition cond = new Condition();
        List<Object> seen = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> t = createTask(() -> {
                try (var _ = cond.acquire()) {
                    CancelledError e = assertThrows(CancelledError.class, () -> cond.waitFor(() -> false));
                    seen.add(cond.locked());
                    seen.add(e);
                    throw e;
                }
            });
            sleep(Duration.ZERO);
            t.cancel("foo");
            CancelledError outer = assertThrows(CancelledError.class, t::await);
            assertEquals("foo", outer.getMessage());
            assertSame(seen.get(1), outer, "the very error raised in the task comes out");
            assertEquals(0, cond.statistics().tasksWaiting());
        });
        assertEquals(true, seen.get(0));
        assertFalse(cond.locked());
    }

    @LoopTest
    void cancelWhileReacquiringTheLockStillReacquiresThenThrows(LoopHarness h) {
        // test_cancelled_error_re_aquire.
        Condition cond = new Condition();
        boolean[] wake = {false};
        List<Object> seen = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> t = createTask(() -> {
                try (var _ = cond.acquire()) {
                    CancelledError e = assertThrows(CancelledError.class, () -> cond.waitFor(() -> wake[0]));
                    seen.add(cond.statistics().lockStatistics().owner());
                    seen.add(e);
                    throw e;
                }
            });
            sleep(Duration.ZERO);
            cond.acquire();
            wake[0] = true;
            cond.signal();
            sleep(Duration.ZERO);
            assertEquals(1, cond.statistics().lockStatistics().tasksWaiting(), "t now waits for the lock");
            t.cancel("foo");
            cond.release();
            CancelledError outer = assertThrows(CancelledError.class, t::await);
            assertEquals("foo", outer.getMessage());
            assertSame(seen.get(1), outer);
            assertSame(t, seen.get(0), "t held the lock when the cancellation came out of waitFor");
        });
        assertFalse(cond.locked());
    }

    @LoopTest
    void cancelAfterSignalWhileTheLockIsContestedEndsWithTheLockHeld(LoopHarness h) {
        // test_wait_cancel_contested: signal, cancel and release land in one iteration.
        Condition cond = new Condition();
        h.runBounded(() -> {
            cond.acquire();
            Task<Void> w = createTask(cond::await);
            sleep(Duration.ZERO);
            assertFalse(cond.locked());
            cond.acquire();
            cond.signal();
            getRunningLoop().callSoon(() -> w.cancel());
            getRunningLoop().callSoon(cond::release);
            try {
                w.await();
            } catch (CancelledError expected) {
                // Either outcome is allowed; what matters is the lock state below.
            }
            assertTrue(cond.locked(), "the waiter re-acquired the lock before it ended");
            cond.release();
        });
    }

    @LoopTest
    void cancelAfterSignalWhileWaitingToRunTakesTheLockBackFirst(LoopHarness h) {
        // test_wait_cancel_after_notify (bpo-32841).
        Condition cond = new Condition();
        boolean[] waited = {false};
        h.runBounded(() -> {
            Task<Void> w = createTask(() -> {
                try (var _ = cond.acquire()) {
                    waited[0] = true;
                    cond.await();
                }
            });
            sleep(Duration.ZERO);
            cond.acquire();
            cond.signal();
            sleep(Duration.ZERO);
            w.cancel();
            sleep(Duration.ZERO);
            cond.release();
            sleep(Duration.ZERO);
            assertTrue(w.isCancelled());
            assertTrue(waited[0]);
        });
        assertFalse(cond.locked());
    }

    @LoopTest
    void aSignalPickingACancelledWaiterPassesToTheNext(LoopHarness h) {
        // test_cancelled_wakeup (gh-112202): cancelled before it could resume from the signal.
        Condition cond = new Condition();
        int[] state = {0};
        h.runBounded(() -> {
            List<Task<Void>> consumers = List.of(createTask(() -> consume(cond, state)), createTask(() -> consume(cond, state)));
            sleep(Duration.ZERO);
            try (var _ = cond.acquire()) {
                state[0]++;
                cond.signal(1);
                consumers.get(0).cancel();
                assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(10), () -> cond.waitFor(() -> false)));
                assertEquals(0, state[0], "the item was consumed: the signal was not lost");
                state[0] = -1;
                cond.signalAll();
            }
            assertThrows(CancelledError.class, consumers.get(0)::await);
            consumers.get(1).await();
        });
    }

    @LoopTest
    void aSignalToAWaiterCancelledWhileRelockingPassesToTheNext(LoopHarness h) {
        // test_cancelled_wakeup_relock (gh-112202): cancelled while re-acquiring the lock.
        Condition cond = new Condition();
        int[] state = {0};
        h.runBounded(() -> {
            List<Task<Void>> consumers = List.of(createTask(() -> consume(cond, state)), createTask(() -> consume(cond, state)));
            sleep(Duration.ZERO);
            try (var _ = cond.acquire()) {
                state[0]++;
                cond.signal(1);
                sleep(Duration.ZERO);
                assertEquals(1, cond.statistics().lockStatistics().tasksWaiting(), "consumer 0 waits for the lock");
                consumers.get(0).cancel();
                assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(10), () -> cond.waitFor(() -> false)));
                assertEquals(0, state[0], "the item was consumed: the signal was not lost");
                state[0] = -1;
                cond.signalAll();
            }
            assertThrows(CancelledError.class, consumers.get(0)::await);
            consumers.get(1).await();
        });
    }

    @LoopTest
    void aWaiterCancelledBeforeAnySignalPassesNothingOn(LoopHarness h) {
        Condition cond = new Condition();
        List<String> woke = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> a = createTask(() -> waitAndLog(cond, "a", woke));
            Task<Void> b = createTask(() -> waitAndLog(cond, "b", woke));
            sleep(Duration.ZERO);
            a.cancel();
            assertThrows(CancelledError.class, a::await);
            sleep(Duration.ZERO);
            assertEquals(List.of(), woke, "b must not be woken spuriously");
            assertEquals(1, cond.statistics().tasksWaiting());
            try (var _ = cond.acquire()) {
                cond.signal();
            }
            b.await();
        });
        assertEquals(List.of("b"), woke);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutWhileWaitingReacquiresTheLockBeforeTheTimeoutEscapes(LoopHarness h) {
        // test_timeout_in_block.
        Condition cond = new Condition();
        h.runBounded(() -> {
            try (var _ = cond.acquire()) {
                long start = time();
                assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                    cond.await();
                    return null;
                }, Duration.ofMillis(500)));
                assertEquals(Duration.ofMillis(500).toNanos(), time() - start);
                assertTrue(cond.locked());
                assertSame(currentTask(), cond.statistics().lockStatistics().owner());
            }
        });
        assertFalse(cond.locked());
    }

    @LoopTest
    void conditionsOverOneExplicitLockShareIt(LoopHarness h) {
        Lock lock = new Lock();
        Condition a = new Condition(lock);
        Condition b = new Condition(lock);
        assertThrows(NullPointerException.class, () -> new Condition(null));
        h.runBounded(() -> {
            try (var _ = a.acquire()) {
                assertTrue(lock.locked());
                assertTrue(b.locked());
                b.signalAll();
            }
            assertFalse(b.locked());
            try (var _ = lock.acquire()) {
                assertTrue(a.locked());
            }
            assertFalse(a.locked());
        });
    }

    @LoopTest
    void awaitOutsideATaskThrowsWithTheLockStillHeld(LoopHarness h) {
        Condition cond = new Condition();
        List<Object> seen = new ArrayList<>();
        h.loop().callSoon(() -> {
            cond.tryAcquire();
            seen.add(assertThrows(IllegalStateException.class, cond::await).getMessage());
            seen.add(cond.locked());
            cond.release();
            h.loop().stop();
        });
        h.loop().runForever();
        assertTrue(((String) seen.get(0)).contains("only a task can wait"), seen.get(0).toString());
        assertEquals(true, seen.get(1));
    }

    @LoopTest
    void statisticsAndToStringCountSignalWaitersApartFromLockWaiters(LoopHarness h) {
        Condition cond = new Condition();
        assertEquals("Condition[unlocked]", cond.toString());
        h.runBounded(() -> {
            Task<Void> w = createTask(() -> {
                try (var _ = cond.acquire()) {
                    cond.await();
                }
            });
            sleep(Duration.ZERO);
            cond.acquire();
            assertEquals(new Condition.Statistics(1, new Lock.Statistics(true, currentTask(), 0)), cond.statistics());
            assertEquals("Condition[locked, waiters:1]", cond.toString());
            cond.signal();
            sleep(Duration.ZERO);
            assertEquals(new Condition.Statistics(0, new Lock.Statistics(true, currentTask(), 1)), cond.statistics());
            cond.release();
            w.await();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void producersAndConsumersLoseNoSignalWithCancellationsUnderSeededSchedules(LoopHarness h) {
        Condition cond = new Condition();
        ArrayDeque<Integer> items = new ArrayDeque<>();
        List<Integer> consumed = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> consumers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                consumers.add(createTask(() -> {
                    while (true) {
                        try (var _ = cond.acquire()) {
                            cond.waitFor(() -> !items.isEmpty());
                            int item = items.removeFirst();
                            if (item < 0) {
                                return;
                            }
                            consumed.add(item);
                        }
                        sleep(Duration.ZERO);
                    }
                }));
            }
            List<Task<Void>> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int base = p * 10;
                producers.add(createTask(() -> {
                    for (int k = 0; k < 4; k++) {
                        sleep(k % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                        try (var _ = cond.acquire()) {
                            items.add(base + k);
                            cond.signal();
                        }
                    }
                }));
            }
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                consumers.get(0).cancel();
            });
            gather(producers);
            // Polled, not awaited on the condition: main must not take signals meant for consumers.
            // The live consumers drain everything only if no signal died with the cancelled one.
            while (consumed.size() < 8) {
                sleep(Duration.ofMillis(1));
            }
            try (var _ = cond.acquire()) {
                items.add(-1);
                items.add(-1);
                items.add(-1);
                cond.signalAll();
            }
            assertOnlyCancellations(gatherReturnExceptions(consumers));
        });
        assertEquals(List.of(0, 1, 2, 3, 10, 11, 12, 13), consumed.stream().sorted().toList());
        assertFalse(cond.locked());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void aSignalRacingACancellationIsNeverLostUnderSeededSchedules(LoopHarness h) {
        // Two timers due together: the seed decides whether the signal picks consumer 0 before
        // or after its cancellation; either way consumer 1 must get the item.
        Condition cond = new Condition();
        ArrayDeque<String> items = new ArrayDeque<>();
        List<String> consumed = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> consumers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                consumers.add(createTask(() -> {
                    try (var _ = cond.acquire()) {
                        cond.waitFor(() -> !items.isEmpty());
                        consumed.add(items.removeFirst());
                    }
                }));
            }
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                try (var _ = cond.acquire()) {
                    items.add("item");
                    cond.signal();
                }
            });
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                consumers.get(0).cancel();
            });
            consumers.get(1).await();
            assertThrows(CancelledError.class, consumers.get(0)::await);
        });
        assertEquals(List.of("item"), consumed);
        assertFalse(cond.locked());
    }

    private static void consume(Condition cond, int[] state) {
        try (var _ = cond.acquire()) {
            while (true) {
                cond.waitFor(() -> state[0] != 0);
                if (state[0] < 0) {
                    return;
                }
                state[0]--;
            }
        }
    }

    private static void waitAndLog(Condition cond, String name, List<String> woke) {
        try (var _ = cond.acquire()) {
            cond.await();
            woke.add(name);
        }
    }
}
