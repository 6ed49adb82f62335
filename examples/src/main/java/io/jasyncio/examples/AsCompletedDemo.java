package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.List;

/**
 * {@code asCompleted} hands back futures in the order they finish, not the order they were
 * started: three tasks started slowest first print fastest first.
 */
public final class AsCompletedDemo {
    private AsCompletedDemo() {
    }

    static String after(Duration delay, String what) {
        sleep(delay);
        return what;
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            List<Future<String>> tasks = List.of(
                    createTask(() -> after(Duration.ofMillis(300), "slow (0.3 s)")),
                    createTask(() -> after(Duration.ofMillis(100), "fast (0.1 s)")),
                    createTask(() -> after(Duration.ofMillis(200), "medium (0.2 s)")));
            // Each step of the loop suspends until one more task is done.
            for (Future<String> done : asCompleted(tasks)) {
                System.out.println(done.await());
            }
        });
    }
}
