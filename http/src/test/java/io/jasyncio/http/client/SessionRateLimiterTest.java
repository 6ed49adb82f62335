package io.jasyncio.http.client;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link RateLimiter} on virtual time: starts per host per period, first come first served, hosts independent. */
class SessionRateLimiterTest {
    @LoopTest(loops = LoopKind.VIRTUAL)
    void admitsThreeStartsPerSecondPerHost(LoopHarness h) {
        List<Long> starts = h.runBounded(() -> {
            RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1));
            long t0 = time();
            List<Task<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(createTask(() -> {
                    limiter.acquire("http://a:80");
                    return (time() - t0) / 1_000_000;
                }));
            }
            Task<Long> other = createTask(() -> {
                limiter.acquire("http://b:80");
                return (time() - t0) / 1_000_000;
            });
            List<Long> out = new ArrayList<>();
            for (Task<Long> t : tasks) {
                out.add(t.await());
            }
            out.add(other.await());
            return out;
        });
        assertEquals(List.of(0L, 0L, 0L, 1000L, 1000L, 1000L, 2000L, 2000L, 0L), starts);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aQuietHostStartsAtOnceAgain(LoopHarness h) {
        long waited = h.runBounded(() -> {
            RateLimiter limiter = new RateLimiter(2, Duration.ofMillis(100));
            limiter.acquire("x");
            limiter.acquire("x");
            sleep(Duration.ofMillis(250));
            long before = time();
            limiter.acquire("x");
            return time() - before;
        });
        assertEquals(0, waited);
    }

    @org.junit.jupiter.api.Test
    void reservationsAreASlidingWindowAndOldHostsArePruned() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofNanos(100));
        assertEquals(0, limiter.reserve("h", 0));
        assertEquals(50, limiter.reserve("h", 50));
        assertEquals(100, limiter.reserve("h", 60));
        assertEquals(150, limiter.reserve("h", 60));
        assertEquals(200, limiter.reserve("h", 60));
        for (int i = 0; i < 1100; i++) {
            limiter.reserve("host" + i, 1000);
        }
        assertTrue(limiter.hosts() > 1000);
        limiter.reserve("late", 10_000);
        assertEquals(1, limiter.hosts());
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO));
    }
}
