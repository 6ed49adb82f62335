package io.jasyncio.testing;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.LoopKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One test's event loop, handed to a {@link LoopTest} method: runs coroutines on it and
 * collects what reaches its exception handler.
 *
 * <p>Reports the test expects must be taken with {@link #takeUnhandled()}; any left when the
 * test ends fail it.
 */
public final class LoopHarness {
    private final LoopKind kind;
    private final EventLoop loop;
    private final List<ExceptionContext> unhandled = new ArrayList<>();
    private final Long seed;

    LoopHarness(LoopKind kind, Long seed) {
        this.kind = kind;
        this.seed = seed;
        this.loop = kind.create();
        if (seed != null) {
            loop.setScheduleSeed(seed);
        }
        loop.setExceptionHandler((l, context) -> unhandled.add(context));
    }

    /** The loop kind this run of the test uses. */
    public LoopKind kind() {
        return kind;
    }

    /** The schedule seed of this run, or null for asyncio's plain order. */
    public Long seed() {
        return seed;
    }

    /** The test's loop. */
    public EventLoop loop() {
        return loop;
    }

    /** Whether this loop runs on virtual time, where timings are exact. */
    public boolean isVirtualTime() {
        return kind == LoopKind.VIRTUAL;
    }

    /**
     * Runs {@code main} as a task until it is done and returns its result
     * ({@link EventLoop#runUntilComplete(Callable)}).
     */
    public <T> T run(Callable<T> main) {
        return loop.runUntilComplete(main);
    }

    /** {@link #run(Callable)} for a coroutine with no result. */
    public void run(AsyncRunnable main) {
        loop.runUntilComplete(() -> {
            main.run();
            return null;
        });
    }

    /** Runs the loop until nothing is ready (timers and I/O may remain), at most {@code max} iterations. */
    public void drain(int max) {
        for (int i = 0; i < max && LeakCheck.readyCount(loop) > 0; i++) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
    }

    /** The reports that reached the exception handler so far, removed from the harness. */
    public List<ExceptionContext> takeUnhandled() {
        List<ExceptionContext> taken = List.copyOf(unhandled);
        unhandled.clear();
        return taken;
    }

    List<ExceptionContext> unhandled() {
        return unhandled;
    }
}
