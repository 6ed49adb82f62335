package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Workload {@code sleeps} on jasyncio: N tasks sleep concurrently, task i for the i-th seeded
 * delay uniform in [0, span) ({@link Delays}); the main task gathers them. Reports
 * {@code overshoot_ms}: how long after the longest delay the last task was done, counted from
 * before the first task was created (so spawn cost and timer lateness both count). Peers:
 * bench/python/sleeps.py, {@link VirtualThreadSleeps}.
 */
public final class Sleeps {
    private Sleeps() {
    }

    /** Usage: Sleeps [N] [SPAN_MS]; prints one result line with {@code overshoot_ms} and {@code seconds}. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 100_000);
        int spanMs = BenchReport.intArg(args, 1, 1000);
        long[] delays = Delays.uniformNanos(n, spanMs * 1_000_000L);
        long longest = Delays.max(delays);
        long took = run(() -> {
            long start = System.nanoTime();
            List<Future<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Duration delay = Duration.ofNanos(delays[i]);
                tasks.add(createTask(() -> sleep(delay)));
            }
            gather(tasks);
            return System.nanoTime() - start;
        });
        BenchReport.check(took >= longest, "finished before the longest delay");
        BenchReport.of("sleeps", "jasyncio", n)
                .put("overshoot_ms", (took - longest) / 1e6)
                .put("seconds", took / 1e9)
                .put("span_ms", spanMs)
                .print();
    }
}
