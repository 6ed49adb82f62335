package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#sleep}: how long it suspends (exactly, on virtual time), the single yield of a
 * zero or negative delay, the order sleepers wake in, where it may be called, and that a
 * cancelled sleep leaves no timer behind. Ports the sleep behaviours of CPython's
 * Lib/test/test_asyncio/test_tasks.py.
 */
class SleepTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @LoopTest
    void sleepSuspendsAtLeastTheDuration(LoopHarness h) {
        long took = h.run(() -> {
            long start = time();
            sleep(Duration.ofMillis(20));
            return time() - start;
        });
        assertTrue(took >= Duration.ofMillis(20).toNanos(), "slept only " + took + " ns");
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void sleepOnVirtualTimeTakesExactlyTheDuration(LoopHarness h) {
        long took = h.run(() -> {
            long start = time();
            sleep(Duration.ofSeconds(3).plusNanos(7));
            return time() - start;
        });
        assertEquals(Duration.ofSeconds(3).plusNanos(7).toNanos(), took);
    }

    @LoopTest
    void sleepZeroYieldsExactlyOnce(LoopHarness h) {
        assertEquals(List.of("tick 0", "main 1", "tick 1", "main 2"), yieldPattern(h, Duration.ZERO));
    }

    @LoopTest
    void negativeSleepYieldsExactlyOnce(LoopHarness h) {
        assertEquals(List.of("tick 0", "main 1", "tick 1", "main 2"), yieldPattern(h, Duration.ofMillis(-5)));
    }

    /** Main and a ticker take turns; main sleeps {@code delay} between its entries. */
    private static List<String> yieldPattern(LoopHarness h, Duration delay) {
        return h.run(() -> {
            List<String> log = new ArrayList<>();
            Task<Void> ticker = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("tick " + i);
                    sleep(Duration.ZERO);
                }
            });
            sleep(delay);
            log.add("main 1");
            sleep(delay);
            log.add("main 2");
            List<String> seen = List.copyOf(log);
            ticker.await();
            return seen;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void sleepZeroDoesNotAdvanceVirtualTime(LoopHarness h) {
        long took = h.run(() -> {
            Task<Void> timer = createTask(() -> sleep(Duration.ofMillis(5)));
            long start = time();
            sleep(Duration.ZERO);
            long after = time();
            timer.await();
            return after - start;
        });
        assertEquals(0, took);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void sleepersWakeInDeadlineOrderAndTiesInSleepOrder(LoopHarness h) {
        List<String> woke = h.run(() -> {
            List<String> log = new ArrayList<>();
            List<Task<Void>> sleepers = List.of(
                    createTask(() -> napThenLog(log, "a", 30)),
                    createTask(() -> napThenLog(log, "b", 10)),
                    createTask(() -> napThenLog(log, "c", 20)),
                    createTask(() -> napThenLog(log, "d", 10)));
            gather(sleepers);
            return log;
        });
        assertEquals(List.of("b@10", "d@10", "c@20", "a@30"), woke);
    }

    private static void napThenLog(List<String> log, String name, long millis) {
        sleep(Duration.ofMillis(millis));
        log.add(name + "@" + time() / 1_000_000);
    }

    @Test
    void sleepOutsideALoopThrowsIllegalState() {
        assertThrows(IllegalStateException.class, () -> sleep(Duration.ofMillis(1)));
        assertThrows(IllegalStateException.class, () -> sleep(Duration.ZERO));
    }

    @LoopTest
    void sleepInACallbackThrowsIllegalState(LoopHarness h) {
        h.run(() -> {
            Future<Throwable> positive = h.loop().createFuture();
            Future<Throwable> zero = h.loop().createFuture();
            h.loop().callSoon(() -> positive.setResult(thrownBy(() -> sleep(Duration.ofMillis(1)))));
            h.loop().callSoon(() -> zero.setResult(thrownBy(() -> sleep(Duration.ZERO))));
            assertInstanceOf(IllegalStateException.class, positive.await());
            assertInstanceOf(IllegalStateException.class, zero.await());
        });
    }

    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @LoopTest
    void cancellingASleepingTaskCancelsItsTimer(LoopHarness h) {
        // The loop clock's origin is arbitrary (System.nanoTime: uptime on Linux), so measure from here.
        long start = h.loop().time();
        h.run(() -> {
            Task<Void> sleeper = createTask(() -> sleep(HOUR));
            sleep(Duration.ZERO);
            assertEquals(1, liveTimers(h));
            sleeper.cancel();
            assertThrows(CancelledError.class, sleeper::await);
            assertEquals(0, liveTimers(h));
        });
        // A timer left behind would have made the virtual clock jump an hour.
        assertTrue(h.loop().time() - start < HOUR.toNanos());
    }

    @LoopTest
    void cancelledSleepThrowsCancelledErrorWithTheMessage(LoopHarness h) {
        String r = h.run(() -> {
            Task<String> sleeper = createTask(() -> {
                try {
                    sleep(HOUR);
                    return "slept";
                } catch (CancelledError e) {
                    return "cancelled: " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            sleeper.cancel("wake up");
            return sleeper.await();
        });
        assertEquals("cancelled: wake up", r);
    }

    @LoopTest
    void sleepTooLongForNanosecondsStillWaitsAndCanBeCancelled(LoopHarness h) {
        h.run(() -> {
            Task<Void> sleeper = createTask(() -> sleep(Duration.ofSeconds(Long.MAX_VALUE)));
            sleep(Duration.ZERO);
            assertFalse(sleeper.isDone());
            assertEquals(1, liveTimers(h));
            sleeper.cancel();
            assertThrows(CancelledError.class, sleeper::await);
        });
    }

    private static int liveTimers(LoopHarness h) {
        return h.loop().statistics().liveTimers();
    }
}
