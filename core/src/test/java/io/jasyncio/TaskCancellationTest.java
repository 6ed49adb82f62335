package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancelling a {@link Task}: where the {@link CancelledError} is delivered, with which message,
 * how {@code cancelling()} and {@code uncancel()} count requests (Python 3.11-3.13 semantics),
 * a task that catches the cancellation, and cancellation of what the task waits on. Ports the
 * cancellation behaviours of CPython's {@code Lib/test/test_asyncio/test_tasks.py}.
 */
class TaskCancellationTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @LoopTest
    void cancelBeforeFirstStepNeverRunsTheBody(LoopHarness h) {
        List<String> log = new ArrayList<>();
        Task<String> t = h.loop().createTask(() -> {
            log.add("body ran");
            return "x";
        });
        assertTrue(t.cancel("early"));
        CancelledError e = assertThrows(CancelledError.class, () -> h.loop().runUntilComplete(t));
        assertEquals("early", e.getMessage());
        assertTrue(t.isCancelled());
        assertEquals(List.of(), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void cancelWhileSleepingThrowsAtTheSuspensionPointWithTheMessage(LoopHarness h) {
        List<String> log = new ArrayList<>();
        long took = h.run(() -> {
            long start = time();
            Task<Void> t = createTask(() -> {
                try {
                    sleep(LONG);
                    log.add("woke normally");
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
            });
            sleep(Duration.ofMillis(5));
            assertTrue(t.cancel("stop it"));
            assertEquals("stop it", assertThrows(CancelledError.class, t::await).getMessage());
            assertTrue(t.isCancelled());
            return time() - start;
        });
        assertEquals(List.of("cancelled: stop it"), log);
        assertEquals(Duration.ofMillis(5).toNanos(), took, "the long sleep was cut short");
    }

    @LoopTest
    void cancelWithoutMessageGivesNullMessage(LoopHarness h) {
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                sleep(LONG);
            });
            sleep(Duration.ZERO);
            assertTrue(t.cancel());
            CancelledError e = assertThrows(CancelledError.class, t::await);
            assertNull(e.getMessage());
            assertNull(assertThrows(CancelledError.class, t::exception).getMessage());
        });
    }

    @LoopTest
    void cancelMessagePropagatesToAnAwaitingTask(LoopHarness h) {
        String r = h.run(() -> {
            Task<Void> inner = createTask(() -> {
                sleep(LONG);
            });
            Task<String> outer = createTask(() -> {
                try {
                    inner.await();
                    return "not cancelled";
                } catch (CancelledError e) {
                    return "outer saw: " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            inner.cancel("inner's message");
            return outer.await();
        });
        assertEquals("outer saw: inner's message", r);
    }

    @LoopTest
    void cancelledTaskResultRethrowsTheCancelledErrorItEndedWith(LoopHarness h) {
        AtomicReference<CancelledError> thrown = new AtomicReference<>();
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    thrown.set(e);
                    throw e;
                }
            });
            sleep(Duration.ZERO);
            t.cancel("why");
            CancelledError e = assertThrows(CancelledError.class, t::await);
            // The first retrieval gives the very error the coroutine ended with (its stack trace).
            assertSame(thrown.get(), e);
            assertEquals("why", assertThrows(CancelledError.class, t::result).getMessage());
        });
    }

    @LoopTest
    void exceptionOfCancelledTaskThrowsCancelledError(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "x");
        t.cancel("no");
        assertThrows(CancelledError.class, () -> h.loop().runUntilComplete(t));
        assertEquals("no", assertThrows(CancelledError.class, t::exception).getMessage());
    }

    // ---- counting requests ----

    @LoopTest
    void cancellingCountsRequests(LoopHarness h) {
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                sleep(LONG);
            });
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            t.cancel();
            assertEquals(2, t.cancelling());
            assertThrows(CancelledError.class, t::await);
            assertEquals(2, t.cancelling(), "the count outlives the task");
        });
    }

    @LoopTest
    void uncancelDecrementsAndReturnsTheCount(LoopHarness h) {
        h.run(() -> {
            Task<?> self = currentTask();
            assertEquals(0, self.uncancel(), "never below zero");
            self.cancel();
            self.cancel();
            assertEquals(1, self.uncancel());
            assertEquals(1, self.cancelling());
            assertEquals(0, self.uncancel());
            assertEquals(0, self.cancelling());
            assertEquals(0, self.uncancel());
            sleep(Duration.ZERO);
        });
    }

    @LoopTest
    void cancelTwiceBeforeDeliveryCountsTwiceButDeliversOnce(LoopHarness h) {
        List<String> log = new ArrayList<>();
        String r = h.run(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    log.add("cancelled");
                }
                sleep(Duration.ofMillis(1));
                return "went on";
            });
            sleep(Duration.ZERO);
            assertTrue(t.cancel());
            assertTrue(t.cancel());
            assertEquals(2, t.cancelling());
            return t.await();
        });
        assertEquals("went on", r);
        assertEquals(List.of("cancelled"), log);
    }

    @LoopTest
    void cancelOnADoneTaskReturnsFalseAndCountsNothing(LoopHarness h) {
        Task<String> ok = h.loop().createTask(() -> "ok");
        Task<String> failed = h.loop().createTask(() -> {
            throw new IllegalStateException("failed");
        });
        h.loop().runUntilComplete(ok);
        assertThrows(IllegalStateException.class, () -> h.loop().runUntilComplete(failed));
        assertFalse(ok.cancel());
        assertFalse(failed.cancel("late"));
        assertEquals(0, ok.cancelling());
        assertEquals(0, failed.cancelling());
        assertFalse(ok.isCancelled());
        assertEquals("ok", ok.result());
    }

    // ---- catching the cancellation ----

    @LoopTest
    void taskCatchingCancelledErrorAndReturningEndsFinished(LoopHarness h) {
        h.run(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(LONG);
                    return "slept";
                } catch (CancelledError e) {
                    return "caught " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            t.cancel("c");
            assertEquals("caught c", t.await());
            assertFalse(t.isCancelled());
            assertEquals(1, t.cancelling(), "catching does not take the request back");
        });
    }

    @LoopTest
    void taskCatchingCancelledErrorCanGoOnWaiting(LoopHarness h) {
        List<String> log = new ArrayList<>();
        String r = h.run(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    log.add("ignored cancel");
                }
                sleep(Duration.ofMillis(2));
                log.add("waited again");
                return "done";
            });
            sleep(Duration.ZERO);
            t.cancel();
            return t.await();
        });
        assertEquals("done", r);
        assertEquals(List.of("ignored cancel", "waited again"), log);
    }

    @LoopTest
    void catchExceptionDoesNotCatchCancelledError(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (Exception e) {
                    log.add("swallowed " + e);
                }
                log.add("went on");
            });
            sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancelledError.class, t::await);
            assertTrue(t.isCancelled());
        });
        assertEquals(List.of(), log);
    }

    @LoopTest
    void finallyBlocksRunOnCancellation(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                try {
                    try {
                        sleep(LONG);
                    } finally {
                        log.add("inner finally");
                    }
                } finally {
                    log.add("outer finally");
                }
            });
            sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancelledError.class, t::await);
        });
        assertEquals(List.of("inner finally", "outer finally"), log);
    }

    // ---- what the task waits on ----

    @LoopTest
    void cancelOfTaskWaitingOnAFutureCancelsTheFuture(LoopHarness h) {
        h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            Task<String> t = createTask(() -> f.await());
            sleep(Duration.ZERO);
            assertTrue(t.cancel("both"));
            assertTrue(f.isCancelled(), "asyncio cancels the awaited future");
            assertEquals("both", assertThrows(CancelledError.class, t::await).getMessage());
            assertTrue(t.isCancelled());
        });
    }

    @LoopTest
    void cancelBothTaskAndItsFutureEndsCancelled(LoopHarness h) {
        h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            Task<String> t = createTask(() -> f.await());
            sleep(Duration.ZERO);
            assertTrue(f.cancel());
            assertTrue(t.cancel());
            assertThrows(CancelledError.class, t::await);
            assertTrue(t.isCancelled());
            assertEquals(1, t.cancelling());
        });
    }

    @LoopTest
    void awaitedFutureCancelledByOthersCancelsTheTaskWithoutARequest(LoopHarness h) {
        h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            Task<String> t = createTask(() -> f.await());
            sleep(Duration.ZERO);
            f.cancel("from elsewhere");
            assertEquals("from elsewhere", assertThrows(CancelledError.class, t::await).getMessage());
            assertTrue(t.isCancelled());
            assertEquals(0, t.cancelling(), "nobody asked the task itself to cancel");
        });
    }

    @LoopTest
    void cancelOfTaskWaitingOnInnerTaskCancelsInnerAndWaitsForItToFinish(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    log.add("inner cancelled: " + e.getMessage());
                    sleep(Duration.ofMillis(3));
                    log.add("inner cleaned up");
                    throw e;
                }
            });
            Task<Void> outer = createTask(() -> {
                try {
                    inner.await();
                } catch (CancelledError e) {
                    log.add("outer cancelled, inner done=" + inner.isDone());
                    throw e;
                }
            });
            sleep(Duration.ZERO);
            assertTrue(outer.cancel("stop"));
            assertEquals(1, inner.cancelling(), "the request was passed to the inner task");
            assertFalse(outer.isDone());
            assertThrows(CancelledError.class, outer::await);
            assertTrue(inner.isCancelled());
            assertTrue(outer.isCancelled());
        });
        assertEquals(List.of("inner cancelled: stop", "inner cleaned up", "outer cancelled, inner done=true"), log);
    }

    @LoopTest
    void innerTaskIgnoringTheCancelLetsTheOuterTaskGoOn(LoopHarness h) {
        // asyncio: once the awaited future accepted cancel(), the outer task has no pending request.
        String r = h.run(() -> {
            Task<String> inner = createTask(() -> {
                try {
                    sleep(LONG);
                    return "slept";
                } catch (CancelledError e) {
                    return "inner refused";
                }
            });
            Task<String> outer = createTask(() -> inner.await() + ", outer went on");
            sleep(Duration.ZERO);
            outer.cancel();
            return outer.await();
        });
        assertEquals("inner refused, outer went on", r);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void taskCancellingItselfGetsCancelledErrorAtItsNextAwait(LoopHarness h) {
        List<String> log = new ArrayList<>();
        long took = h.run(() -> {
            long start = time();
            Task<Void> t = createTask(() -> {
                assertTrue(currentTask().cancel("self"));
                log.add("still running");
                try {
                    sleep(LONG);
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
            });
            assertThrows(CancelledError.class, t::await);
            return time() - start;
        });
        assertEquals(List.of("still running", "cancelled: self"), log);
        assertEquals(0, took, "the sleep's future was cancelled as the step ended");
    }

    @LoopTest
    void taskCancellingItselfGetsCancelledErrorAtSleepZero(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                currentTask().cancel("self");
                try {
                    sleep(Duration.ZERO);
                    log.add("not cancelled");
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
            });
            assertThrows(CancelledError.class, t::await);
        });
        assertEquals(List.of("cancelled: self"), log);
    }

    @LoopTest
    void taskCancellingItselfAndReturningEndsCancelled(LoopHarness h) {
        // test_cancel_at_end: a request not delivered before the coroutine returns still cancels it.
        Task<Integer> t = h.loop().createTask(() -> {
            currentTask().cancel("at end");
            return 12;
        });
        assertEquals("at end", assertThrows(CancelledError.class, () -> h.loop().runUntilComplete(t)).getMessage());
        assertTrue(t.isCancelled());
    }

    @LoopTest
    void cancelWhenTheAwaitedFutureIsAlreadyDoneThrowsAtTheNextStep(LoopHarness h) {
        h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            List<String> log = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                try {
                    log.add("got " + f.await());
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
            });
            sleep(Duration.ZERO);
            f.setResult("value");
            // The task is due to resume with the result; the request must win over it.
            assertTrue(t.cancel("late"));
            assertThrows(CancelledError.class, t::await);
            assertEquals(List.of("cancelled: late"), log);
            assertEquals("value", f.result());
            assertFalse(f.isCancelled());
        });
    }

    // ---- uncancel dropping a pending request (3.13) ----

    @LoopTest
    void uncancelToZeroDropsARequestNotYetDelivered(LoopHarness h) {
        // test_uncancel_resets_must_cancel
        h.run(() -> {
            Future<Void> f = getRunningLoop().createFuture();
            Task<Integer> t = createTask(() -> {
                f.await();
                return 42;
            });
            sleep(Duration.ZERO);
            f.setResult(null);
            t.cancel();
            assertEquals(1, t.cancelling());
            assertEquals(0, t.uncancel());
            assertEquals(42, t.await());
            assertFalse(t.isCancelled());
        });
    }

    @LoopTest
    void uncancelBeforeTheFirstStepLetsTheBodyRun(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "ran");
        t.cancel();
        assertEquals(0, t.uncancel());
        assertEquals("ran", h.loop().runUntilComplete(t));
        assertFalse(t.isCancelled());
    }

    @LoopTest
    void uncancelAboveZeroKeepsThePendingRequest(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "ran");
        t.cancel("one");
        t.cancel("two");
        assertEquals(1, t.uncancel());
        assertThrows(CancelledError.class, () -> h.loop().runUntilComplete(t));
        assertTrue(t.isCancelled());
    }
}
