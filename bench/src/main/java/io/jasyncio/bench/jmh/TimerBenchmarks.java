package io.jasyncio.bench.jmh;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.TimerHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** The timer queue: inserting timers that never fire and cancelling them. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TimerBenchmarks {
    private static final Runnable NOTHING = () -> { };

    /**
     * Insert a batch of timers at spread deadlines an hour away, then cancel them all (lazy
     * cancellation: the heap drops them when they dominate); ns per insert+cancel.
     */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public int insertThenCancel(LoopState state) {
        EventLoop loop = state.loop;
        return loop.runUntilComplete(() -> {
            TimerHandle[] timers = new TimerHandle[LoopState.BATCH];
            for (int i = 0; i < timers.length; i++) {
                timers[i] = loop.callLater(Duration.ofSeconds(3600).plusNanos(i * 7919L % 1_000_003L), NOTHING);
            }
            for (TimerHandle t : timers) {
                t.cancel();
            }
            return timers.length;
        });
    }
}
