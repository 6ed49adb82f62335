package io.jasyncio.bench;

import java.time.Duration;

/**
 * Workloads {@code sleeps} and {@code sleeps-warm} on virtual threads: a root virtual thread
 * starts N virtual threads, thread i doing {@code Thread.sleep} for the i-th seeded delay
 * ({@link Delays}), and joins them. Reports {@code overshoot_ms} as {@link Sleeps} does; with
 * {@code --warm} the same JVM runs it twice and reports the second, as {@link Sleeps} does. The
 * peer of {@link Sleeps}.
 */
public final class VirtualThreadSleeps {
    private VirtualThreadSleeps() {
    }

    /**
     * Usage: VirtualThreadSleeps [N] [SPAN_MS] [--warm]; prints one result line with
     * {@code overshoot_ms} and {@code seconds}.
     */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 100_000);
        int spanMs = BenchReport.intArg(args, 1, 1000);
        boolean warm = BenchReport.flag(args, "--warm");
        long[] delays = Delays.uniformNanos(n, spanMs * 1_000_000L);
        long longest = Delays.max(delays);
        long cold = overshoot(delays, longest);
        long took = warm ? overshoot(delays, longest) : cold;
        BenchReport report = BenchReport.of(warm ? "sleeps-warm" : "sleeps", "virtual-threads", n)
                .put("overshoot_ms", (took - longest) / 1e6)
                .put("seconds", took / 1e9)
                .put("span_ms", spanMs);
        if (warm) {
            report.put("cold_overshoot_ms", (cold - longest) / 1e6);
        }
        report.print();
    }

    /** Runs the N sleeps from a root virtual thread; returns the nanoseconds from the first start to the last join. */
    private static long overshoot(long[] delays, long longest) throws InterruptedException {
        long[] took = new long[1];
        Thread root = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            Thread[] threads = new Thread[delays.length];
            for (int i = 0; i < delays.length; i++) {
                Duration delay = Duration.ofNanos(delays[i]);
                threads[i] = Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            took[0] = System.nanoTime() - start;
        });
        root.join();
        BenchReport.check(took[0] >= longest, "finished before the longest delay");
        return took[0];
    }
}
