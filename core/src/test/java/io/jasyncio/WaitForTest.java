package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Asyncio#waitFor(Future, Duration)} and {@link Asyncio#waitFor(Body, Duration)}: the
 * behaviours of CPython's {@code test_waitfor.py} under asyncio 3.12 semantics (on timeout the
 * inner task is cancelled and has finished before the timeout is raised; an inner task that
 * swallows the cancellation and returns a value makes waitFor return it).
 */
class WaitForTest {
    private static final Duration SHORT = Duration.ofMillis(10);
    private static final Duration LONG = Duration.ofHours(1);

    @LoopTest
    void resultArrivingInTimeIsReturned(LoopHarness h) {
        String r = h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(Duration.ofMillis(1));
                return "done";
            });
            return waitFor(inner, Duration.ofSeconds(10));
        });
        assertEquals("done", r);
    }

    @LoopTest
    void timeoutRaisesAsyncTimeoutExceptionAndCancelsTheInnerTask(LoopHarness h) {
        h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(LONG);
                return "slept";
            });
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(inner, SHORT));
            assertInstanceOf(CancelledError.class, e.getCause());
            assertTrue(inner.isCancelled());
        });
    }

    @LoopTest
    void innerTaskHasFinishedItsCleanupBeforeTheTimeoutIsRaised(LoopHarness h) {
        List<String> events = new ArrayList<>();
        long start = h.loop().time();
        h.run(() -> {
            Task<String> inner = createTask(() -> {
                try {
                    sleep(LONG);
                    return "slept";
                } catch (CancelledError e) {
                    // Cleanup that itself waits: waitFor must wait for it.
                    sleep(Duration.ofMillis(5));
                    events.add("cleaned up");
                    throw e;
                } finally {
                    events.add("finally");
                }
            });
            assertThrows(AsyncTimeoutException.class, () -> waitFor(inner, SHORT));
            events.add("waitFor threw");
            assertTrue(inner.isDone());
        });
        assertEquals(List.of("cleaned up", "finally", "waitFor threw"), events);
        long took = h.loop().time() - start;
        assertTrue(took >= Duration.ofMillis(15).toNanos());
        if (h.isVirtualTime()) {
            assertEquals(Duration.ofMillis(15).toNanos(), took);
        }
    }

    @LoopTest
    void zeroOrNegativeTimeoutReturnsTheResultOfADoneFuture(LoopHarness h) {
        long start = h.loop().time();
        List<String> r = h.run(() -> {
            Future<String> done = getRunningLoop().createFuture();
            done.setResult("done");
            return List.of(waitFor(done, Duration.ZERO), waitFor(done, Duration.ofSeconds(-1)));
        });
        assertEquals(List.of("done", "done"), r);
        if (h.isVirtualTime()) {
            assertEquals(start, h.loop().time());
        }
    }

    @LoopTest
    void zeroOrNegativeTimeoutCancelsAPendingFutureAndRaises(LoopHarness h) {
        h.run(() -> {
            for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
                Future<String> pending = getRunningLoop().createFuture();
                AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(pending, timeout));
                assertTrue(pending.isCancelled(), "timeout " + timeout);
                assertInstanceOf(CancelledError.class, e.getCause());
            }
        });
    }

    @LoopTest
    void zeroTimeoutWaitsForTheCancelledTaskToFinish(LoopHarness h) {
        List<String> events = new ArrayList<>();
        h.run(() -> {
            Future<Void> started = getRunningLoop().createFuture();
            Task<String> inner = createTask(() -> {
                started.setResult(null);
                try {
                    sleep(LONG);
                    return "slept";
                } catch (CancelledError e) {
                    sleep(Duration.ofMillis(1));
                    throw e;
                } finally {
                    events.add("inner finished");
                }
            });
            started.await();
            AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(inner, Duration.ZERO));
            events.add("waitFor threw");
            assertTrue(inner.isCancelled());
            assertInstanceOf(CancelledError.class, e.getCause());
        });
        assertEquals(List.of("inner finished", "waitFor threw"), events);
    }

    @LoopTest
    void zeroTimeoutNeverStartsATaskThatHasNotStartedYet(LoopHarness h) {
        boolean[] started = {false};
        h.run(() -> {
            Task<String> inner = createTask(() -> {
                started[0] = true;
                return "ran";
            });
            assertThrows(AsyncTimeoutException.class, () -> waitFor(inner, Duration.ZERO));
            assertTrue(inner.isCancelled());
        });
        assertFalse(started[0]);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void nullTimeoutWaitsAsLongAsItTakes(LoopHarness h) {
        long start = h.loop().time();
        String r = h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(LONG);
                return "late";
            });
            return waitFor(inner, null);
        });
        assertEquals("late", r);
        assertEquals(LONG.toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void cancellingTheCallerCancelsTheInnerFuture(LoopHarness h) {
        h.run(() -> {
            Future<String> inner = getRunningLoop().createFuture();
            Task<String> caller = createTask(() -> waitFor(inner, Duration.ofSeconds(60)));
            sleep(Duration.ZERO);
            caller.cancel();
            Throwable e = assertThrows(CancelledError.class, caller::await);
            assertFalse(e instanceof AsyncTimeoutException);
            assertTrue(inner.isCancelled());
        });
    }

    @LoopTest
    void cancellingTheCallerCancelsTheInnerFutureWithoutTimeout(LoopHarness h) {
        h.run(() -> {
            Future<String> never = getRunningLoop().createFuture();
            Task<String> blocked = createTask(() -> never.await());
            Task<String> caller = createTask(() -> waitFor(blocked, null));
            getRunningLoop().callSoon(caller::cancel);
            assertThrows(CancelledError.class, caller::await);
            assertTrue(blocked.isCancelled());
        });
    }

    @LoopTest
    void innerTaskThatSwallowsTheCancellationHasItsValueReturned(LoopHarness h) {
        int[] cancelling = {-1};
        int r = h.run(() -> {
            Task<Integer> inner = createTask(() -> {
                try {
                    sleep(LONG);
                    return 0;
                } catch (CancelledError e) {
                    return 42;
                }
            });
            int v = waitFor(inner, SHORT);
            cancelling[0] = currentTask().cancelling();
            return v;
        });
        assertEquals(42, r);
        assertEquals(0, cancelling[0], "waitFor takes back the cancellation it caused");
    }

    @LoopTest
    void exceptionRaisedByTheInnerTaskDuringCancellationPropagates(LoopHarness h) {
        IllegalStateException e = h.run(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(LONG);
                } catch (CancelledError c) {
                    throw new IllegalStateException("cleanup failed");
                }
            });
            return assertThrows(IllegalStateException.class, () -> waitFor(inner, SHORT));
        });
        assertEquals("cleanup failed", e.getMessage());
    }

    @LoopTest
    void failureOfTheFutureIsRethrownAsItIs(LoopHarness h) {
        IllegalArgumentException e = h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(Duration.ofMillis(1));
                throw new IllegalArgumentException("bad");
            });
            return assertThrows(IllegalArgumentException.class, () -> waitFor(inner, Duration.ofSeconds(10)));
        });
        assertEquals("bad", e.getMessage());
    }

    @LoopTest
    void futureCompletingBeforeTheTimeoutWins(LoopHarness h) {
        String r = h.run(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            getRunningLoop().callLater(Duration.ofMillis(10), () -> fut.setResult("ok"));
            return waitFor(fut, Duration.ofMillis(200));
        });
        assertEquals("ok", r);
    }

    @LoopTest
    void cancellationArrivingAsTheInnerCompletesIsNotLost(LoopHarness h) {
        boolean[] reachedEnd = {false};
        h.run(() -> {
            Future<String> inner = getRunningLoop().createFuture();
            Task<Void> caller = createTask(() -> {
                waitFor(inner, Duration.ofSeconds(100));
                sleep(LONG);
                reachedEnd[0] = true;
            });
            sleep(Duration.ZERO);
            // The caller's wake-up is scheduled, then the cancellation arrives before it runs.
            inner.setResult("ready");
            caller.cancel();
            assertThrows(CancelledError.class, caller::await);
        });
        assertFalse(reachedEnd[0]);
    }

    @LoopTest
    void cancellingAWaitForThatHasNotStartedLeavesTheInnerTaskAlone(LoopHarness h) {
        int r = h.run(() -> {
            Task<Integer> inner = createTask(() -> {
                sleep(Duration.ofMillis(20));
                return 42;
            });
            Task<Integer> wait = createTask(() -> waitFor(inner, Duration.ofMillis(5)));
            wait.cancel();
            assertThrows(CancelledError.class, wait::await);
            return inner.await();
        });
        assertEquals(42, r);
    }

    @LoopTest
    void inlineBodyReturnsItsResultInTime(LoopHarness h) {
        String r = h.run(() -> waitFor(() -> {
            sleep(Duration.ofMillis(1));
            return "inline";
        }, Duration.ofSeconds(10)));
        assertEquals("inline", r);
    }

    @LoopTest
    void inlineBodyIsCancelledAndHasFinishedWhenTheTimeoutIsRaised(LoopHarness h) {
        List<String> events = new ArrayList<>();
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                try {
                    sleep(LONG);
                    return "slept";
                } finally {
                    events.add("body finally");
                }
            }, SHORT));
            events.add("waitFor threw");
        });
        assertEquals(List.of("body finally", "waitFor threw"), events);
    }

    @LoopTest
    void inlineBodyThatSwallowsTheCancellationHasItsValueReturned(LoopHarness h) {
        int r = h.run(() -> waitFor(() -> {
            try {
                sleep(LONG);
                return 0;
            } catch (CancelledError e) {
                return 42;
            }
        }, SHORT));
        assertEquals(42, r);
    }

    @LoopTest
    void inlineBodyCheckedExceptionPropagatesWithItsType(LoopHarness h) {
        String r = h.run(() -> {
            try {
                return waitFor(() -> {
                    sleep(Duration.ofMillis(1));
                    throw new IOException("disk");
                }, Duration.ofSeconds(10));
            } catch (IOException e) {
                // Compiles only because waitFor(Body) declares the body's IOException.
                return e.getMessage();
            }
        });
        assertEquals("disk", r);
    }
}
