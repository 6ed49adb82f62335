package io.jasyncio.sync;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.sync.SyncTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Lock}: FIFO hand-off, release errors, try-with-resources, and cancellation at its one
 * waiting point (before and after the lock was handed to the waiter). Ports the behaviours of
 * {@code LockTests} in CPython's {@code Lib/test/test_asyncio/test_locks.py}, and checks mutual
 * exclusion and FIFO order under seeded schedules.
 */
class LockTest {
    @LoopTest
    void acquireOfAFreeLockReturnsWithoutYielding(LoopHarness h) {
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> other = createTask(() -> {
                log.add("other ran");
            });
            lock.acquire();
            log.add("acquired");
            assertTrue(lock.locked());
            other.await();
            lock.release();
        });
        assertEquals(List.of("acquired", "other ran"), log);
        assertFalse(lock.locked());
    }

    @LoopTest
    void waitersAcquireInArrivalOrderOnePerRelease(LoopHarness h) {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            lock.acquire();
            Task<Void> t1 = createTask(() -> {
                lock.acquire();
                result.add(1);
            });
            Task<Void> t2 = createTask(() -> {
                lock.acquire();
                result.add(2);
            });
            sleep(Duration.ZERO);
            assertEquals(List.of(), result);

            lock.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result, "t2 still waits: t1 holds the lock");

            Task<Void> t3 = createTask(() -> {
                lock.acquire();
                result.add(3);
            });
            lock.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2), result);

            lock.release();
            sleep(Duration.ZERO);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(t1.isDone() && t2.isDone() && t3.isDone());
            lock.release();
        });
        assertFalse(lock.locked());
    }

    @LoopTest
    void releaseOfAnUnlockedLockThrows(LoopHarness h) {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
        assertFalse(lock.locked());
    }

    @LoopTest
    void releaseWithNobodyWaitingUnlocks(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            lock.acquire();
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
            assertNull(lock.statistics().owner());
        });
    }

    @LoopTest
    void tryWithResourcesReleasesEvenWhenTheBlockThrows(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            try (var _ = lock.acquire()) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
            assertThrows(ArithmeticException.class, () -> {
                try (var _ = lock.acquire()) {
                    throw new ArithmeticException("in the block");
                }
            });
            assertFalse(lock.locked());
        });
    }

    @LoopTest
    void closingAGuardTwiceReleasesOnce(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            Guard first = lock.acquire();
            first.close();
            assertTrue(first.isClosed());
            lock.acquire();
            first.close();
            assertTrue(lock.locked(), "the second close must not release the new holder's lock");
            lock.release();
        });
    }

    @LoopTest
    void tryAcquireNeverTakesALockHandedToAWaiter(LoopHarness h) {
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            assertTrue(lock.tryAcquire());
            assertFalse(lock.tryAcquire());
            Task<Void> waiter = createTask(() -> {
                try (var _ = lock.acquire()) {
                    log.add("waiter");
                }
            });
            sleep(Duration.ZERO);
            lock.release();
            assertTrue(lock.locked(), "the lock now belongs to the waiter, which has not run yet");
            assertFalse(lock.tryAcquire());
            waiter.await();
            assertTrue(lock.tryAcquire());
            lock.release();
        });
        assertEquals(List.of("waiter"), log);
    }

    @LoopTest
    void cancelWhileWaitingLeavesNoWaiterAndDoesNotAcquire(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            lock.acquire();
            Task<Guard> t = createTask(lock::acquire);
            sleep(Duration.ZERO);
            assertEquals(1, lock.statistics().tasksWaiting());
            getRunningLoop().callSoon(() -> t.cancel());
            assertThrows(CancelledError.class, t::await);
            assertEquals(0, lock.statistics().tasksWaiting());
            assertSame(currentTask(), lock.statistics().owner());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @LoopTest
    void releaseSkipsAWaiterCancelledInTheSameStep(LoopHarness h) {
        // test_cancel_race: B's future is cancelled but B has not resumed when A releases.
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            lock.acquire();
            Task<Void> b = createTask(() -> lockIt(lock, "B", log));
            Task<Void> c = createTask(() -> lockIt(lock, "C", log));
            sleep(Duration.ZERO);
            assertEquals(2, lock.statistics().tasksWaiting());
            b.cancel();
            lock.release();
            assertSame(c, lock.statistics().owner());
            assertThrows(CancelledError.class, b::await);
            c.await();
        });
        assertEquals(List.of("C"), log);
        assertFalse(lock.locked());
    }

    @LoopTest
    void waiterCancelledAfterTheHandOffPassesTheLockOn(LoopHarness h) {
        // test_finished_waiter_cancelled: B was handed the lock, then cancelled before it ran.
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            lock.acquire();
            Task<Void> b = createTask(() -> lockIt(lock, "B", log));
            Task<Void> c = createTask(() -> lockIt(lock, "C", log));
            sleep(Duration.ZERO);
            lock.release();
            assertSame(b, lock.statistics().owner());
            assertTrue(b.cancel());
            assertThrows(CancelledError.class, b::await);
            c.await();
            assertTrue(b.isCancelled());
        });
        assertEquals(List.of("C"), log);
        assertFalse(lock.locked(), "nobody may be left holding the lock");
    }

    @LoopTest
    void waiterCancelledAfterTheHandOffWithNobodyBehindUnlocks(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            lock.acquire();
            Task<Guard> b = createTask(lock::acquire);
            sleep(Duration.ZERO);
            lock.release();
            b.cancel();
            assertTrue(lock.locked());
            assertThrows(CancelledError.class, b::await);
            assertFalse(lock.locked());
            assertEquals(0, lock.statistics().tasksWaiting());
        });
    }

    @LoopTest
    void cancelAndReleaseInOneCallbackLetOnlyOneWaiterIn(LoopHarness h) {
        // test_cancel_release_race (bpo-32734).
        Lock lock = new Lock();
        int[] acquired = {0};
        h.runBounded(() -> {
            lock.acquire();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ts.add(createTask(() -> {
                    lock.acquire();
                    acquired[0]++;
                }));
            }
            sleep(Duration.ZERO);
            getRunningLoop().callSoon(() -> {
                ts.get(0).cancel();
                lock.release();
            });
            assertThrows(CancelledError.class, ts.get(0)::await);
            ts.get(1).await();
            assertEquals(1, acquired[0]);
            assertTrue(lock.locked());
            assertEquals(1, lock.statistics().tasksWaiting());
            ts.get(2).cancel();
            assertThrows(CancelledError.class, ts.get(2)::await);
            lock.release();
        });
        assertFalse(lock.locked());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutWhileWaitingGivesUpWithoutTheLock(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            lock.acquire();
            Task<Long> t = createTask(() -> {
                long start = time();
                assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(5), () -> lock.acquire()));
                return time() - start;
            });
            assertEquals(Duration.ofMillis(5).toNanos(), t.await());
            assertSame(currentTask(), lock.statistics().owner());
            assertEquals(0, lock.statistics().tasksWaiting());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @LoopTest
    void statisticsAndToStringShowHolderAndWaiters(LoopHarness h) {
        Lock lock = new Lock();
        assertEquals(new Lock.Statistics(false, null, 0), lock.statistics());
        assertEquals("Lock[unlocked]", lock.toString());
        h.runBounded(() -> {
            lock.acquire();
            Task<Guard> w = createTask(lock::acquire);
            sleep(Duration.ZERO);
            assertEquals(new Lock.Statistics(true, currentTask(), 1), lock.statistics());
            assertEquals("Lock[locked, waiters:1]", lock.toString());
            lock.release();
            assertEquals(new Lock.Statistics(true, w, 0), lock.statistics());
            w.await();
            lock.release();
        });
        assertEquals("Lock[unlocked]", lock.toString());
    }

    @LoopTest
    void waitingOutsideATaskThrowsButAFreeLockCanBeTaken(LoopHarness h) {
        Lock lock = new Lock();
        List<Object> seen = new ArrayList<>();
        h.loop().callSoon(() -> {
            lock.acquire();
            seen.add(lock.locked());
            seen.add(assertThrows(IllegalStateException.class, lock::acquire).getMessage());
            seen.add(lock.statistics());
            lock.release();
            h.loop().stop();
        });
        h.loop().runForever();
        assertEquals(true, seen.get(0));
        assertTrue(((String) seen.get(1)).contains("only a task can wait"), seen.get(1).toString());
        assertEquals(new Lock.Statistics(true, null, 0), seen.get(2));
        assertFalse(lock.locked());
    }

    @LoopTest
    void aLockBoundToOneLoopRefusesWaitersOfAnother(LoopHarness h) {
        Lock lock = new Lock();
        h.runBounded(() -> {
            lock.acquire();
            Task<Guard> w = createTask(lock::acquire);
            sleep(Duration.ZERO);
            lock.release();
            w.await();
            lock.release();
        });
        EventLoop other = h.kind().create();
        try {
            String message = other.runUntilComplete(() -> {
                lock.acquire();
                Task<Guard> w = createTask(lock::acquire);
                try {
                    return assertThrows(IllegalStateException.class, w::await).getMessage();
                } finally {
                    lock.release();
                }
            });
            assertEquals("Lock is bound to a different event loop", message);
        } finally {
            other.close();
        }
        assertFalse(lock.locked());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void mutualExclusionHoldsWithCancellationsUnderSeededSchedules(LoopHarness h) {
        Lock lock = new Lock();
        int[] inside = {0};
        int[] entries = new int[4];
        h.runBounded(() -> {
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                workers.add(createTask(() -> {
                    for (int round = 0; round < 3; round++) {
                        try (var _ = lock.acquire()) {
                            inside[0]++;
                            try {
                                entries[id]++;
                                assertEquals(1, inside[0], "two tasks inside the lock");
                                sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                            } finally {
                                inside[0]--;
                            }
                        }
                        sleep(Duration.ZERO);
                    }
                }));
            }
            // Cancellations from other producers, landing at whatever point the schedule gives.
            createTask(() -> {
                sleep(Duration.ZERO);
                workers.get(1).cancel();
            });
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                workers.get(2).cancel();
            });
            List<Object> outcomes = gatherReturnExceptions(workers);
            assertOnlyCancellations(outcomes);
            assertNull(outcomes.get(0));
            assertNull(outcomes.get(3));
        });
        assertEquals(3, entries[0]);
        assertEquals(3, entries[3]);
        assertEquals(new Lock.Statistics(false, null, 0), lock.statistics());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void waitersGetTheLockInArrivalOrderUnderSeededSchedules(LoopHarness h) {
        Lock lock = new Lock();
        List<Integer> arrived = new ArrayList<>();
        List<Integer> acquired = new ArrayList<>();
        h.runBounded(() -> {
            lock.acquire();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                ts.add(createTask(() -> {
                    // Different delays make different producers wake the tasks, so seeds reorder arrivals.
                    sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                    arrived.add(id);
                    try (var _ = lock.acquire()) {
                        acquired.add(id);
                        sleep(Duration.ZERO);
                    }
                }));
            }
            Task<Void> releaser = createTask(() -> {
                sleep(Duration.ofMillis(1));
                lock.release();
            });
            releaser.await();
            gather(ts);
        });
        assertEquals(arrived, acquired);
        assertFalse(lock.locked());
    }

    private static void lockIt(Lock lock, String name, List<String> log) {
        try (var _ = lock.acquire()) {
            log.add(name);
        }
    }
}
