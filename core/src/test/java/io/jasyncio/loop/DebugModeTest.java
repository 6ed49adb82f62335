package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.VirtualTimeEventLoop;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Debug mode of {@link EventLoop}: the switch and its system property, the slow-step threshold,
 * the watchdog that reports a step holding the loop (while stuck, with the stack, and after),
 * the thread check on loop-confined calls, and the creation sites of futures and tasks.
 */
class DebugModeTest {
    /** Far above the threshold below, so the watchdog has many polls to catch the step while stuck. */
    private static final Duration BLOCK = Duration.ofMillis(300);
    private static final Duration THRESHOLD = Duration.ofMillis(50);

    /** The method the watchdog's stack traces must name. */
    static void blockTheLoopFor(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }

    /** Holds the loop without sleeping, so its frame is on the stack the whole time. */
    static void spinFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** Runs {@code action} in a platform thread and returns what it threw, or null. */
    private static Throwable thrownFromAnotherThread(Runnable action) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return thrown.get();
    }

    @LoopTest
    void setDebugTurnsDebugModeOnAndOff(LoopHarness h) {
        EventLoop loop = h.loop();
        assertFalse(loop.getDebug());
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        assertTrue(loop.toString().contains("debug=true"), loop.toString());
        loop.setDebug(false);
        assertFalse(loop.getDebug());
    }

    @Test
    void debugSystemPropertyIsReadWhenALoopIsCreated() {
        String saved = System.getProperty("jasyncio.debug");
        try {
            System.clearProperty("jasyncio.debug");
            try (EventLoop loop = new SelectorEventLoop()) {
                assertFalse(loop.getDebug());
            }
            System.setProperty("jasyncio.debug", "true");
            try (EventLoop loop = new VirtualTimeEventLoop()) {
                assertTrue(loop.getDebug());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("jasyncio.debug");
            } else {
                System.setProperty("jasyncio.debug", saved);
            }
        }
    }

    @LoopTest
    void slowCallbackDurationDefaultsTo100MillisAndMustBePositive(LoopHarness h) {
        EventLoop loop = h.loop();
        assertEquals(Duration.ofMillis(100), loop.getSlowCallbackDuration());
        loop.setSlowCallbackDuration(THRESHOLD);
        assertEquals(THRESHOLD, loop.getSlowCallbackDuration());
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(Duration.ofMillis(-1)));
        assertEquals(THRESHOLD, loop.getSlowCallbackDuration(), "a rejected value changes nothing");
    }

    @LoopTest
    void watchdogReportsABlockingStepWhileStuckAndAfterItEnds(LoopHarness h) {
        EventLoop loop = h.loop();
        // The JVM's first continuation run initialises VirtualThread, which can take longer than
        // the threshold and would be the place reported; get it done before the watchdog starts.
        h.run(() -> null);
        loop.setDebug(true);
        loop.setSlowCallbackDuration(THRESHOLD);
        try (LogCapture log = LogCapture.start()) {
            h.run(() -> blockTheLoopFor(BLOCK));
            List<String> messages = log.messages();
            assertTrue(messages.stream().anyMatch(m -> m.contains("is still running") && m.contains("blockTheLoopFor")),
                    () -> "no report while stuck naming the blocking method: " + messages);
            assertTrue(messages.stream().anyMatch(m -> m.contains("took") && m.contains("blockTheLoopFor")),
                    () -> "no report after the step naming the blocking method: " + messages);
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void watchdogReportsWhereAStepSpentMostOfItsTime(LoopHarness h) {
        EventLoop loop = h.loop();
        h.run(() -> null);
        loop.setDebug(true);
        loop.setSlowCallbackDuration(THRESHOLD);
        try (LogCapture log = LogCapture.start()) {
            h.run(() -> {
                spinFor(THRESHOLD.multipliedBy(3));
                blockTheLoopFor(THRESHOLD.multipliedBy(8));
            });
            List<String> messages = log.messages();
            assertTrue(messages.stream().anyMatch(m -> m.contains("took") && m.contains("blockTheLoopFor")),
                    () -> "the final report does not name where most of the time went: " + messages);
        }
    }

    @LoopTest
    void watchdogIsOffOutsideDebugMode(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setSlowCallbackDuration(Duration.ofNanos(1));
        try (LogCapture log = LogCapture.start()) {
            loop.callSoon(() -> {
                try {
                    blockTheLoopFor(Duration.ofMillis(5));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            EventLoopCallbackTest.runOneIteration(loop);
            assertEquals(List.of(), log.messages());
        }
    }

    @LoopTest
    void watchdogThreadEndsWhenTheLoopStops(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setDebug(true);
        String prefix = "jasyncio-watchdog-" + Thread.currentThread().getName();
        boolean[] aliveInside = new boolean[1];
        loop.callSoon(() -> aliveInside[0] = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(prefix)));
        EventLoopCallbackTest.runOneIteration(loop);
        assertTrue(aliveInside[0], "debug mode runs a watchdog thread while the loop runs");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(prefix)),
                "the watchdog was joined when the loop stopped");
    }

    @LoopTest
    void debugModeRejectsLoopConfinedCallsFromAnotherThreadWhileRunning(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setDebug(true);
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> {
            errors.add(thrownFromAnotherThread(() -> loop.callSoon(() -> { })));
            errors.add(thrownFromAnotherThread(() -> loop.callLater(Duration.ofMillis(1), () -> { })));
            errors.add(thrownFromAnotherThread(() -> loop.callAt(0, () -> { })));
        });
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(3, errors.size());
        for (Throwable e : errors) {
            assertInstanceOf(IllegalStateException.class, e);
            assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
        }
    }

    @LoopTest
    void debugModeStillAllowsCallSoonThreadsafeFromAnotherThread(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setDebug(true);
        List<String> out = new ArrayList<>();
        Throwable[] thrown = {new AssertionError("not run")};
        loop.callSoon(() -> thrown[0] = thrownFromAnotherThread(() -> loop.callSoonThreadsafe(() -> out.add("posted"))));
        EventLoopCallbackTest.runOneIteration(loop);
        assertNull(thrown[0]);
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("posted"), out);
    }

    @LoopTest
    void unretrievedFutureExceptionCarriesItsCreationSiteInDebugMode(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setDebug(true);
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("nobody looked"));
        loop.close();
        Reference.reachabilityFence(f);
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        Throwable site = reports.get(0).creationSite();
        assertNotNull(site);
        assertTrue(Arrays.stream(site.getStackTrace())
                        .anyMatch(e -> e.getMethodName().equals("unretrievedFutureExceptionCarriesItsCreationSiteInDebugMode")),
                () -> Arrays.toString(site.getStackTrace()));
    }

    @LoopTest
    void unretrievedTaskExceptionCarriesItsCreationSiteInDebugMode(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.setDebug(true);
        Task<String> t = loop.createTask(() -> {
            throw new IllegalStateException("task failed");
        });
        EventLoopCallbackTest.runOneIteration(loop);
        assertTrue(t.isDone());
        loop.close();
        Reference.reachabilityFence(t);
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).message().contains("Task exception was never retrieved"), reports.get(0).message());
        assertNotNull(reports.get(0).creationSite());
    }

    @LoopTest
    void noCreationSiteOutsideDebugMode(LoopHarness h) {
        EventLoop loop = h.loop();
        Future<String> f = loop.createFuture();
        f.setException(new IllegalStateException("nobody looked"));
        loop.close();
        Reference.reachabilityFence(f);
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertNull(reports.get(0).creationSite());
    }
}
