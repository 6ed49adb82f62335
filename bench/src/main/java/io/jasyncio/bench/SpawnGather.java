package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Workloads {@code spawn}, {@code spawn-plain} and {@code spawn-steady} on jasyncio: the main
 * task creates N trivial tasks that return their index, and gathers them. Times create+gather
 * inside the running loop. Peers: bench/python/spawn_gather.py, {@link VirtualThreadSpawn}.
 *
 * <ul>
 *   <li>{@code spawn}: each task yields once ({@code sleep(0)}) before returning, so N tasks are
 *       suspended at once and each is resumed once.
 *   <li>{@code spawn-plain} ({@code --plain}): no yield; each task runs to its end in its first
 *       step.
 *   <li>{@code spawn-steady} ({@code --steady}): the yielding tasks, timed only after a warm-up
 *       of {@link #WARMUP_TASKS} tasks run {@link #WARMUP_ROUNDS} times and a full GC, so that
 *       the per-task cost at different N compares the runtime at different sizes, not JIT
 *       warm-up at different sizes (the warm-up is N tasks when N is smaller).
 * </ul>
 */
public final class SpawnGather {
    /** Tasks per warm-up round of {@code --steady}, the same for virtual threads. */
    static final int WARMUP_TASKS = 100_000;
    /** Warm-up rounds of {@code --steady}. */
    static final int WARMUP_ROUNDS = 3;

    private SpawnGather() {
    }

    /**
     * Usage: SpawnGather [N] [--plain | --steady]; prints one result line with {@code seconds}
     * and {@code us_per_task}.
     */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        boolean plain = BenchReport.flag(args, "--plain");
        boolean steady = BenchReport.flag(args, "--steady");
        double seconds = run(() -> {
            if (steady) {
                for (int i = 0; i < WARMUP_ROUNDS; i++) {
                    spawnAndGather(Math.min(n, WARMUP_TASKS), true);
                }
                System.gc();
            }
            return spawnAndGather(n, !plain);
        });
        String workload = plain ? "spawn-plain" : steady ? "spawn-steady" : "spawn";
        BenchReport.of(workload, "jasyncio", n).put("seconds", seconds).put("us_per_task", seconds * 1e6 / n).print();
    }

    /** Creates and gathers {@code n} tasks inside the running loop; returns the seconds it took. */
    private static double spawnAndGather(int n, boolean yieldOnce) {
        long start = System.nanoTime();
        List<Future<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Integer> body = yieldOnce ? () -> {
                sleep(Duration.ZERO);
                return index;
            } : () -> index;
            tasks.add(createTask(body));
        }
        List<Integer> results = gather(tasks);
        long took = System.nanoTime() - start;
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        BenchReport.check(results.size() == n && sum == (long) n * (n - 1) / 2, "results of " + n + " tasks");
        return took / 1e9;
    }
}
