package io.jasyncio.testing;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.Body;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.Timeout;
import io.jasyncio.VoidBody;
import io.jasyncio.loop.ExceptionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * One test's event loop, handed to a {@link LoopTest} method: runs coroutines on it and
 * collects what reaches its exception handler.
 *
 * <p>Reports the test expects must be taken with {@link #takeUnhandled()}; any left when the
 * test ends fail it.
 *
 * <p>{@link #runBounded} runs the test's main task under a deadline, so that a lost wake-up
 * fails the test instead of hanging the build; {@link #eventually} waits inside a task for a
 * condition that no event announces.
 *
 * {@snippet :
 * @LoopTest
 * void getWaitsForPut(LoopHarness h) {
 *     h.runBounded(() -> {
 *         Queue<String> q = new Queue<>();
 *         Task<String> getter = createTask(q::get);
 *         q.putNowait("x");
 *         assertEquals("x", getter.await());
 *     });
 * }
 * }
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

    /**
     * The deadline {@link #runBounded} gives the main task on a loop with real time: far above
     * what a passing test takes on a loaded machine, and below JUnit's default limit of 60 s, so a
     * hang fails with the test's own message and stack.
     */
    public static final Duration REAL_TIME_BOUND = Duration.ofSeconds(40);

    /**
     * The deadline {@link #runBounded} gives the main task on virtual time: virtual time jumps to
     * it at once when every task waits forever, and it is longer than any timeout of the library
     * itself (a TLS handshake gives up after 60 s), so those fire first.
     */
    public static final Duration VIRTUAL_TIME_BOUND = Duration.ofHours(1);

    /** The deadline of {@link #runBounded} on this loop: {@link #VIRTUAL_TIME_BOUND} or {@link #REAL_TIME_BOUND}. */
    public Duration bound() {
        return isVirtualTime() ? VIRTUAL_TIME_BOUND : REAL_TIME_BOUND;
    }

    /**
     * Runs {@code body} as the test's main task, as {@link #run(Callable)}, under the deadline
     * {@link #bound()}. Passing tests never wait for it.
     *
     * @throws AssertionError if the deadline passed (a lost wake-up, a deadlock); its cause is the
     *         {@link AsyncTimeoutException} that cancelled the body
     */
    public <T, X extends Exception> T runBounded(Body<T, X> body) {
        Duration bound = bound();
        return run(() -> {
            Timeout deadline = Timeout.after(bound);
            try {
                return deadline.run(body);
            } catch (AsyncTimeoutException e) {
                if (deadline.expired()) {
                    throw overrun(bound, e);
                }
                throw e;
            }
        });
    }

    /** {@link #runBounded(Body)} for a body with no result. */
    public <X extends Exception> void runBounded(VoidBody<X> body) {
        runBounded(() -> {
            body.run();
            return null;
        });
    }

    private AssertionError overrun(Duration bound, AsyncTimeoutException e) {
        return new AssertionError("the test's main task did not finish within " + bound + " on the " + kind
                + " loop: a lost wake-up or a deadlock?", e);
    }

    /**
     * Suspends the calling task until {@code condition} holds, checking it now and then every
     * millisecond of loop time: for conditions no event announces (a transport's state, a
     * counter). Call it inside {@link #runBounded}, whose deadline ends a wait that never
     * succeeds; on virtual time the waiting costs no real time.
     *
     * @throws IllegalStateException if not called from a task
     * @throws io.jasyncio.CancelledError if the task is cancelled while waiting
     */
    public static void eventually(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Asyncio.sleep(POLL);
        }
    }

    private static final Duration POLL = Duration.ofMillis(1);

    List<ExceptionContext> unhandled() {
        return unhandled;
    }
}
