package io.jasyncio.sync;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.sync.SyncTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TaskGroup;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Semaphore}: counting, FIFO hand-off of released permits, {@code tryAcquire}, and
 * cancellation at its one waiting point (before and after a permit was handed over). Ports the
 * behaviours of {@code SemaphoreTests} in CPython's {@code Lib/test/test_asyncio/test_locks.py}
 * (the FIFO and hang regressions of bpo-45997 and gh-90155 included), and checks the permit
 * limit under seeded schedules.
 */
class SemaphoreTest {
    @LoopTest
    void negativeInitialValueIsRejectedAndZeroStartsLocked(LoopHarness h) {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(new Semaphore(0).locked());
        Semaphore one = new Semaphore();
        assertFalse(one.locked());
        assertEquals(new Semaphore.Statistics(1, 0, 0), one.statistics());
    }

    @LoopTest
    void acquireTakesFreePermitsWithoutYieldingThenWaits(LoopHarness h) {
        Semaphore sem = new Semaphore(3);
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            sem.acquire();
            sem.acquire();
            assertFalse(sem.locked());
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    sem.acquire();
                    result.add(id);
                }));
            }
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertEquals(new Semaphore.Statistics(0, 0, 2), sem.statistics());
            sem.release();
            sem.release();
            assertEquals(new Semaphore.Statistics(0, 2, 0), sem.statistics(), "both permits went straight to the waiters");
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2, 3), result);
            gather(ts);
        });
    }

    @LoopTest
    void releaseWithNobodyWaitingFreesAPermit(LoopHarness h) {
        Semaphore sem = new Semaphore();
        h.runBounded(() -> {
            sem.acquire();
            assertTrue(sem.locked());
            sem.release();
            assertFalse(sem.locked());
        });
    }

    @LoopTest
    void releaseMayRaiseTheCountAboveTheInitialValue(LoopHarness h) {
        Semaphore sem = new Semaphore(1);
        sem.release();
        sem.release();
        assertEquals(3, sem.statistics().value());
        assertTrue(sem.tryAcquire());
        assertTrue(sem.tryAcquire());
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void tasksTakeTurnsInArrivalOrder(LoopHarness h) {
        // test_acquire_fifo_order.
        Semaphore sem = new Semaphore(1);
        List<String> result = new ArrayList<>();
        h.runBounded(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                for (String tag : List.of("c1", "c2", "c3")) {
                    g.createTask(() -> {
                        for (int round = 1; round <= 2; round++) {
                            try (var _ = sem.acquire()) {
                                result.add(tag + "_" + round);
                                sleep(Duration.ofMillis(10));
                            }
                        }
                        return null;
                    });
                }
            });
        });
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @LoopTest
    void aTaskReleasingAndReacquiringQueuesBehindEarlierWaiters(LoopHarness h) {
        // test_acquire_fifo_order_2.
        Semaphore sem = new Semaphore(1);
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> t1 = createTask(() -> {
                sem.acquire();
                result.add(1);
            });
            Task<Void> t2 = createTask(() -> {
                sem.acquire();
                result.add(2);
                sem.release();
                sem.acquire();
                result.add(4);
            });
            Task<Void> t3 = createTask(() -> {
                sem.acquire();
                result.add(3);
            });
            sleep(Duration.ZERO);
            sem.release();
            sem.release();
            gather(t1, t2, t3);
        });
        assertEquals(List.of(1, 2, 3, 4), result);
    }

    @LoopTest
    void freePermitsWaitUntilTasksAlreadyWokenHaveRun(LoopHarness h) {
        // test_acquire_fifo_order_4: c2 frees three permits while c1, woken by the first, has not run.
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        List<Task<Void>> ts = new ArrayList<>();
        h.runBounded(() -> {
            ts.add(createTask(() -> {
                sem.acquire();
                ts.add(createTask(() -> {
                    result.add(4);
                }));
                result.add(1);
            }));
            ts.add(createTask(() -> {
                sem.release();
                sem.release();
                sem.release();
                assertEquals(new Semaphore.Statistics(2, 1, 0), sem.statistics());
                assertTrue(sem.locked(), "c1 was given a permit but has not run yet");
                assertFalse(sem.tryAcquire());
                sem.acquire();
                result.add(2);
            }));
            ts.add(createTask(() -> {
                sem.acquire();
                result.add(3);
            }));
            sleep(Duration.ZERO);
            assertEquals(new Semaphore.Statistics(2, 1, 2), sem.statistics());
            sleep(Duration.ZERO);
            assertEquals(4, ts.size(), "c1 has run and started t4");
            gather(ts);
        });
        assertEquals(List.of(1, 2, 3, 4), result);
        assertEquals(new Semaphore.Statistics(0, 0, 0), sem.statistics());
    }

    @LoopTest
    void tryAcquireNeverTakesAPermitHandedToAWaiter(LoopHarness h) {
        Semaphore sem = new Semaphore(1);
        h.runBounded(() -> {
            assertTrue(sem.tryAcquire());
            Task<Guard> w = createTask(sem::acquire);
            sleep(Duration.ZERO);
            sem.release();
            assertTrue(sem.locked());
            assertFalse(sem.tryAcquire());
            w.await().close();
            assertTrue(sem.tryAcquire());
        });
    }

    @LoopTest
    void cancelWhileWaitingTakesNoPermit(LoopHarness h) {
        // test_acquire_cancel.
        Semaphore sem = new Semaphore();
        h.runBounded(() -> {
            sem.acquire();
            Task<Guard> w = createTask(sem::acquire);
            getRunningLoop().callSoon(() -> getRunningLoop().callSoon(() -> w.cancel()));
            assertThrows(CancelledError.class, w::await);
            assertEquals(new Semaphore.Statistics(0, 0, 0), sem.statistics());
            sem.release();
            assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
        });
    }

    @LoopTest
    void waitersCancelledBeforeAReleaseAreSkipped(LoopHarness h) {
        // test_acquire_cancel_before_awoken and test_acquire_fifo_order_3.
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    sem.acquire();
                    result.add(id);
                }));
            }
            sleep(Duration.ZERO);
            ts.get(0).cancel();
            ts.get(1).cancel();
            sem.release();
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            assertEquals(List.of(3), result);
            assertFalse(ts.get(3).isDone());
            sem.release();
            assertOnlyCancellations(gatherReturnExceptions(ts));
        });
        assertEquals(List.of(3, 4), result);
        assertEquals(new Semaphore.Statistics(0, 0, 0), sem.statistics());
    }

    @LoopTest
    void waiterCancelledAfterTheHandOffPassesThePermitOn(LoopHarness h) {
        // test_acquire_hang: t1 was handed the permit, then cancelled before it ran.
        Semaphore sem = new Semaphore(0);
        h.runBounded(() -> {
            Task<Guard> t1 = createTask(sem::acquire);
            Task<Guard> t2 = createTask(sem::acquire);
            sleep(Duration.ZERO);
            sem.release();
            t1.cancel();
            assertThrows(CancelledError.class, t1::await);
            t2.await();
            assertTrue(sem.locked(), "t2 holds the only permit");
            sem.release();
        });
        assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
    }

    @LoopTest
    void waiterCancelledAfterTheHandOffWithNobodyBehindReturnsThePermit(LoopHarness h) {
        Semaphore sem = new Semaphore(0);
        h.runBounded(() -> {
            Task<Guard> t = createTask(sem::acquire);
            sleep(Duration.ZERO);
            sem.release();
            t.cancel();
            assertThrows(CancelledError.class, t::await);
            assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
        });
    }

    @LoopTest
    void aCancelledHolderDoesNotHangTheNextAcquirer(LoopHarness h) {
        // test_acquire_no_hang.
        Semaphore sem = new Semaphore(1);
        h.runBounded(() -> {
            Task<?>[] t2 = new Task<?>[1];
            Task<Void> t1 = createTask(() -> {
                try (var _ = sem.acquire()) {
                    sleep(Duration.ZERO);
                }
                t2[0].cancel();
            });
            t2[0] = createTask(() -> {
                try (var _ = sem.acquire()) {
                    fail("t2 was cancelled while it waited");
                }
            });
            List<Object> r = gatherReturnExceptions(List.of(t1, t2[0]));
            assertNull(r.get(0));
            assertInstanceOf(CancelledError.class, r.get(1));
            timeout(Duration.ofSeconds(1), () -> sem.acquire());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutWhileWaitingTakesNoPermit(LoopHarness h) {
        Semaphore sem = new Semaphore(0);
        h.runBounded(() -> {
            long start = time();
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(3), () -> sem.acquire()));
            assertEquals(Duration.ofMillis(3).toNanos(), time() - start);
            sem.release();
            assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
        });
    }

    @LoopTest
    void toStringShowsValueAndWaiters(LoopHarness h) {
        Semaphore sem = new Semaphore();
        assertEquals("Semaphore[unlocked, value:1]", sem.toString());
        h.runBounded(() -> {
            sem.acquire();
            assertEquals("Semaphore[locked]", sem.toString());
            Task<Guard> a = createTask(sem::acquire);
            Task<Guard> b = createTask(sem::acquire);
            sleep(Duration.ZERO);
            assertEquals("Semaphore[locked, waiters:2]", sem.toString());
            sem.release();
            a.await().close();
            b.await().close();
        });
        assertEquals("Semaphore[unlocked, value:1]", sem.toString());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void permitsNeverExceedTheLimitWithCancellationsUnderSeededSchedules(LoopHarness h) {
        Semaphore sem = new Semaphore(2);
        int[] inside = {0};
        int[] max = {0};
        int[] entries = new int[5];
        h.runBounded(() -> {
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                workers.add(createTask(() -> {
                    for (int round = 0; round < 3; round++) {
                        try (var _ = sem.acquire()) {
                            inside[0]++;
                            try {
                                max[0] = Math.max(max[0], inside[0]);
                                entries[id]++;
                                sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                            } finally {
                                inside[0]--;
                            }
                        }
                    }
                }));
            }
            createTask(() -> {
                sleep(Duration.ZERO);
                workers.get(1).cancel();
            });
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                workers.get(2).cancel();
            });
            assertOnlyCancellations(gatherReturnExceptions(workers));
        });
        assertEquals(2, max[0], "two permits, and they were both used");
        assertEquals(3, entries[0]);
        assertEquals(3, entries[3]);
        assertEquals(3, entries[4]);
        assertEquals(new Semaphore.Statistics(2, 0, 0), sem.statistics());
    }
}
