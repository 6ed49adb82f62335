package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.AsyncTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code waitFor} gives up on an operation that takes too long: a 400-second wait under a
 * one-second limit is cancelled and {@link AsyncTimeoutException} is thrown. The seed's
 * {@code wait_for} program (the asyncio docs' {@code eternity()} with a 400 s sleep; it prints
 * {@code timeout}), then how long it took.
 */
public final class WaitFor {
    private WaitFor() {
    }

    static void eternity() {
        sleep(Duration.ofSeconds(400));
        System.out.println("yay!");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        double elapsed = run(() -> {
            // The loop's clock: virtual time under -Djasyncio.loop=virtual, as the tests run it.
            long start = time();
            try {
                waitFor(createTask(WaitFor::eternity), Duration.ofSeconds(1));
            } catch (AsyncTimeoutException e) {
                // The task was cancelled and has ended before waitFor threw: "yay!" never prints.
                System.out.println("timeout");
            }
            return (time() - start) / 1e9;
        });
        System.out.println(String.format(Locale.ROOT, "waitfor executed in %.2f seconds.", elapsed));
    }
}
