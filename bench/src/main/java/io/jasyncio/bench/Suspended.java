package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import io.jasyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * N tasks suspended at once on one future (the core's stand-in for an Event until the sync
 * primitives land); reports the heap each suspended task holds, measured after full GCs.
 * Peer: bench/python/suspended_memory.py (tracemalloc bytes per task).
 */
public final class Suspended {
    private Suspended() {
    }

    /** Usage: Suspended [N]. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        double[] perTask = new double[1];
        double seconds = run(() -> {
            Future<Boolean> event = getRunningLoop().createFuture();
            List<Task<Integer>> tasks = new ArrayList<>(n);
            long before = BenchReport.usedHeapAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(createTask(() -> {
                    event.await();
                    return index;
                }));
            }
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            long after = BenchReport.usedHeapAfterGc();
            perTask[0] = (after - before) / (double) n;
            event.setResult(true);
            List<Integer> results = gather(tasks);
            BenchReport.check(results.size() == n, "results");
            return (System.nanoTime() - start) / 1e9;
        });
        BenchReport.print("suspended", n, seconds, perTask[0]);
    }
}
