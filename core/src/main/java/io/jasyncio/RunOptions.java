package io.jasyncio;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How {@link Asyncio#run(Callable, RunOptions)} sets up and tears down its loop. Immutable;
 * each {@code with...} method returns a changed copy.
 *
 * @param loopFactory      makes the loop (default: the kind {@code -Djasyncio.loop} names, else selector;
 *                         see {@link LoopKind} for the kinds and what {@code auto} and {@code uring} need)
 * @param debug            debug mode (default: {@code -Djasyncio.debug})
 * @param shutdownTimeout  how long tasks still running when the main task ends get to finish
 *                         after they are cancelled; those still running then are reported and
 *                         abandoned (asyncio waits forever)
 * @param handleSigint     whether Ctrl-C cancels the main task (only when run on the main thread)
 */
public record RunOptions(Supplier<EventLoop> loopFactory, boolean debug, Duration shutdownTimeout, boolean handleSigint) {
    /** The defaults: loop from the system property, debug from the system property, 10 s, Ctrl-C handled. */
    public static RunOptions defaults() {
        return new RunOptions(new KindFactory(null), Boolean.getBoolean("jasyncio.debug"),
                Duration.ofSeconds(10), true);
    }

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code loopFactory} or {@code shutdownTimeout} is null
     * @throws IllegalArgumentException if {@code shutdownTimeout} is negative
     */
    public RunOptions {
        if (loopFactory == null || shutdownTimeout == null) {
            throw new NullPointerException("loopFactory and shutdownTimeout are required");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("negative shutdown timeout: " + shutdownTimeout);
        }
    }

    /**
     * A copy that makes loops of {@code kind}. With {@link LoopKind#AUTO} and {@link #debug()} on,
     * the run logs at INFO which loop it picked and why.
     *
     * <p>The run fails with {@link UnsupportedOperationException} (message: the reason) when the
     * kind cannot run here; {@link LoopKind#unavailableReason()} tells beforehand.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public RunOptions withLoop(LoopKind kind) {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        return new RunOptions(new KindFactory(kind), debug, shutdownTimeout, handleSigint);
    }

    /** A new loop from {@link #loopFactory()}; a kind is created knowing this run's debug flag. */
    EventLoop newLoop() {
        return loopFactory instanceof KindFactory k ? k.create(debug) : loopFactory.get();
    }

    /** Makes loops of a kind ({@code null}: the one {@code -Djasyncio.loop} names when called). */
    private record KindFactory(LoopKind kind) implements Supplier<EventLoop> {
        @Override
        public EventLoop get() {
            return create(Boolean.getBoolean("jasyncio.debug"));
        }

        EventLoop create(boolean debug) {
            LoopKind k = kind == null ? LoopKind.fromSystemProperty() : kind;
            return LoopSelection.create(k, LoopSelection.installed(), debug);
        }
    }

    /** A copy that makes loops with {@code factory}. */
    public RunOptions withLoopFactory(Supplier<EventLoop> factory) {
        return new RunOptions(factory, debug, shutdownTimeout, handleSigint);
    }

    /** A copy with debug mode on or off. */
    public RunOptions withDebug(boolean on) {
        return new RunOptions(loopFactory, on, shutdownTimeout, handleSigint);
    }

    /** A copy with another shutdown timeout. */
    public RunOptions withShutdownTimeout(Duration timeout) {
        return new RunOptions(loopFactory, debug, timeout, handleSigint);
    }

    /** A copy that does or does not handle Ctrl-C. */
    public RunOptions withSigintHandling(boolean on) {
        return new RunOptions(loopFactory, debug, shutdownTimeout, on);
    }
}
