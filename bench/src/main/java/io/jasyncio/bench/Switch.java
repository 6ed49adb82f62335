package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;

/**
 * Workload {@code switch} on jasyncio: two tasks take turns N times in all, each turn a
 * {@code sleep(0)}. Peers: bench/python/switch.py, {@link VirtualThreadSwitch}.
 */
public final class Switch {
    private Switch() {
    }

    /** Usage: Switch [N]; prints one result line with {@code seconds}. */
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
        BenchReport.of("switch", "jasyncio", n).put("seconds", seconds).print();
    }
}
