package io.jasyncio.bench.jmh;

import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Task;
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

/** The coroutine engine: creating and finishing a task, and one suspend/resume through the loop. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TaskBenchmarks {
    /** Spawn one trivial task (returns at once) and await it; ns per task. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long spawnAndAwait(LoopState state) {
        return state.loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < LoopState.BATCH; i++) {
                int v = i;
                Task<Integer> t = createTask(() -> v);
                sum += t.await();
            }
            return sum;
        });
    }

    /** Spawn a batch of tasks that each yield once, then await them all; ns per task. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long spawnYieldingBatch(LoopState state) {
        return state.loop.runUntilComplete(() -> {
            @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array can only be created raw
            Task<Integer>[] tasks = new Task[LoopState.BATCH];
            for (int i = 0; i < tasks.length; i++) {
                int v = i;
                tasks[i] = createTask(() -> {
                    sleep(Duration.ZERO);
                    return v;
                });
            }
            long sum = 0;
            for (Task<Integer> t : tasks) {
                sum += t.await();
            }
            return sum;
        });
    }

    /** One task yields to the loop and is resumed ({@code sleep(0)}); ns per switch. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public int switchToLoopAndBack(LoopState state) {
        return state.loop.runUntilComplete(() -> {
            int n = 0;
            for (int i = 0; i < LoopState.BATCH; i++) {
                sleep(Duration.ZERO);
                n++;
            }
            return n;
        });
    }
}
