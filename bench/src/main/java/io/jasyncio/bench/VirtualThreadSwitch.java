package io.jasyncio.bench;

/**
 * Workload {@code switch} on virtual threads: two virtual threads take turns N times in all,
 * each turn a {@link Thread#yield()}. On one carrier (as the harness runs it) a yield hands the
 * carrier to the other thread, as {@code sleep(0)} hands the loop to the other task. The peer
 * of {@link Switch}.
 *
 * <p>The clock starts inside a root virtual thread, so the scheduler's start-up is not timed,
 * as jasyncio's clock starts inside the running loop.
 */
public final class VirtualThreadSwitch {
    private VirtualThreadSwitch() {
    }

    /** Usage: VirtualThreadSwitch [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        int[] turns = new int[2];
        double[] seconds = new double[1];
        Thread root = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            Thread a = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n - n / 2; i++) {
                    Thread.yield();
                    turns[0]++;
                }
            });
            Thread b = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n / 2; i++) {
                    Thread.yield();
                    turns[1]++;
                }
            });
            try {
                a.join();
                b.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            seconds[0] = (System.nanoTime() - start) / 1e9;
        });
        root.join();
        BenchReport.check(turns[0] + turns[1] == n, "turns");
        BenchReport.of("switch", "virtual-threads", n).put("seconds", seconds[0]).print();
    }
}
