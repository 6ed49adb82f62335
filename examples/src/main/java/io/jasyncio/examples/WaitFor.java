package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.AsyncTimeoutException;
import java.time.Duration;

/**
 * {@code waitFor} gives up on an operation that takes too long: a 400-second wait under a
 * one-second limit is cancelled and {@link AsyncTimeoutException} is thrown. The asyncio docs'
 * {@code wait_for} example ({@code eternity()}).
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
        run(() -> {
            try {
                waitFor(createTask(WaitFor::eternity), Duration.ofSeconds(1));
            } catch (AsyncTimeoutException e) {
                // The task was cancelled and has ended before waitFor threw: "yay!" never prints.
                System.out.println("timeout!");
            }
        });
    }
}
