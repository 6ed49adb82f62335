package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;
import java.util.Locale;

/**
 * Three {@code count()} tasks on one thread: their one-second waits overlap, so the program
 * takes one second, not three. Real Python's {@code countasync.py}; compare {@link CountSync}.
 */
public final class CountAsync {
    private CountAsync() {
    }

    static void count() {
        System.out.println("One");
        // sleep() suspends this task only; the loop runs the other counts while it waits.
        sleep(Duration.ofSeconds(1));
        System.out.println("Two");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        double elapsed = run(() -> {
            // The loop's clock: virtual time under -Djasyncio.loop=virtual, as the tests run it.
            long start = time();
            gather(CountAsync::count, CountAsync::count, CountAsync::count);
            return (time() - start) / 1e9;
        });
        System.out.println(String.format(Locale.ROOT, "countasync executed in %.2f seconds.", elapsed));
    }
}
