package io.jasyncio.examples;

import java.util.Locale;

/**
 * The synchronous twin of {@link CountAsync}: three {@code count()} calls one after another,
 * each blocking the thread for a second, so three seconds in all. Real Python's
 * {@code countsync.py}.
 */
public final class CountSync {
    private CountSync() {
    }

    static void count() throws InterruptedException {
        System.out.println("One");
        // Thread.sleep blocks the thread: nothing else can run until it returns.
        Thread.sleep(1000);
        System.out.println("Two");
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            count();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "countsync executed in %.2f seconds.", elapsed));
    }
}
