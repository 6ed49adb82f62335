package io.jasyncio.bench.jmh;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One selector event loop per benchmark thread, kept across invocations so that a measurement
 * is the operation, not the loop's creation. Each invocation runs a batch of
 * {@link #BATCH} operations inside {@code runUntilComplete}.
 */
@State(Scope.Thread)
public class LoopState {
    /** Operations per invocation: enough that entering and leaving the loop is amortised. */
    public static final int BATCH = 1_000;

    /** The loop; runs only while a benchmark method is inside {@code runUntilComplete}. */
    public EventLoop loop;

    /** Creates the loop before the trial. */
    @Setup
    public void open() {
        loop = new SelectorEventLoop();
    }

    /** Closes the loop after the trial. */
    @TearDown
    public void close() {
        loop.close();
    }
}
