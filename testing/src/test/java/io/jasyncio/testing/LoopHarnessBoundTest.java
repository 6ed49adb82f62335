package io.jasyncio.testing;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import java.io.IOException;
import java.time.Duration;

/** {@link LoopHarness#runBounded} and {@link LoopHarness#eventually}, the shared helpers of issue 8. */
class LoopHarnessBoundTest {

    @LoopTest
    void runBoundedReturnsTheBodysResult(LoopHarness h) {
        assertEquals("done", h.runBounded(() -> {
            sleep(Duration.ofMillis(1));
            return "done";
        }));
    }

    @LoopTest
    void runBoundedRunsABodyWithNoResult(LoopHarness h) {
        int[] ran = {0};
        h.runBounded(() -> {
            sleep(Duration.ZERO);
            ran[0]++;
        });
        assertEquals(1, ran[0]);
    }

    @LoopTest
    void theBoundDependsOnTheKindOfTime(LoopHarness h) {
        assertEquals(h.isVirtualTime() ? LoopHarness.VIRTUAL_TIME_BOUND : LoopHarness.REAL_TIME_BOUND, h.bound());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aHangFailsWithAnAssertionThatNamesTheBound(LoopHarness h) {
        AssertionError e = assertThrows(AssertionError.class, () -> h.runBounded(() -> {
            Future<Void> never = h.loop().createFuture();
            never.await();
        }));
        assertTrue(e.getMessage().contains("did not finish within " + LoopHarness.VIRTUAL_TIME_BOUND), e.getMessage());
        assertInstanceOf(AsyncTimeoutException.class, e.getCause());
        assertTrue(h.loop().time() >= LoopHarness.VIRTUAL_TIME_BOUND.toNanos(), "virtual time reached the bound");
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTimeoutOfTheBodysOwnIsNotMistakenForAHang(LoopHarness h) {
        assertThrows(AsyncTimeoutException.class, () -> h.runBounded(() -> {
            timeout(Duration.ofSeconds(1), () -> sleep(Duration.ofSeconds(2)));
        }));
    }

    @LoopTest
    void whatTheBodyThrowsComesOut(LoopHarness h) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.runBounded(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
    }

    @LoopTest
    void aBodyMayThrowCheckedExceptions(LoopHarness h) {
        Throwable t = assertThrows(Throwable.class, () -> h.runBounded(() -> {
            if (h.loop() != null) {
                throw new IOException("checked");
            }
        }));
        Throwable io = t instanceof IOException ? t : t.getCause();
        assertInstanceOf(IOException.class, io);
        assertEquals("checked", io.getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void eventuallyWaitsUntilTheConditionHolds(LoopHarness h) {
        boolean[] flag = {false};
        long waited = h.runBounded(() -> {
            long start = h.loop().time();
            h.loop().callLater(Duration.ofSeconds(5), () -> flag[0] = true);
            eventually(() -> flag[0]);
            return h.loop().time() - start;
        });
        assertTrue(flag[0]);
        assertTrue(waited >= Duration.ofSeconds(5).toNanos() && waited <= Duration.ofMillis(5001).toNanos(),
                "polled every millisecond: " + waited + " ns");
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void eventuallyReturnsAtOnceWhenTheConditionAlreadyHolds(LoopHarness h) {
        long waited = h.runBounded(() -> {
            long start = h.loop().time();
            eventually(() -> true);
            return h.loop().time() - start;
        });
        assertEquals(0, waited);
    }
}
