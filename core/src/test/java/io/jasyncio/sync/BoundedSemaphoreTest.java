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

/**
 * {@link BoundedSemaphore}: the over-release error, and that the permits cancelled waiters give
 * back never count as an over-release. Ports {@code test_release_not_acquired} of CPython's
 * {@code Lib/test/test_asyncio/test_locks.py}; the rest of its behaviour is
 * {@link SemaphoreTest}'s.
 */
class BoundedSemaphoreTest {
    @LoopTest
    void releaseBeyondTheBoundThrowsAndChangesNothing(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
        assertEquals(1, sem.bound());
    }

    @LoopTest
    void releasesUpToTheBoundSucceed(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore(3);
        h.runBounded(() -> {
            sem.acquire();
            sem.acquire();
            sem.acquire();
            assertTrue(sem.locked());
            sem.release();
            sem.release();
            sem.release();
            assertThrows(IllegalStateException.class, sem::release);
            assertEquals(new Semaphore.Statistics(3, 0, 0), sem.statistics());
        });
    }

    @LoopTest
    void closingAGuardIsCheckedAgainstTheBound(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        h.runBounded(() -> {
            Guard g = sem.acquire();
            sem.release();
            assertThrows(IllegalStateException.class, g::close, "the permit was already released by hand");
            assertTrue(g.isClosed());
            g.close();
            assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics());
        });
    }

    @LoopTest
    void aZeroBoundRefusesEveryRelease(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore(0);
        assertTrue(sem.locked());
        assertFalse(sem.tryAcquire());
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore[locked]", sem.toString());
    }

    @LoopTest
    void aPermitGivenBackByACancelledWaiterIsNoOverRelease(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        h.runBounded(() -> {
            sem.acquire();
            Task<Guard> w = createTask(sem::acquire);
            sleep(Duration.ZERO);
            sem.release();
            w.cancel();
            assertThrows(CancelledError.class, w::await);
            assertEquals(new Semaphore.Statistics(1, 0, 0), sem.statistics(), "the handed-over permit came back");
            assertThrows(IllegalStateException.class, sem::release);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void cancelledWaitersNeverTripTheBoundUnderSeededSchedules(LoopHarness h) {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        List<Throwable> failures = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                workers.add(createTask(() -> {
                    for (int round = 0; round < 2; round++) {
                        try (var _ = sem.acquire()) {
                            sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                        } catch (IllegalStateException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            createTask(() -> {
                sleep(Duration.ofMillis(1));
                workers.get(0).cancel();
                workers.get(3).cancel();
            });
            assertOnlyCancellations(gatherReturnExceptions(workers));
        });
        assertEquals(List.of(), failures);
        assertEquals(new Semaphore.Statistics(2, 0, 0), sem.statistics());
    }
}
