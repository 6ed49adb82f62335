package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;

/**
 * Two tasks that take turns N times in all, each turn a sleep(0). Peer: bench/python/switch.py.
 */
public final class Switch {
    private Switch() {
    }

    /** Usage: Switch [N]. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        double seconds = run(() -> {
            int[] turns = new int[2];
            long start = System.nanoTime();
            var a = createTask(() -> {
                for (int i = 0; i < n - n / 2; i++) {
                    sleep(Duration.ZERO);
                    turns[0]++;
                }
            });
            var b = createTask(() -> {
                for (int i = 0; i < n / 2; i++) {
                    sleep(Duration.ZERO);
                    turns[1]++;
                }
            });
            gather(a, b);
            long took = System.nanoTime() - start;
            BenchReport.check(turns[0] + turns[1] == n, "turns");
            return took / 1e9;
        });
        BenchReport.print("switch", n, seconds, null);
    }
}
