package io.jasyncio.bench;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Task;
import io.jasyncio.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Workload {@code suspended} on jasyncio: N tasks wait at once on one {@link Event}; reports
 * {@code bytes_per_task}, the heap they hold (heap used after full GCs, MemoryMXBean, with all N
 * waiting, minus the same just before creating them, divided by N). That covers each task, its
 * continuation's stack, its waiter in the event and its slot in the list holding the tasks. The
 * event is then set and the tasks gathered. Peers: bench/python/suspended_memory.py (tracemalloc),
 * {@link VirtualThreadSuspended}.
 */
public final class Suspended {
    private Suspended() {
    }

    /** Usage: Suspended [N]; prints one result line with {@code bytes_per_task} and {@code seconds}. */
    public static void main(String[] args) {
        int n = BenchReport.parseN(args, 1_000_000);
        double[] perTask = new double[1];
        double seconds = run(() -> {
            Event event = new Event();
            long before = BenchReport.usedHeapAfterGc();
            long start = System.nanoTime();
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(createTask(() -> {
                    event.await();
                    return index;
                }));
            }
            sleep(Duration.ZERO);  // every new task runs up to event.await() before this returns
            BenchReport.check(event.statistics().tasksWaiting() == n, "only "
                    + event.statistics().tasksWaiting() + " of " + n + " tasks wait");
            long after = BenchReport.usedHeapAfterGc();
            perTask[0] = (after - before) / (double) n;
            event.set();
            List<Integer> results = gather(tasks);
            BenchReport.check(results.size() == n, "results");
            return (System.nanoTime() - start) / 1e9;
        });
        BenchReport.of("suspended", "jasyncio", n).put("bytes_per_task", perTask[0]).put("seconds", seconds).print();
    }
}
