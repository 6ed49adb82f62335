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
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Event}: waking every waiter in order, {@code clear()} racing with woken waiters, and
 * cancellation and timeout at its one waiting point. Ports the behaviours of
 * {@code EventTests} in CPython's {@code Lib/test/test_asyncio/test_locks.py}.
 */
class EventTest {
    @LoopTest
    void setWakesWaitersInArrivalOrderAndALateWaiterPassesAtOnce(LoopHarness h) {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            assertFalse(ev.isSet());
            Task<Void> t1 = createTask(() -> {
                ev.await();
                result.add(1);
            });
            Task<Void> t2 = createTask(() -> {
                ev.await();
                result.add(2);
            });
            sleep(Duration.ZERO);
            assertEquals(List.of(), result);
            Task<Void> t3 = createTask(() -> {
                ev.await();
                result.add(3);
            });
            ev.set();
            sleep(Duration.ZERO);
            // t3's first step was scheduled before set() woke t1 and t2, and sees the flag up.
            assertEquals(List.of(3, 1, 2), result);
            assertTrue(t1.isDone() && t2.isDone() && t3.isDone());
        });
    }

    @LoopTest
    void awaitOnASetEventReturnsWithoutYielding(LoopHarness h) {
        Event ev = new Event();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            ev.set();
            Task<Void> other = createTask(() -> {
                log.add("other");
            });
            ev.await();
            log.add("passed");
            other.await();
        });
        assertEquals(List.of("passed", "other"), log);
    }

    @LoopTest
    void cancelWhileWaitingRemovesTheWaiter(LoopHarness h) {
        Event ev = new Event();
        h.runBounded(() -> {
            Task<Void> w = createTask(ev::await);
            sleep(Duration.ZERO);
            assertEquals(1, ev.statistics().tasksWaiting());
            getRunningLoop().callSoon(() -> w.cancel());
            assertThrows(CancelledError.class, w::await);
            assertEquals(new Event.Statistics(false, 0), ev.statistics());
            ev.set();
            ev.await();
        });
    }

    @LoopTest
    void clearLowersTheFlagAndLaterWaitersWaitForTheNextSet(LoopHarness h) {
        Event ev = new Event();
        h.runBounded(() -> {
            ev.set();
            assertTrue(ev.isSet());
            ev.clear();
            assertFalse(ev.isSet());
            Task<Void> w = createTask(ev::await);
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            assertFalse(w.isDone());
            ev.set();
            w.await();
        });
    }

    @LoopTest
    void waiterWokenBySetReturnsEvenIfClearedBeforeItRuns(LoopHarness h) {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        h.runBounded(() -> {
            Task<Void> t = createTask(() -> {
                ev.await();
                result.add(1);
            });
            sleep(Duration.ZERO);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(0, ev.statistics().tasksWaiting(), "the first set() already woke it");
            sleep(Duration.ZERO);
            assertEquals(List.of(1), result);
            assertTrue(t.isDone());
        });
    }

    @LoopTest
    void waiterCancelledAfterSetDoesNotHoldBackTheOthers(LoopHarness h) {
        Event ev = new Event();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ws = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                ws.add(createTask(() -> {
                    ev.await();
                    log.add("w" + id);
                }));
            }
            sleep(Duration.ZERO);
            ev.set();
            ws.get(1).cancel();
            assertThrows(CancelledError.class, ws.get(1)::await);
            ws.get(0).await();
            ws.get(2).await();
            assertTrue(ev.isSet());
        });
        assertEquals(List.of("w0", "w2"), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutWhileWaitingLeavesNoWaiterBehind(LoopHarness h) {
        Event ev = new Event();
        h.runBounded(() -> {
            long start = time();
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(7), ev::await));
            assertEquals(Duration.ofMillis(7).toNanos(), time() - start);
            assertEquals(new Event.Statistics(false, 0), ev.statistics());
        });
    }

    @LoopTest
    void statisticsAndToStringShowFlagAndWaiters(LoopHarness h) {
        Event ev = new Event();
        assertEquals("Event[unset]", ev.toString());
        h.runBounded(() -> {
            Task<Void> w = createTask(ev::await);
            sleep(Duration.ZERO);
            assertEquals(new Event.Statistics(false, 1), ev.statistics());
            assertEquals("Event[unset, waiters:1]", ev.toString());
            ev.set();
            assertEquals(new Event.Statistics(true, 0), ev.statistics());
            assertEquals("Event[set]", ev.toString());
            w.await();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 200)
    void everyWaiterNotCancelledPassesOneSetUnderSeededSchedules(LoopHarness h) {
        Event ev = new Event();
        List<Integer> passed = new ArrayList<>();
        h.runBounded(() -> {
            List<Task<Void>> ws = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                ws.add(createTask(() -> {
                    sleep(id % 2 == 0 ? Duration.ZERO : Duration.ofMillis(1));
                    ev.await();
                    passed.add(id);
                }));
            }
            // The set (and immediate clear) and the cancellation come from two timers due together.
            createTask(() -> {
                sleep(Duration.ofMillis(2));
                ev.set();
                ev.clear();
            });
            createTask(() -> {
                sleep(Duration.ofMillis(2));
                ws.get(3).cancel();
            });
            assertOnlyCancellations(gatherReturnExceptions(ws));
            assertTrue(ws.get(3).isCancelled() || passed.contains(3));
        });
        assertTrue(passed.containsAll(List.of(0, 1, 2, 4)), passed.toString());
        assertFalse(ev.isSet());
        assertEquals(0, ev.statistics().tasksWaiting());
    }
}
