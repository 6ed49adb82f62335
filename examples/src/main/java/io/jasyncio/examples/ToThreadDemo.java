package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Task;
import java.time.Duration;
import java.util.Locale;

/**
 * A blocking call moved off the loop with {@code toThread}: a JDBC-style query (simulated with
 * {@code Thread.sleep}) runs on a virtual thread while a ticker task keeps ticking on the loop.
 * Called directly in a task, the same query would stall the ticker until it returned (see
 * {@link Blocking}).
 */
public final class ToThreadDemo {
    /** How long the simulated database round trip blocks its thread. */
    private static final Duration QUERY = Duration.ofSeconds(1);
    /** The ticker's period: three ticks fit well inside one query. */
    private static final Duration TICK = Duration.ofMillis(200);

    private ToThreadDemo() {
    }

    /** Stands in for {@code statement.executeQuery(...)}: it blocks the calling thread throughout. */
    static String queryUserName(int id) throws InterruptedException {
        Thread.sleep(QUERY);
        return "user #" + id + " is Ada (looked up on a " + (Thread.currentThread().isVirtual() ? "virtual" : "platform") + " thread)";
    }

    static void ticker(int ticks) {
        for (int i = 1; i <= ticks; i++) {
            sleep(TICK);
            System.out.println("tick " + i + " (the loop is free)");
        }
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        run(() -> {
            Task<Void> ticks = createTask(() -> ticker(3));
            System.out.println("query started");
            // toThread suspends this task only; the ticker runs while the worker thread blocks.
            String row = toThread(() -> queryUserName(42));
            System.out.println("query returned: " + row);
            ticks.await();
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "tothread executed in %.2f seconds.", elapsed));
    }
}
