package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;
import java.util.Locale;

/**
 * Hello, world with two tasks: the asyncio docs' first program ({@code print('Hello ...')},
 * {@code await asyncio.sleep(1)}, {@code print('... World!')}) gathered twice. Both greet, both
 * wait a second together, both finish: two {@code Hello ...} lines, then two
 * {@code ... World!} lines, in one second, not two.
 */
public final class Hello {
    private Hello() {
    }

    static void hello() {
        System.out.println("Hello ...");
        // While this task sleeps the other one gets to say its Hello.
        sleep(Duration.ofSeconds(1));
        System.out.println("... World!");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        double elapsed = run(() -> {
            // The loop's clock: virtual time under -Djasyncio.loop=virtual, as the tests run it.
            long start = time();
            gather(Hello::hello, Hello::hello);
            return (time() - start) / 1e9;
        });
        System.out.println(String.format(Locale.ROOT, "hello executed in %.2f seconds.", elapsed));
    }
}
