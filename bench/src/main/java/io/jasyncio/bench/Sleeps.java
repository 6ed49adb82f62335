package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Workloads {@code sleeps} and {@code sleeps-warm} on jasyncio: N tasks sleep concurrently, task
 * i for the i-th seeded delay uniform in [0, span) ({@link Delays}); the main task gathers them.
 * Reports {@code overshoot_ms}: how long after the longest delay the last task was done, counted
 * from before the first task was created (so spawn cost and timer lateness both count). Peers:
 * bench/python/sleeps.py, {@link VirtualThreadSleeps}.
 *
 * <p>With {@code --warm} the same JVM runs the workload twice, each time in a fresh
 * {@code run()}, and reports the second run ({@code sleeps-warm}); the first run's overshoot is
 * {@code cold_overshoot_ms}. That separates JIT warm-up from the runtime's own lateness.
 */
public final class Sleeps {
    private Sleeps() {
    }

    /**
     * Usage: Sleeps [N] [SPAN_MS] [--warm]; prints one result line with {@code overshoot_ms} and
     * {@code seconds}.
     */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 100_000);
        int spanMs = BenchReport.intArg(args, 1, 1000);
        boolean warm = BenchReport.flag(args, "--warm");
        long[] delays = Delays.uniformNanos(n, spanMs * 1_000_000L);
        long longest = Delays.max(delays);
        long cold = overshoot(delays, longest);
        long took = warm ? overshoot(delays, longest) : cold;
        BenchReport report = BenchReport.of(warm ? "sleeps-warm" : "sleeps", "jasyncio", n)
                .put("overshoot_ms", (took - longest) / 1e6)
                .put("seconds", took / 1e9)
                .put("span_ms", spanMs);
        if (warm) {
            report.put("cold_overshoot_ms", (cold - longest) / 1e6);
        }
        report.print();
    }

    /** Runs the N sleeps on a fresh loop; returns the nanoseconds from the first spawn to the last wake-up. */
    private static long overshoot(long[] delays, long longest) {
        long took = run(() -> {
            long start = System.nanoTime();
            List<Future<Void>> tasks = new ArrayList<>(delays.length);
            for (long d : delays) {
                Duration delay = Duration.ofNanos(d);
                tasks.add(createTask(() -> sleep(delay)));
            }
            gather(tasks);
            return System.nanoTime() - start;
        });
        BenchReport.check(took >= longest, "finished before the longest delay");
        return took;
    }
}
