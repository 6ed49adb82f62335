package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#run} and {@link RunOptions}: the behaviours of CPython's {@code test_runners.py}
 * (result and exception of main, no nesting in a running loop, the leftover tasks cancelled and
 * awaited at the end, failures during shutdown reported, the loop closed). Plain tests, since
 * {@code run} makes its own loop; Ctrl-C is covered by {@link SigintTest}.
 */
class RunTest {
    /** Virtual time and no SIGINT handler: exact timings, and the test JVM's Ctrl-C left alone. */
    private static final RunOptions VIRTUAL = RunOptions.defaults().withLoop(LoopKind.VIRTUAL).withSigintHandling(false);
    private static final Duration LONG = Duration.ofHours(1);

    /** Makes virtual-time loops that collect what reaches their exception handler, and remembers the last. */
    private static final class RecordingLoops {
        final List<ExceptionContext> reports = new ArrayList<>();
        EventLoop loop;
        int made;

        RunOptions options(RunOptions base) {
            return base.withLoopFactory(() -> {
                made++;
                loop = LoopKind.VIRTUAL.create();
                loop.setExceptionHandler((l, context) -> reports.add(context));
                return loop;
            });
        }
    }

    @Test
    void runReturnsTheResultOfMain() {
        int r = Asyncio.run(() -> {
            sleep(Duration.ofMillis(1));
            return 42;
        });
        assertEquals(42, r);
    }

    @Test
    void runRethrowsAnUncheckedExceptionOfMainAsItIs() {
        IllegalArgumentException thrown = new IllegalArgumentException("boom");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.run(() -> {
            sleep(Duration.ZERO);
            throw thrown;
        }, VIRTUAL));
        assertSame(thrown, e);
    }

    @Test
    void runWrapsACheckedExceptionOfMainInCompletionException() {
        CompletionException e = assertThrows(CompletionException.class, () -> Asyncio.run(() -> {
            sleep(Duration.ZERO);
            throw new IOException("disk");
        }, VIRTUAL));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void mainCancelledWithoutCtrlCRaisesCancelledError() {
        Throwable e = assertThrows(CancelledError.class, () -> Asyncio.run(() -> {
            currentTask().cancel("stop");
            sleep(LONG);
            return 1;
        }, VIRTUAL));
        assertFalse(e instanceof KeyboardInterrupt);
        assertEquals("stop", e.getMessage());
    }

    @Test
    void runInsideARunningLoopThrowsWithoutMakingALoop() {
        RecordingLoops inner = new RecordingLoops();
        IllegalStateException e = Asyncio.run(
                () -> assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> 1, inner.options(VIRTUAL))), VIRTUAL);
        assertNotNull(e.getMessage());
        assertEquals(0, inner.made);
    }

    @Test
    void leftoverTasksAreCancelledAndTheirCleanupRuns() {
        RecordingLoops loops = new RecordingLoops();
        List<String> events = new ArrayList<>();
        List<Task<Void>> leftover = new ArrayList<>();
        int r = Asyncio.run(() -> {
            leftover.add(createTask(() -> {
                try {
                    sleep(LONG);
                } finally {
                    events.add("leftover finally");
                }
            }));
            sleep(Duration.ZERO);
            events.add("main returns");
            return 123;
        }, loops.options(VIRTUAL));
        assertEquals(123, r);
        assertEquals(List.of("main returns", "leftover finally"), events);
        assertTrue(leftover.get(0).isCancelled());
        assertEquals(List.of(), loops.reports, "a cancelled leftover is not a failure");
    }

    @Test
    void leftoverTaskFailingDuringShutdownIsReported() {
        RecordingLoops loops = new RecordingLoops();
        List<Task<Object>> leftover = new ArrayList<>();
        int r = Asyncio.run(() -> {
            leftover.add(createTask(() -> {
                try {
                    sleep(LONG);
                    return null;
                } catch (CancelledError e) {
                    throw new ArithmeticException("/ by zero");
                }
            }));
            sleep(Duration.ZERO);
            return 123;
        }, loops.options(VIRTUAL));
        assertEquals(123, r);
        assertTrue(leftover.get(0).isDone());
        assertEquals(1, loops.reports.size(), "reported once, not again as never retrieved: " + loops.reports);
        ExceptionContext c = loops.reports.get(0);
        assertTrue(c.message().contains("shutdown"), c.message());
        assertSame(leftover.get(0), c.source());
        assertInstanceOf(ArithmeticException.class, c.exception());
    }

    @Test
    void taskRefusingCancellationIsReportedAndAbandonedAfterTheShutdownTimeout() {
        RecordingLoops loops = new RecordingLoops();
        Duration shutdown = Duration.ofSeconds(5);
        long[] mainEnded = {0};
        List<Task<Object>> stubborn = new ArrayList<>();
        Asyncio.run(() -> {
            stubborn.add(createTask(() -> {
                while (true) {
                    try {
                        sleep(LONG);
                    } catch (CancelledError e) {
                        // Refuses: goes back to sleep.
                    }
                }
            }, "stubborn"));
            sleep(Duration.ZERO);
            mainEnded[0] = time();
        }, loops.options(VIRTUAL.withShutdownTimeout(shutdown)));
        assertFalse(stubborn.get(0).isDone());
        assertEquals(1, loops.reports.size(), loops.reports.toString());
        ExceptionContext c = loops.reports.get(0);
        assertTrue(c.message().contains("refused cancellation"), c.message());
        assertTrue(c.message().contains("stubborn"), c.message());
        assertSame(stubborn.get(0), c.source());
        assertEquals(shutdown.toNanos(), loops.loop.time() - mainEnded[0], "abandoned exactly after the shutdown timeout");
        assertTrue(loops.loop.isClosed());
    }

    @Test
    void taskStartedByALeftoverTasksCleanupIsCancelledToo() {
        RecordingLoops loops = new RecordingLoops();
        List<String> events = new ArrayList<>();
        List<Task<Void>> spawned = new ArrayList<>();
        Asyncio.run(() -> {
            createTask(() -> {
                try {
                    sleep(LONG);
                } finally {
                    // Cleanup that starts more work: shutdown must not leave it running unreported.
                    spawned.add(createTask(() -> {
                        try {
                            sleep(LONG);
                        } finally {
                            events.add("spawned finally");
                        }
                    }));
                }
            });
            sleep(Duration.ZERO);
        }, loops.options(VIRTUAL));
        assertEquals(List.of("spawned finally"), events);
        assertTrue(spawned.get(0).isCancelled());
        assertEquals(List.of(), loops.reports);
    }

    @Test
    void runWithoutResultRunsMainToTheEnd() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            sleep(Duration.ofMillis(1));
            events.add("ran");
        });
        assertEquals(List.of("ran"), events);
    }

    @Test
    void runWithoutResultUsesTheLoopOfTheOptions() {
        RecordingLoops loops = new RecordingLoops();
        List<EventLoop> seen = new ArrayList<>();
        Asyncio.run(() -> {
            seen.add(getRunningLoop());
            sleep(LONG);
        }, loops.options(VIRTUAL));
        assertEquals(1, loops.made);
        assertSame(loops.loop, seen.get(0));
    }

    @Test
    void virtualLoopOptionRunsAnHourLongMainOnVirtualTime() {
        long took = Asyncio.run(() -> {
            assertInstanceOf(VirtualTimeEventLoop.class, getRunningLoop());
            long start = time();
            sleep(LONG);
            return time() - start;
        }, VIRTUAL);
        assertEquals(LONG.toNanos(), took);
    }

    @Test
    void loopIsClosedAfterRun() {
        RecordingLoops loops = new RecordingLoops();
        Asyncio.run(() -> 1, loops.options(VIRTUAL));
        assertTrue(loops.loop.isClosed());
        assertFalse(loops.loop.isRunning());
    }

    @Test
    void loopIsClosedEvenWhenMainFails() {
        RecordingLoops loops = new RecordingLoops();
        assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            throw new IllegalStateException("main failed");
        }, loops.options(VIRTUAL)));
        assertTrue(loops.loop.isClosed());
    }

    @Test
    void debugOptionTurnsOnDebugMode() {
        assertTrue(Asyncio.run(() -> getRunningLoop().getDebug(), VIRTUAL.withDebug(true)));
    }

    @Test
    void defaultsHaveTenSecondShutdownCtrlCHandlingAndFreshLoops() {
        RunOptions d = RunOptions.defaults();
        assertEquals(Duration.ofSeconds(10), d.shutdownTimeout());
        assertTrue(d.handleSigint());
        assertEquals(Boolean.getBoolean("jasyncio.debug"), d.debug());
        EventLoop a = d.loopFactory().get();
        EventLoop b = d.loopFactory().get();
        try {
            assertNotSame(a, b);
            assertFalse(a.isClosed());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void optionsRejectMissingFields() {
        RunOptions d = RunOptions.defaults();
        assertThrows(NullPointerException.class, () -> new RunOptions(null, false, Duration.ofSeconds(1), false));
        assertThrows(NullPointerException.class, () -> new RunOptions(d.loopFactory(), false, null, false));
        assertThrows(NullPointerException.class, () -> d.withLoopFactory(null));
        assertThrows(NullPointerException.class, () -> d.withShutdownTimeout(null));
    }

    @Test
    void optionsRejectANegativeShutdownTimeoutButAcceptZero() {
        RunOptions d = RunOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withShutdownTimeout(Duration.ofMillis(-1)));
        assertEquals(Duration.ZERO, d.withShutdownTimeout(Duration.ZERO).shutdownTimeout());
    }

    @Test
    void withMethodsReturnChangedCopies() {
        RunOptions base = RunOptions.defaults().withDebug(false).withSigintHandling(true);

        RunOptions debug = base.withDebug(true);
        assertTrue(debug.debug());
        assertFalse(base.debug());
        assertSame(base.loopFactory(), debug.loopFactory());

        RunOptions noSigint = base.withSigintHandling(false);
        assertFalse(noSigint.handleSigint());
        assertTrue(base.handleSigint());

        RunOptions shutdown = base.withShutdownTimeout(Duration.ofMillis(250));
        assertEquals(Duration.ofMillis(250), shutdown.shutdownTimeout());
        assertEquals(Duration.ofSeconds(10), base.shutdownTimeout());

        RunOptions virtual = base.withLoop(LoopKind.VIRTUAL);
        EventLoop loop = virtual.loopFactory().get();
        try {
            assertInstanceOf(VirtualTimeEventLoop.class, loop);
        } finally {
            loop.close();
        }
        assertEquals(base.shutdownTimeout(), virtual.shutdownTimeout());
        assertEquals(base.debug(), virtual.debug());
        assertEquals(base.handleSigint(), virtual.handleSigint());

        EventLoop mine = LoopKind.VIRTUAL.create();
        try {
            assertSame(mine, base.withLoopFactory(() -> mine).loopFactory().get());
        } finally {
            mine.close();
        }
    }
}
