package io.jasyncio.queue;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.List;

/**
 * {@link LifoQueue}: newest item first, with the waiting behaviour it shares with
 * {@link Queue}. Ports {@code LifoQueueTests} of CPython's
 * {@code Lib/test/test_asyncio/test_queues.py}.
 */
class LifoQueueTest {

    @LoopTest
    void itemsComeOutNewestFirst(LoopHarness h) {
        List<Integer> items = h.runBounded(() -> {
            LifoQueue<Integer> q = new LifoQueue<>();
            for (int i : new int[] {1, 3, 2}) {
                q.put(i);
            }
            return List.of(q.get(), q.get(), q.get());
        });
        assertEquals(List.of(2, 3, 1), items);
    }

    @LoopTest
    void aPutterWaitingOnAFullLifoQueuePutsOnTopOnceAGetMakesRoom(LoopHarness h) {
        List<Integer> out = h.runBounded(() -> {
            LifoQueue<Integer> q = new LifoQueue<>(2);
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> putter = createTask(() -> q.put(3));
            sleep(Duration.ZERO);
            assertFalse(putter.isDone());
            assertEquals(2, q.get());
            putter.await();
            return List.of(q.getNowait(), q.getNowait());
        });
        assertEquals(List.of(3, 1), out);
    }

    @LoopTest
    void aWokenGetterTakesTheTopOfTheStackWhenItRuns(LoopHarness h) {
        String got = h.runBounded(() -> {
            LifoQueue<String> q = new LifoQueue<>();
            Task<String> getter = createTask(q::get);
            sleep(Duration.ZERO);
            q.putNowait("first");
            q.putNowait("second");
            // The getter was only woken; it takes the top of the stack when it runs.
            String item = getter.await();
            assertEquals("first", q.getNowait());
            return item;
        });
        assertEquals("second", got);
    }
}
