package io.jasyncio.bench;

import java.util.concurrent.SynchronousQueue;

/**
 * Workload {@code pingpong} on virtual threads: two virtual threads hand a token back and forth
 * N times through two {@link SynchronousQueue}s. Run with one carrier
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1},
 * as the harness does) to compare with one loop thread. The peer of {@link PingPong}.
 *
 * <p>The clock starts inside a root virtual thread, so the scheduler's start-up is not timed,
 * as jasyncio's clock starts inside the running loop; the root then starts both threads and
 * joins them, as jasyncio's main task creates both tasks and gathers them.
 */
public final class VirtualThreadPingPong {
    private VirtualThreadPingPong() {
    }

    /** Usage: VirtualThreadPingPong [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        long[] sum = {0};
        double[] seconds = new double[1];
        Thread root = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            SynchronousQueue<Integer> ping = new SynchronousQueue<>();
            SynchronousQueue<Integer> pong = new SynchronousQueue<>();
            Thread server = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        pong.put(ping.take() + 1);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread client = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        ping.put(i);
                        sum[0] += pong.take();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                client.join();
                server.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            seconds[0] = (System.nanoTime() - start) / 1e9;
        });
        root.join();
        BenchReport.check(sum[0] == (long) n * (n - 1) / 2 + n, "round trips");
        BenchReport.of("pingpong", "virtual-threads", n).put("seconds", seconds[0]).print();
    }
}
