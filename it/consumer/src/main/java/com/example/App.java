package com.example;

import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Task;
import java.time.Duration;

/** A user's program: two tasks that take turns, so the output shows they ran as coroutines. */
public class App {
    static String count(String who, StringBuilder log) {
        log.append(who).append("1 ");
        sleep(Duration.ofMillis(10));
        log.append(who).append("2 ");
        return who;
    }

    public static void main(String[] args) {
        String out = run(() -> {
            StringBuilder log = new StringBuilder();
            Task<String> a = createTask(() -> count("a", log));
            Task<String> b = createTask(() -> count("b", log));
            String results = a.await() + b.await();
            return log.append("done ").append(results).toString();
        });
        System.out.println("consumer: " + out);
    }
}
