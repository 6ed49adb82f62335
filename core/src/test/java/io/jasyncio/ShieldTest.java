package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;

/**
 * {@link Asyncio#shield} and {@link Asyncio#shieldFuture}: the inner result and failure pass
 * through, the caller's cancellation stops at the shield while the inner work runs on, and the
 * "exception was never retrieved" report is made exactly when asyncio makes it. Ports the shield
 * tests of CPython's Lib/test/test_asyncio/test_tasks.py.
 */
class ShieldTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @LoopTest
    void shieldReturnsTheInnerResult(LoopHarness h) {
        String r = h.run(() -> {
            Task<String> inner = createTask(() -> napThen(1, "inner"));
            return shield(inner);
        });
        assertEquals("inner", r);
    }

    @LoopTest
    void shieldOfACoroutineRunsItAsATask(LoopHarness h) {
        h.run(() -> {
            Task<?> caller = currentTask();
            Task<?>[] ranIn = {null};
            String r = shield(() -> {
                ranIn[0] = currentTask();
                return "coro";
            });
            assertEquals("coro", r);
            assertNotNull(ranIn[0]);
            assertNotSame(caller, ranIn[0]);
        });
    }

    @LoopTest
    void cancellingTheAwaitingTaskDoesNotCancelTheInnerTask(LoopHarness h) {
        h.run(() -> {
            Task<String> inner = createTask(() -> napThen(10, "inner done"));
            Task<String> outer = createTask(() -> shield(inner));
            sleep(Duration.ZERO);
            assertTrue(outer.cancel());
            assertThrows(CancelledError.class, outer::await);
            assertTrue(outer.isCancelled());
            assertFalse(inner.isDone(), "the shield kept the cancellation out");
            assertEquals("inner done", inner.await());
        });
    }

    @LoopTest
    void cancellingTheOuterFutureLeavesTheInnerPending(LoopHarness h) {
        h.run(() -> {
            Future<String> inner = h.loop().createFuture();
            Future<String> outer = shieldFuture(inner);
            assertTrue(outer.cancel());
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
            assertFalse(inner.isDone());
            inner.setResult("later");
            assertEquals("later", inner.await());
        });
    }

    @LoopTest
    void innerFailurePropagatesUnchanged(LoopHarness h) {
        IllegalStateException failure = new IllegalStateException("inner failed");
        h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(ms(1));
                throw failure;
            });
            assertSame(failure, assertThrows(IllegalStateException.class, () -> shield(inner)));
        });
    }

    @LoopTest
    void innerCancelledCancelsTheOuter(LoopHarness h) {
        h.run(() -> {
            Task<String> inner = createTask(() -> napThen(HOUR.toMillis(), "never"));
            Future<String> outer = shieldFuture(inner);
            Task<String> awaiter = createTask(() -> outer.await());
            sleep(Duration.ZERO);
            inner.cancel();
            assertThrows(CancelledError.class, awaiter::await);
            assertTrue(outer.isCancelled());
            assertTrue(inner.isCancelled());
        });
    }

    @LoopTest
    void shieldFutureOfADoneFutureReturnsItAsIs(LoopHarness h) {
        h.run(() -> {
            Future<String> ok = h.loop().createFuture();
            ok.setResult("ok");
            Future<String> failed = h.loop().createFuture();
            failed.setException(new IllegalStateException("failed"));
            Future<String> cancelled = h.loop().createFuture();
            cancelled.cancel();
            assertSame(ok, shieldFuture(ok));
            assertSame(failed, shieldFuture(failed));
            assertSame(cancelled, shieldFuture(cancelled));
            assertThrows(IllegalStateException.class, () -> shield(failed));
        });
    }

    @LoopTest
    void innerFailureRacingTheOuterCancellationIsMarkedRetrieved(LoopHarness h) {
        Object[] keep = new Object[1];
        h.run(() -> {
            Future<String> inner = h.loop().createFuture();
            keep[0] = inner;
            Future<String> outer = shieldFuture(inner);
            // Both in one step: the inner's done callback sees an outer already cancelled.
            inner.setException(new IllegalStateException("raced"));
            outer.cancel();
            sleep(Duration.ZERO);
            assertTrue(outer.isCancelled());
        });
        assertEquals(List.of(), GatherTest.closeAndTakeReports(h));
        Reference.reachabilityFence(keep);
    }

    @LoopTest
    void innerFailureLongAfterTheOuterWasCancelledIsReportedOnce(LoopHarness h) {
        // As CPython's test_shield_cancel_outer_exception and test_shield_duplicate_log_once:
        // once the outer is cancelled nobody listens to the inner, so its failure is reported.
        Object[] keep = new Object[1];
        h.run(() -> {
            Future<String> inner = h.loop().createFuture();
            keep[0] = inner;
            shieldFuture(inner).cancel();
            sleep(Duration.ZERO);
            shieldFuture(inner).cancel();
            sleep(Duration.ZERO);
            inner.setException(new IllegalStateException("late"));
            sleep(Duration.ZERO);
        });
        List<ExceptionContext> reports = GatherTest.closeAndTakeReports(h);
        assertEquals(1, reports.size());
        assertEquals("late", reports.get(0).exception().getMessage());
        Reference.reachabilityFence(keep);
    }

    private static <T> T napThen(long millis, T value) {
        sleep(ms(millis));
        return value;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
