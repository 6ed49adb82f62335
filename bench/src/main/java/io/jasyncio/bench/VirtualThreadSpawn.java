package io.jasyncio.bench;

/**
 * Workloads {@code spawn}, {@code spawn-plain} and {@code spawn-steady} on virtual threads: a
 * root virtual thread starts N virtual threads that each store their index, and joins them all.
 * Times start+join inside the root thread (so the scheduler is up before the clock starts, as
 * jasyncio's loop is). Run with one carrier, as the harness does, to compare with one loop
 * thread. The peer of {@link SpawnGather}, with the same modes:
 *
 * <ul>
 *   <li>{@code spawn}: each thread calls {@link Thread#yield()} once first. With one carrier the
 *       yield puts the thread at the back of a run queue up to N deep, as {@code sleep(0)} puts a
 *       task at the back of the loop's ready queue.
 *   <li>{@code spawn-plain} ({@code --plain}): no yield.
 *   <li>{@code spawn-steady} ({@code --steady}): the yielding threads, timed after the same
 *       warm-up as jasyncio's ({@link SpawnGather#WARMUP_TASKS} threads, {@link
 *       SpawnGather#WARMUP_ROUNDS} times, then a full GC).
 * </ul>
 */
public final class VirtualThreadSpawn {
    private VirtualThreadSpawn() {
    }

    /**
     * Usage: VirtualThreadSpawn [N] [--plain | --steady]; prints one result line with
     * {@code seconds} and {@code us_per_task}.
     */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        boolean plain = BenchReport.flag(args, "--plain");
        boolean steady = BenchReport.flag(args, "--steady");
        double[] seconds = new double[1];
        // The spawner is itself a virtual thread, as jasyncio's spawner is a task on the loop.
        Thread root = Thread.ofVirtual().start(() -> {
            if (steady) {
                for (int i = 0; i < SpawnGather.WARMUP_ROUNDS; i++) {
                    startAndJoin(Math.min(n, SpawnGather.WARMUP_TASKS), true);
                }
                System.gc();
            }
            seconds[0] = startAndJoin(n, !plain);
        });
        root.join();
        String workload = plain ? "spawn-plain" : steady ? "spawn-steady" : "spawn";
        BenchReport.of(workload, "virtual-threads", n).put("seconds", seconds[0])
                .put("us_per_task", seconds[0] * 1e6 / n).print();
    }

    /** Starts and joins {@code n} virtual threads from a virtual thread; returns the seconds it took. */
    private static double startAndJoin(int n, boolean yieldOnce) {
        int[] results = new int[n];
        long start = System.nanoTime();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().start(yieldOnce ? () -> {
                Thread.yield();
                results[index] = index;
            } : () -> results[index] = index);
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        double took = (System.nanoTime() - start) / 1e9;
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        BenchReport.check(sum == (long) n * (n - 1) / 2, "results of " + n + " threads");
        return took;
    }
}
