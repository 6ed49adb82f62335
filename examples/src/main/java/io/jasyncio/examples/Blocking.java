package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import java.time.Duration;
import java.util.Locale;

/**
 * What not to do: three tasks that call {@code Thread.sleep(1000)} take three seconds, because a
 * blocking call holds the one loop thread and no other task can run; three that call
 * {@code sleep(1 s)} take one second.
 */
public final class Blocking {
    private Blocking() {
    }

    static void blockingNap() throws InterruptedException {
        // Blocks the loop thread itself: the other tasks wait for this one to finish.
        Thread.sleep(1000);
    }

    static void nap() {
        // Suspends this task only: the loop runs the others meanwhile.
        sleep(Duration.ofSeconds(1));
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        double blocking = seconds(() -> run(() -> {
            gather(Blocking::blockingNap, Blocking::blockingNap, Blocking::blockingNap);
        }));
        System.out.println(String.format(Locale.ROOT, "3 tasks calling Thread.sleep(1000): %.2f seconds.", blocking));
        double suspending = seconds(() -> run(() -> {
            gather(Blocking::nap, Blocking::nap, Blocking::nap);
        }));
        System.out.println(String.format(Locale.ROOT, "3 tasks calling sleep(1 s): %.2f seconds.", suspending));
        System.out.println("Lesson: a blocking call in a task stalls the whole loop; wait with sleep()/await(), or move blocking work off the loop thread.");
    }

    private static double seconds(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
