package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.TaskGroup;
import io.jasyncio.sync.Barrier;
import io.jasyncio.sync.Condition;
import io.jasyncio.sync.Event;
import io.jasyncio.sync.Semaphore;
import java.time.Duration;

/**
 * The sync primitives in one race: an {@link Event} is the starting gun, a {@link Semaphore}
 * lets at most two runners on a narrow bridge, a {@link Barrier} holds everyone at the finish
 * until the last arrives, and a {@link Condition} tells the referee when all are through.
 * Runner i takes i × 100 ms on the bridge, so the order never varies.
 */
public final class SyncDemo {
    private SyncDemo() {
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Event start = new Event();
            Semaphore bridge = new Semaphore(2);
            Barrier finish = new Barrier(3);
            Condition scoreboard = new Condition();
            int[] onBridge = {0};
            int[] through = {0};
            TaskGroup race = new TaskGroup();
            race.run(() -> {
                for (int i = 1; i <= 3; i++) {
                    int runner = i;
                    race.createTask(() -> {
                        start.await();
                        try (var _ = bridge.acquire()) {           // waits while two are on it
                            onBridge[0]++;
                            System.out.println("runner " + runner + " on the bridge (" + onBridge[0] + " on it)");
                            sleep(Duration.ofMillis(100L * runner));
                            onBridge[0]--;
                        }
                        int arrival = finish.await();                // waits for the other two
                        System.out.println("runner " + runner + " leaves the finish (arrived #" + arrival + ")");
                        try (var _ = scoreboard.acquire()) {
                            through[0]++;
                            scoreboard.signalAll();
                        }
                    });
                }
                sleep(Duration.ZERO);                                // every runner now waits for the gun
                System.out.println("bang");
                start.set();
                try (var _ = scoreboard.acquire()) {
                    scoreboard.waitFor(() -> through[0] == 3);
                }
                System.out.println("referee: all " + through[0] + " through");
            });
        });
    }
}
