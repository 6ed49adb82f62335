package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "Exception was never retrieved": a failed {@link Future} or {@link Task} whose exception
 * nobody retrieved is reported to the loop's exception handler when the loop closes or the
 * future is garbage-collected; retrieving it any way disarms the report. Ports the
 * {@code test_tb_logger_*} behaviours of CPython's {@code test_futures.py}.
 *
 * <p>Each test runs its own loop of the harness's kind with a collecting handler, because the
 * harness closes its loop after the test and fails on any report it finds then.
 */
class UnretrievedExceptionTest {

    /** Bound on waiting for the garbage collector, the only place this suite relies on it. */
    private static final Duration GC_PATIENCE = Duration.ofSeconds(5);

    private final List<ExceptionContext> reports = new CopyOnWriteArrayList<>();

    private EventLoop newLoop(LoopHarness h) {
        EventLoop loop = h.kind().create();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        return loop;
    }

    /** Runs {@code loop} one iteration at a time, without retrieving anything, until {@code f} is done. */
    private static void runUntilDone(EventLoop loop, Future<?> f) {
        for (int i = 0; i < 100 && !f.isDone(); i++) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        assertTrue(f.isDone());
    }

    // ---- reported at close ----

    @LoopTest
    void failedFutureNeverRetrievedIsReportedAtClose(LoopHarness h) {
        EventLoop loop = newLoop(h);
        IllegalStateException boom = new IllegalStateException("boom");
        Future<String> f = loop.createFuture();
        f.setException(boom);
        assertEquals(List.of(), reports, "nothing is reported while the future may still be read");
        loop.close();
        assertEquals(1, reports.size());
        ExceptionContext c = reports.get(0);
        assertTrue(c.message().contains("Future exception was never retrieved"), c.message());
        assertSame(boom, c.exception());
        assertNotNull(c.source());
    }

    @LoopTest
    void failedTaskNeverRetrievedIsReportedAtClose(LoopHarness h) {
        EventLoop loop = newLoop(h);
        IllegalStateException boom = new IllegalStateException("boom");
        Task<String> t = loop.createTask(() -> {
            throw boom;
        }, "doomed");
        runUntilDone(loop, t);
        loop.close();
        assertEquals(1, reports.size());
        ExceptionContext c = reports.get(0);
        assertTrue(c.message().contains("Task exception was never retrieved"), c.message());
        assertTrue(c.message().contains("doomed"), c.message());
        assertSame(boom, c.exception());
    }

    @LoopTest
    void reportIsMadeOnceOnly(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("once"));
        loop.close();
        loop.close();
        assertEquals(1, reports.size());
        // Reading it after the report must not report or fail again.
        assertNotNull(f.exception());
        assertEquals(1, reports.size());
    }

    @LoopTest
    void debugModeReportCarriesTheCreationSite(LoopHarness h) {
        EventLoop loop = newLoop(h);
        loop.setDebug(true);
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("where"));
        loop.close();
        assertEquals(1, reports.size());
        Throwable site = reports.get(0).creationSite();
        assertNotNull(site);
        assertTrue(Arrays.stream(site.getStackTrace())
                .anyMatch(e -> e.getMethodName().equals("debugModeReportCarriesTheCreationSite")));
    }

    // ---- not reported ----

    @LoopTest
    void futureWithAResultIsNotReported(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        f.setResult("never read");
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void retrievingThroughResultPreventsTheReport(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("read"));
        assertThrows(IllegalStateException.class, f::result);
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void retrievingThroughExceptionPreventsTheReport(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("read"));
        assertNotNull(f.exception());
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void retrievingThroughAwaitPreventsTheReport(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        Task<String> failing = loop.createTask(() -> {
            throw new IllegalStateException("task failed");
        });
        String r = loop.runUntilComplete(() -> {
            Task<String> setter = createTask(() -> {
                f.setException(new IllegalStateException("future failed"));
                return "set";
            });
            String a = assertThrows(IllegalStateException.class, f::await).getMessage();
            String b = assertThrows(IllegalStateException.class, failing::await).getMessage();
            return a + ", " + b + ", " + setter.await();
        });
        assertEquals("future failed, task failed, set", r);
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void retrievingInADoneCallbackPreventsTheReport(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        StringBuilder seen = new StringBuilder();
        f.addDoneCallback(x -> seen.append(x.exception().getMessage()));
        f.setException(new IllegalStateException("in callback"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals("in callback", seen.toString());
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void cancelledTaskAndFutureAreNotReported(LoopHarness h) {
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        f.cancel("c");
        Task<String> t = loop.createTask(() -> {
            sleep(Duration.ofSeconds(10));
            return "x";
        });
        runUntilDone(loop, loop.createTask(() -> "let t start"));
        t.cancel();
        runUntilDone(loop, t);
        assertTrue(t.isCancelled());
        loop.close();
        assertEquals(List.of(), reports);
    }

    @LoopTest
    void failedFutureWhoseWaiterWasCancelledIsNotReported(LoopHarness h) {
        // asyncio's Task.__wakeup reads the awaited future's outcome before the pending cancel wins.
        EventLoop loop = newLoop(h);
        Future<String> f = loop.createFuture();
        Task<String> t = loop.createTask(() -> f.await());
        runUntilDone(loop, loop.createTask(() -> "let t start"));
        f.setException(new IllegalStateException("superseded"));
        t.cancel();
        runUntilDone(loop, t);
        assertTrue(t.isCancelled());
        loop.close();
        assertEquals(List.of(), reports);
    }

    // ---- reported when collected ----

    /** Fails a future that nothing references once this method returns. */
    private static void failAndDrop(EventLoop loop, Throwable error) {
        loop.<String>createFuture().setException(error);
    }

    @LoopTest
    void collectedFutureIsReportedWithoutWaitingForClose(LoopHarness h) {
        EventLoop loop = newLoop(h);
        IllegalStateException boom = new IllegalStateException("collected");
        failAndDrop(loop, boom);
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        while (reports.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            // The report comes through callSoonThreadsafe: let the loop run it.
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        assertEquals(1, reports.size(), "no report within " + GC_PATIENCE + " of garbage collection");
        assertTrue(reports.get(0).message().contains("never retrieved"), reports.get(0).message());
        assertSame(boom, reports.get(0).exception());
        loop.close();
        assertEquals(1, reports.size(), "a report made on collection is not repeated at close");
    }

    @LoopTest
    void collectedFutureIsReportedEvenIfTheLoopClosesBeforeRunningTheReport(LoopHarness h) {
        EventLoop loop = newLoop(h);
        failAndDrop(loop, new IllegalStateException("collected while idle"));
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        while (loop.statistics().readyCallbacks() == 0 && reports.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
        }
        assertTrue(loop.statistics().readyCallbacks() > 0 || !reports.isEmpty(), "the future was not collected within " + GC_PATIENCE);
        loop.close();
        assertEquals(1, reports.size(), "the report queued by the collector must survive close()");
    }
}
