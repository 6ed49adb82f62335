package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Runner}: the behaviours of CPython's {@code test_runners.py} {@code RunnerTests}
 * (several runs on one loop and one context, lazy loop, close, no use after close, no run
 * inside a running loop), plus the shutdown of tasks started while it runs (issue 8).
 */
class RunnerTest {
    /** Virtual time and no SIGINT handler: exact timings, and the test JVM's Ctrl-C left alone. */
    private static final RunOptions VIRTUAL = RunOptions.defaults().withLoop(LoopKind.VIRTUAL).withSigintHandling(false);
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void severalRunsShareOneLoop() {
        try (Runner runner = new Runner(VIRTUAL)) {
            EventLoop first = runner.run(() -> getRunningLoop());
            EventLoop second = runner.run(() -> getRunningLoop());
            assertSame(first, second);
            assertSame(first, runner.getLoop());
            assertFalse(first.isClosed());
        }
    }

    @Test
    void aContextVarSetInOneRunIsSeenByTheNext() {
        ContextVar<String> user = new ContextVar<>("user", "nobody");
        try (Runner runner = new Runner(VIRTUAL)) {
            runner.run(() -> {
                user.set("ada");
            });
            assertEquals("ada", runner.run(() -> user.get()));
        }
        assertEquals("nobody", user.get(), "the caller's own context is untouched");
    }

    @Test
    void aTaskLeftRunningByOneRunGoesOnInTheNext() {
        List<String> events = new ArrayList<>();
        try (Runner runner = new Runner(VIRTUAL)) {
            Task<?> background = runner.run(() -> createTask(() -> {
                sleep(Duration.ofMillis(5));
                events.add("background done");
            }));
            assertFalse(background.isDone());
            runner.run(() -> sleep(Duration.ofMillis(10)));
            assertEquals(List.of("background done"), events);
        }
    }

    @Test
    void closeCancelsWhatIsLeftAndClosesTheLoop() {
        List<String> events = new ArrayList<>();
        EventLoop loop;
        try (Runner runner = new Runner(VIRTUAL)) {
            loop = runner.getLoop();
            runner.run(() -> {
                createTask(() -> {
                    try {
                        sleep(LONG);
                    } finally {
                        events.add("cleanup");
                    }
                });
                sleep(Duration.ZERO);
            });
            assertTrue(events.isEmpty());
        }
        assertEquals(List.of("cleanup"), events);
        assertTrue(loop.isClosed());
    }

    @Test
    void theLoopIsMadeOnFirstUseOnly() {
        int[] made = {0};
        try (Runner runner = new Runner(VIRTUAL.withLoopFactory(() -> {
            made[0]++;
            return LoopKind.VIRTUAL.create();
        }))) {
            assertEquals(0, made[0]);
            runner.getLoop();
            runner.run(() -> 1);
            assertEquals(1, made[0]);
        }
    }

    @Test
    void aClosedRunnerRefusesToRunAndCloseIsIdempotent() {
        Runner runner = new Runner(VIRTUAL);
        runner.run(() -> 1);
        runner.close();
        runner.close();
        assertEquals("Runner is closed", assertThrows(IllegalStateException.class, () -> runner.run(() -> 2)).getMessage());
        assertThrows(IllegalStateException.class, runner::getLoop);
    }

    @Test
    void runInsideARunningLoopIsRefused() {
        try (Runner outer = new Runner(VIRTUAL); Runner inner = new Runner(VIRTUAL)) {
            IllegalStateException e = outer.run(() -> assertThrows(IllegalStateException.class, () -> inner.run(() -> 1)));
            assertEquals("Runner.run() cannot be called from a running event loop", e.getMessage());
        }
    }

    @Test
    void aFailingRunLeavesTheRunnerUsable() {
        try (Runner runner = new Runner(VIRTUAL)) {
            assertThrows(IllegalArgumentException.class, () -> runner.run(() -> {
                throw new IllegalArgumentException("first");
            }));
            assertEquals(2, runner.run(() -> 2));
        }
    }

    /**
     * A task an async generator's finally starts while the shutdown closes generators is
     * cancelled, not left pending (asyncio: "Task was destroyed but it is pending!").
     */
    @Test
    void aTaskStartedWhileGeneratorsAreClosedIsCancelledToo() {
        List<String> events = new ArrayList<>();
        List<Task<?>> late = new ArrayList<>();
        List<ExceptionContext> reports = new ArrayList<>();
        try (Runner runner = new Runner(VIRTUAL.withLoopFactory(() -> {
            EventLoop l = LoopKind.VIRTUAL.create();
            l.setExceptionHandler((loop, context) -> reports.add(context));
            return l;
        }))) {
            runner.run(() -> {
                AsyncGenerator<Integer> gen = AsyncGenerator.of(out -> {
                    try {
                        out.emit(1);
                        out.emit(2);
                    } finally {
                        late.add(createTask(() -> {
                            try {
                                sleep(LONG);
                            } finally {
                                events.add("late task cancelled");
                            }
                        }));
                    }
                });
                assertTrue(gen.hasNext());
            });
        }
        assertEquals(1, late.size());
        assertTrue(late.get(0).isCancelled());
        assertEquals(List.of("late task cancelled"), events);
        assertEquals(List.of(), reports);
    }
}
