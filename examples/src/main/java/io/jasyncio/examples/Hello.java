package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Hello, world with two tasks: both greet, both wait a second together, both finish, so the
 * two "Hello" lines come before the two "World!" lines and the whole takes one second.
 */
public final class Hello {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Hello() {
    }

    static void greet(String name) {
        System.out.println("Hello " + name);
        // While this task sleeps the other one gets to say its Hello.
        sleep(Duration.ofSeconds(1));
        System.out.println(name + " World!");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            System.out.println("started at " + LocalTime.now().format(CLOCK));
            gather(createTask(() -> greet("Ada")), createTask(() -> greet("Grace")));
            System.out.println("finished at " + LocalTime.now().format(CLOCK));
        });
    }
}
