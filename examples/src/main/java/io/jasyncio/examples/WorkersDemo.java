package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.TaskGroup;
import io.jasyncio.queue.Queue;
import io.jasyncio.sync.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded work queue served by three worker tasks: {@link Queue} with a {@code maxsize} makes
 * the producer wait while the workers are behind, {@code shutdown()} ends the workers' loops
 * once the queue is drained, and a {@link Lock} keeps a two-step update whole across a wait.
 * asyncio's producer/consumer with {@code asyncio.Queue}.
 */
public final class WorkersDemo {
    private WorkersDemo() {
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Queue<Integer> jobs = new Queue<>(2);
            Map<String, List<Integer>> done = new TreeMap<>();
            Lock ledger = new Lock();
            int[] total = {0};
            TaskGroup workers = new TaskGroup();
            workers.run(() -> {
                for (int w = 1; w <= 3; w++) {
                    String name = "worker-" + w;
                    done.put(name, new ArrayList<>());
                    workers.createTask(() -> {
                        for (int job : jobs.iterate()) {
                            sleep(Duration.ofMillis(100L * job));      // the work
                            try (var _ = ledger.acquire()) {
                                int before = total[0];
                                sleep(Duration.ZERO);                  // other workers run here
                                total[0] = before + job;               // still right: they wait for the lock
                            }
                            done.get(name).add(job);
                        }
                    });
                }
                for (int job = 1; job <= 6; job++) {
                    jobs.put(job);                                     // waits while 2 are queued
                }
                jobs.shutdown();
                System.out.println("all 6 jobs queued");
            });
            done.forEach((name, list) -> System.out.println(name + " did " + list));
            System.out.println("total " + total[0]);
        });
    }
}
