package com.example;

import static io.jasyncio.Asyncio.createTask;
import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;

/** jasyncio-testing from a user's test: the surefire argLine carries the flag. */
class AppTest {
    @LoopTest(loops = LoopKind.VIRTUAL)
    void twoTasksTakeTurns(LoopHarness h) {
        StringBuilder log = new StringBuilder();
        h.run(() -> {
            var a = createTask(() -> App.count("a", log));
            var b = createTask(() -> App.count("b", log));
            return a.await() + b.await();
        });
        assertEquals("a1 b1 a2 b2 ", log.toString());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anHourPassesInVirtualTime(LoopHarness h) {
        long took = h.run(() -> {
            long t0 = h.loop().time();
            sleep(Duration.ofHours(1));
            return h.loop().time() - t0;
        });
        assertEquals(Duration.ofHours(1).toNanos(), took);
    }
}
