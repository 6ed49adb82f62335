package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class SmokeTest {
    @LoopTest
    void gatherRunsCountsConcurrently(LoopHarness h) {
        List<String> out = new ArrayList<>();
        long start = h.loop().time();
        List<String> r = h.run(() -> gather(() -> count(out), () -> count(out), () -> count(out)));
        assertEquals(List.of("done", "done", "done"), r);
        assertEquals(List.of("One", "One", "One", "Two", "Two", "Two"), out);
        long took = h.loop().time() - start;
        assertTrue(took >= Duration.ofMillis(50).toNanos());
        if (h.isVirtualTime()) {
            assertEquals(Duration.ofMillis(50).toNanos(), took);
        }
    }

    static String count(List<String> out) {
        out.add("One");
        sleep(Duration.ofMillis(50));
        out.add("Two");
        return "done";
    }

    @LoopTest
    void cancelDeliversCancelledErrorAtSuspensionPoint(LoopHarness h) {
        String r = h.run(() -> {
            Task<String> t = createTask(() -> {
                try {
                    sleep(Duration.ofSeconds(10));
                    return "slept";
                } catch (CancelledError e) {
                    return "cancelled: " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            t.cancel("stop");
            return t.await();
        });
        assertEquals("cancelled: stop", r);
    }

    @LoopTest
    void timeoutExpiresIntoAsyncTimeoutException(LoopHarness h) {
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(10), () -> sleep(Duration.ofSeconds(400))));
        });
    }

    @LoopTest
    void taskGroupCollectsFailures(LoopHarness h) {
        ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> h.run(() -> {
            TaskGroup tg = new TaskGroup();
            tg.run(() -> {
                tg.createTask(() -> { sleep(Duration.ofMillis(1)); throw new IllegalArgumentException("a"); });
                tg.createTask(() -> { sleep(Duration.ofSeconds(100)); return 1; });
            });
        }));
        assertEquals(1, g.exceptions().size());
        assertInstanceOf(IllegalArgumentException.class, g.exceptions().get(0));
    }
}
