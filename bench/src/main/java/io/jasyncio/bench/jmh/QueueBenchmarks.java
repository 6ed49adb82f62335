package io.jasyncio.bench.jmh;

import static io.jasyncio.Asyncio.createTask;

import io.jasyncio.queue.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Queues: hand-off between a producer and a consumer task through {@code Queue(maxsize=1)}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class QueueBenchmarks {
    /** The producer puts, the consumer gets; every put waits for the consumer. ns per item. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long handOff(LoopState state) {
        return state.loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>(1);
            var consumer = createTask(() -> {
                long sum = 0;
                for (int i = 0; i < LoopState.BATCH; i++) {
                    sum += q.get();
                }
                return sum;
            });
            for (int i = 0; i < LoopState.BATCH; i++) {
                q.put(i);
            }
            return consumer.await();
        });
    }

    /** putNowait then getNowait on an unbounded queue, no task switch: the data structure alone. */
    @Benchmark
    @OperationsPerInvocation(LoopState.BATCH)
    public long putGetNowait(LoopState state) {
        return state.loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            long sum = 0;
            for (int i = 0; i < LoopState.BATCH; i++) {
                q.putNowait(i);
                sum += q.getNowait();
            }
            return sum;
        });
    }
}
