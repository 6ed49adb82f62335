package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

/** {@link Future#trySetResult} and {@link Future#trySetException}: finish once, then refuse quietly. */
class FutureTrySetTest {

    @LoopTest
    void trySetResultFinishesAPendingFuture(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertTrue(f.trySetResult("a"));
        assertEquals("a", f.result());
    }

    @LoopTest
    void trySetResultOnADoneFutureChangesNothing(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("first");
        assertFalse(f.trySetResult("second"));
        assertFalse(f.trySetException(new IllegalStateException("late")));
        assertEquals("first", f.result());
    }

    @LoopTest
    void trySetOnACancelledFutureChangesNothing(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.cancel("gone");
        assertFalse(f.trySetResult("x"));
        assertFalse(f.trySetException(new IllegalStateException("late")));
        assertTrue(f.isCancelled());
    }

    @LoopTest
    void trySetExceptionFinishesAPendingFuture(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        assertTrue(f.trySetException(boom));
        assertSame(boom, f.exception());
    }

    @LoopTest
    void trySetExceptionRejectsNullEvenWhenDone(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("done");
        assertThrows(NullPointerException.class, () -> f.trySetException(null));
    }

    @LoopTest
    void trySetOnATaskIsRefusedAsSetIs(LoopHarness h) {
        h.run(() -> {
            Task<String> t = Asyncio.createTask(() -> "body");
            assertThrows(UnsupportedOperationException.class, () -> t.trySetResult("outside"));
            assertThrows(UnsupportedOperationException.class, () -> t.trySetException(new IllegalStateException("outside")));
            assertEquals("body", t.await());
        });
    }
}
