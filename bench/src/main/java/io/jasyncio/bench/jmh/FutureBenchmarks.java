package io.jasyncio.bench.jmh;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Futures: completing one that a task waits on, and one with a done callback. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FutureBenchmarks {
    /** A task awaits a future that a callback completes: suspend, setResult, wake-up, resume. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long completeWhileAwaited(LoopState state) {
        EventLoop loop = state.loop;
        return loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < LoopState.BATCH; i++) {
                Future<Integer> f = loop.createFuture();
                int v = i;
                loop.callSoon(() -> f.setResult(v));
                sum += f.await();
            }
            return sum;
        });
    }

    /** Create a future, add a done callback, complete it; the callbacks run on the loop. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long completeWithCallback(LoopState state) {
        EventLoop loop = state.loop;
        long[] seen = {0};
        loop.runUntilComplete(() -> {
            for (int i = 0; i < LoopState.BATCH; i++) {
                Future<Integer> f = loop.createFuture();
                f.addDoneCallback(done -> seen[0] += done.result());
                f.setResult(i);
            }
            io.jasyncio.Asyncio.sleep(java.time.Duration.ZERO);  // let the scheduled callbacks run
            return null;
        });
        return seen[0];
    }
}
