package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#wait} with each {@link ReturnWhen} and a timeout, and its {@link WaitResult}:
 * when it returns, what lands in done and pending (in input order), and that it never cancels
 * or raises what it waits for. Ports the wait tests of CPython's
 * Lib/test/test_asyncio/test_tasks.py. ({@code Asyncio.wait} is called qualified: a bare
 * {@code wait} would resolve to {@link Object#wait()}.)
 */
class WaitTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @LoopTest(loops = LoopKind.VIRTUAL)
    void byDefaultWaitsUntilEveryFutureIsDone(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(10, "a"));
            Task<String> b = createTask(() -> napThen(20, "b"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(a, b));
            assertEquals(ms(20).toNanos(), h.loop().time() - start);
            assertEquals(List.of(a, b), new ArrayList<>(r.done()));
            assertEquals(Set.of(), r.pending());
        });
    }

    @LoopTest
    void allCompletedWaitsPastFailuresWithoutThrowingThem(LoopHarness h) {
        h.run(() -> {
            Task<String> failing = createTask(() -> {
                throw new IllegalStateException("failed");
            });
            Task<String> slow = createTask(() -> napThen(5, "slow"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(failing, slow), null, ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(failing, slow), r.done());
            assertInstanceOf(IllegalStateException.class, failing.exception());
            assertEquals("slow", slow.result());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void firstCompletedReturnsAsSoonAsOneIsDone(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> fast = createTask(() -> napThen(10, "fast"));
            Task<String> slow = createTask(() -> napThen(HOUR.toMillis(), "slow"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(ms(10).toNanos(), h.loop().time() - start);
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.isCancelled(), "wait cancels nothing");
            slow.cancel();
            assertThrows(CancelledError.class, slow::await);
        });
    }

    @LoopTest
    void firstCompletedCountsACancellationAsCompletion(LoopHarness h) {
        h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            Task<Void> canceller = createTask(() -> {
                sleep(Duration.ZERO);
                b.cancel();
            });
            WaitResult<String> r = Asyncio.waitFutures(List.of(a, b), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            canceller.await();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void firstExceptionReturnsOnTheFirstFailure(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> ok = createTask(() -> napThen(5, "ok"));
            Task<String> failing = createTask(() -> {
                sleep(ms(10));
                throw new IllegalArgumentException("bad");
            });
            Task<String> slow = createTask(() -> napThen(HOUR.toMillis(), "slow"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(ok, failing, slow), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(ms(10).toNanos(), h.loop().time() - start);
            assertEquals(List.of(ok, failing), new ArrayList<>(r.done()));
            assertEquals(Set.of(slow), r.pending());
            slow.cancel();
            assertThrows(CancelledError.class, slow::await);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void firstExceptionWaitsForAllWhenNoneFails(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(10, "a"));
            Task<String> b = createTask(() -> napThen(30, "b"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(ms(30).toNanos(), h.loop().time() - start);
            assertEquals(Set.of(a, b), r.done());
            assertEquals(Set.of(), r.pending());
        });
    }

    @LoopTest
    void firstExceptionDoesNotTreatACancellationAsAFailure(LoopHarness h) {
        h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            Task<Void> finisher = createTask(() -> {
                sleep(Duration.ZERO);
                b.cancel();
                sleep(Duration.ZERO);
                sleep(Duration.ZERO);
                a.setResult("a");
            });
            WaitResult<String> r = Asyncio.waitFutures(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION);
            assertTrue(a.isDone(), "wait went on after the cancellation");
            assertEquals(Set.of(a, b), r.done());
            finisher.await();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void timeoutReturnsDoneAndPendingWithoutCancellingThePending(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> fast = createTask(() -> napThen(10, "fast"));
            Task<String> slow = createTask(() -> napThen(HOUR.toMillis(), "slow"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(fast, slow), ms(50), ReturnWhen.ALL_COMPLETED);
            assertEquals(ms(50).toNanos(), h.loop().time() - start);
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.isDone());
            slow.cancel();
            assertThrows(CancelledError.class, slow::await);
        });
    }

    @LoopTest
    void timeoutLeavesPendingFuturesThatStillFinish(LoopHarness h) {
        h.run(() -> {
            Task<String> late = createTask(() -> napThen(20, "late"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(late), ms(1), ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(late), r.pending());
            assertEquals("late", late.await());
        });
    }

    @LoopTest
    void timeoutTimerIsCancelledWhenTheFuturesFinishFirst(LoopHarness h) {
        // The loop clock's origin is arbitrary (System.nanoTime: uptime on Linux), so measure from here.
        long start = h.loop().time();
        h.run(() -> {
            Future<String> f = h.loop().createFuture();
            Task<Void> setter = createTask(() -> f.setResult("f"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(f), HOUR, ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(f), r.done());
            assertEquals(0, h.loop().statistics().liveTimers());
            setter.await();
        });
        assertTrue(h.loop().time() - start < HOUR.toNanos());
    }

    @LoopTest
    void emptyCollectionIsRejected(LoopHarness h) {
        h.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.waitFutures(List.<Future<String>>of()));
        });
    }

    @LoopTest
    void nullReturnWhenIsRejected(LoopHarness h) {
        h.run(() -> {
            Future<String> f = h.loop().createFuture();
            f.setResult("x");
            assertThrows(NullPointerException.class, () -> Asyncio.waitFutures(List.of(f), null, null));
        });
    }

    @Test
    void waitOutsideALoopThrowsIllegalState() {
        Future<String> f = LoopKind.VIRTUAL.create().createFuture();
        assertThrows(IllegalStateException.class, () -> Asyncio.waitFutures(List.of(f)));
        f.loop().close();
    }

    @LoopTest
    void doneAndPendingKeepTheInputOrder(LoopHarness h) {
        h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            Future<String> c = h.loop().createFuture();
            Future<String> d = h.loop().createFuture();
            // Completed in the order d, b, a; c stays pending. a's failure ends the wait.
            Task<Void> setter = createTask(() -> {
                d.setResult("d");
                sleep(Duration.ZERO);
                b.setResult("b");
                sleep(Duration.ZERO);
                a.setException(new IllegalStateException("a"));
            });
            WaitResult<String> r = Asyncio.waitFutures(List.of(c, a, d, b), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(List.of(a, d, b), new ArrayList<>(r.done()));
            assertEquals(List.of(c), new ArrayList<>(r.pending()));
            setter.await();
        });
    }

    @LoopTest
    void alreadyDoneFuturesAreAllReturnedAsDone(LoopHarness h) {
        h.run(() -> {
            Future<String> ok = h.loop().createFuture();
            Future<String> failed = h.loop().createFuture();
            Future<String> cancelled = h.loop().createFuture();
            ok.setResult("ok");
            failed.setException(new IllegalStateException("failed"));
            cancelled.cancel();
            WaitResult<String> r = Asyncio.waitFutures(List.of(ok, failed, cancelled));
            assertEquals(List.of(ok, failed, cancelled), new ArrayList<>(r.done()));
            assertEquals(Set.of(), r.pending());
            assertInstanceOf(IllegalStateException.class, failed.exception());
        });
    }

    @LoopTest
    void duplicateFuturesAreWaitedForOnce(LoopHarness h) {
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(1, "a"));
            Task<String> b = createTask(() -> napThen(2, "b"));
            WaitResult<String> r = Asyncio.waitFutures(List.of(a, b, a));
            assertEquals(List.of(a, b), new ArrayList<>(r.done()));
        });
    }

    @LoopTest
    void cancellingTheWaitingTaskLeavesTheFuturesRunning(LoopHarness h) {
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(5, "a"));
            Task<String> b = createTask(() -> napThen(10, "b"));
            Task<WaitResult<String>> waiter = createTask(() -> Asyncio.waitFutures(List.of(a, b)));
            sleep(Duration.ZERO);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
            assertFalse(a.isDone());
            assertFalse(b.isDone());
            assertEquals(List.of("a", "b"), gather(a, b));
        });
    }

    private static <T> T napThen(long millis, T value) {
        sleep(ms(millis));
        return value;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
