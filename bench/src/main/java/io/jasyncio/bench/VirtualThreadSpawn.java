package io.jasyncio.bench;

/**
 * Workload {@code spawn} on virtual threads: a root virtual thread starts N virtual threads
 * (each yields once with {@link Thread#yield()}, then stores its index) and joins them all.
 * Times start+join inside the root thread. Run with one carrier, as the harness does, to compare
 * with one loop thread. The peer of {@link SpawnGather}.
 */
public final class VirtualThreadSpawn {
    private VirtualThreadSpawn() {
    }

    /** Usage: VirtualThreadSpawn [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        int[] results = new int[n];
        double[] seconds = new double[1];
        // The spawner is itself a virtual thread, as jasyncio's spawner is a task on the loop.
        Thread root = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            Thread[] threads = new Thread[n];
            for (int i = 0; i < n; i++) {
                int index = i;
                threads[i] = Thread.ofVirtual().start(() -> {
                    Thread.yield();
                    results[index] = index;
                });
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            seconds[0] = (System.nanoTime() - start) / 1e9;
        });
        root.join();
        long sum = 0;
        for (int r : results) {
            sum += r;
        }
        BenchReport.check(sum == (long) n * (n - 1) / 2, "results of " + n + " threads");
        BenchReport.of("spawn", "virtual-threads", n).put("seconds", seconds[0]).print();
    }
}
