package io.jasyncio.bench;

/**
 * Workload {@code switch} on virtual threads: two virtual threads take turns N times in all,
 * each turn a {@link Thread#yield()}. On one carrier (as the harness runs it) a yield hands the
 * carrier to the other thread, as {@code sleep(0)} hands the loop to the other task. The peer
 * of {@link Switch}.
 */
public final class VirtualThreadSwitch {
    private VirtualThreadSwitch() {
    }

    /** Usage: VirtualThreadSwitch [N]; prints one result line with {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        int[] turns = new int[2];
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
        a.join();
        b.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchReport.check(turns[0] + turns[1] == n, "turns");
        BenchReport.of("switch", "virtual-threads", n).put("seconds", seconds).print();
    }
}
