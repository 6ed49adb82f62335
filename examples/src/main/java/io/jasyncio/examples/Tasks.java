package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The asyncio docs' {@code say_after} example, twice: first with {@code createTask} then awaiting
 * each task, then with {@code gather}. Either way the two waits overlap, so each variant takes as
 * long as the longer wait (1 s), not the sum (1.5 s). The docs wait 1 s and 2 s; we halve them.
 */
public final class Tasks {
    static final Duration HELLO_DELAY = Duration.ofMillis(500);
    static final Duration WORLD_DELAY = Duration.ofMillis(1000);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Tasks() {
    }

    static void sayAfter(Duration delay, String what) {
        sleep(delay);
        System.out.println(what);
    }

    static void withCreateTask() {
        // Both tasks start running at the next yield, before either is awaited.
        var task1 = createTask(() -> sayAfter(HELLO_DELAY, "hello"));
        var task2 = createTask(() -> sayAfter(WORLD_DELAY, "world"));
        System.out.println("started at " + now());
        long start = time();
        task1.await();
        // By now task2 has been waiting as long as task1: half its delay is already spent.
        task2.await();
        System.out.println("finished at " + now());
        took(start);
    }

    static void withGather() {
        System.out.println("started at " + now());
        long start = time();
        gather(createTask(() -> sayAfter(HELLO_DELAY, "hello")), createTask(() -> sayAfter(WORLD_DELAY, "world")));
        System.out.println("finished at " + now());
        took(start);
    }

    /** A timing line after the docs' lines, on the loop's clock (virtual time under -Djasyncio.loop=virtual). */
    private static void took(long start) {
        System.out.println(String.format(Locale.ROOT, "took %.2f seconds.", (time() - start) / 1e9));
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            withCreateTask();
            withGather();
        });
    }

    private static String now() {
        return LocalTime.now().format(CLOCK);
    }
}
