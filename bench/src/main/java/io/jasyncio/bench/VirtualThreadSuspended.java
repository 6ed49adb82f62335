package io.jasyncio.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workload {@code suspended} on virtual threads: N virtual threads block at once on one
 * {@link CountDownLatch}; reports {@code bytes_per_task} measured as {@link Suspended} does (an
 * unmounted virtual thread's stack lives in heap stack chunks, so the heap counts it). The latch
 * is then released and the threads joined. The peer of {@link Suspended}.
 */
public final class VirtualThreadSuspended {
    private VirtualThreadSuspended() {
    }

    /** Usage: VirtualThreadSuspended [N]; prints one result line with {@code bytes_per_task} and {@code seconds}. */
    public static void main(String[] args) throws InterruptedException {
        int n = BenchReport.parseN(args, 1_000_000);
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger woken = new AtomicInteger();
        long before = BenchReport.usedHeapAfterGc();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                woken.incrementAndGet();
            }));
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        long after = BenchReport.usedHeapAfterGc();
        latch.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchReport.check(woken.get() == n, "woken threads");
        BenchReport.of("suspended", "virtual-threads", n)
                .put("bytes_per_task", (after - before) / (double) n)
                .put("seconds", seconds)
                .print();
    }
}
