package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.queue.Queue;

/**
 * Workload {@code pingpong} on jasyncio: two tasks hand a token back and forth N times through
 * two {@code Queue(maxsize=1)}s. Peers: bench/python/pingpong.py, {@link VirtualThreadPingPong}.
 */
public final class PingPong {
    private PingPong() {
    }

    /** Usage: PingPong [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        long[] sum = {0};
        double seconds = run(() -> {
            long start = System.nanoTime();
            Queue<Integer> ping = new Queue<>(1);
            Queue<Integer> pong = new Queue<>(1);
            var server = createTask(() -> {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.get() + 1);
                }
            });
            var client = createTask(() -> {
                for (int i = 0; i < n; i++) {
                    ping.put(i);
                    sum[0] += pong.get();
                }
            });
            gather(server, client);
            return (System.nanoTime() - start) / 1e9;
        });
        BenchReport.check(sum[0] == (long) n * (n - 1) / 2 + n, "round trips");
        BenchReport.of("pingpong", "jasyncio", n).put("seconds", seconds).print();
    }
}
