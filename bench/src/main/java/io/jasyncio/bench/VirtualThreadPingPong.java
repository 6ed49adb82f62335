package io.jasyncio.bench;

import java.util.concurrent.SynchronousQueue;

/**
 * Workload {@code pingpong} on virtual threads: two virtual threads hand a token back and forth
 * N times through two {@link SynchronousQueue}s. Run with one carrier
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1},
 * as the harness does) to compare with one loop thread. The peer of {@link PingPong}.
 */
public final class VirtualThreadPingPong {
    private VirtualThreadPingPong() {
    }

    /** Usage: VirtualThreadPingPong [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        long[] sum = {0};
        long start = System.nanoTime();
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
        client.join();
        server.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchReport.check(sum[0] == (long) n * (n - 1) / 2 + n, "round trips");
        BenchReport.of("pingpong", "virtual-threads", n).put("seconds", seconds).print();
    }
}
