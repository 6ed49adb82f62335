package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.AsyncIterables;
import java.time.Duration;

/**
 * An async generator: a body that waits between values, consumed with a for-each loop. Python's
 * {@code async def ticker(): ... yield}; {@code async for}.
 */
public final class GeneratorDemo {
    private GeneratorDemo() {
    }

    static AsyncGenerator<Integer> ticker(Duration every) {
        return AsyncGenerator.of(out -> {
            try {
                for (int i = 0; ; i++) {
                    sleep(every);          // the consuming task waits here
                    out.emit(i);           // and gets a value here
                }
            } finally {
                // Runs when the consumer closes the generator: try-with-resources below.
                System.out.println("ticker stopped");
            }
        });
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            // A for-each loop does not close its iterator on break; try-with-resources does.
            try (AsyncGenerator<Integer> ticks = ticker(Duration.ofMillis(100))) {
                for (int even : AsyncIterables.take(AsyncIterables.filter(ticks, t -> t % 2 == 0), 3)) {
                    System.out.println("tick " + even);
                }
            }
        });
    }
}
