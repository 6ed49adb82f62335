package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Workload {@code spawn} on jasyncio: the main task creates N trivial tasks (each yields once
 * with {@code sleep(0)}, then returns its index) and gathers them. Times create+gather inside
 * the running loop. Peers: bench/python/spawn_gather.py, {@link VirtualThreadSpawn}.
 */
public final class SpawnGather {
    private SpawnGather() {
    }

    /** Usage: SpawnGather [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        double seconds = run(() -> {
            long start = System.nanoTime();
            List<Future<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(createTask(() -> {
                    sleep(Duration.ZERO);
                    return index;
                }));
            }
            List<Integer> results = gather(tasks);
            long took = System.nanoTime() - start;
            long sum = 0;
            for (int r : results) {
                sum += r;
            }
            BenchReport.check(results.size() == n && sum == (long) n * (n - 1) / 2, "results of " + n + " tasks");
            return took / 1e9;
        });
        BenchReport.of("spawn", "jasyncio", n).put("seconds", seconds).print();
    }
}
