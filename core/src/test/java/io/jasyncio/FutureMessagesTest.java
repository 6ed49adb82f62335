package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed messages of {@link Future} and {@link Task} errors, which are asyncio's so that users
 * can search for them, and errors that stay intact when a user's {@code toString()} throws
 * (issue 8, section 2).
 */
class FutureMessagesTest {

    /** A value whose toString() throws, as a buggy user type might. */
    static final class BadToString {
        @Override
        public String toString() {
            throw new IllegalArgumentException("toString of a user object");
        }
    }

    /** An exception whose toString() throws. */
    static final class BadToStringError extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        BadToStringError() {
            super("bad");
        }

        @Override
        public String toString() {
            throw new IllegalArgumentException("toString of a user exception");
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void resultOfPendingFutureSaysResultIsNotSet(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertEquals("Result is not set.", assertThrows(InvalidStateError.class, f::result).getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void exceptionOfPendingFutureSaysExceptionIsNotSet(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void settingADoneFutureSaysInvalidState(LoopHarness h) {
        Future<String> finished = h.loop().createFuture();
        finished.setResult("x");
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> finished.setResult("y")).getMessage());
        assertEquals("invalid state",
                assertThrows(InvalidStateError.class, () -> finished.setException(new RuntimeException())).getMessage());
        Future<String> cancelled = h.loop().createFuture();
        cancelled.cancel();
        assertEquals("invalid state", assertThrows(InvalidStateError.class, () -> cancelled.setResult("y")).getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aResultWhoseToStringThrowsDoesNotReplaceInvalidState(LoopHarness h) {
        Future<Object> f = h.loop().createFuture();
        f.setResult(new BadToString());
        InvalidStateError e = assertThrows(InvalidStateError.class, () -> f.setResult("again"));
        assertEquals("invalid state", e.getMessage());
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void toStringOfAFutureWithABadResultNamesItsClass(LoopHarness h) {
        Future<Object> f = h.loop().createFuture();
        f.setResult(new BadToString());
        String s = assertDoesNotThrow(f::toString);
        assertTrue(s.contains(BadToString.class.getName()), s);
        assertTrue(s.contains("toString() threw " + IllegalArgumentException.class.getName()), s);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anExceptionWhoseToStringThrowsCanStillBeSetAndRetrieved(LoopHarness h) {
        Future<Object> f = h.loop().createFuture();
        BadToStringError error = new BadToStringError();
        f.setException(error);
        assertSame(error, f.exception());
        assertTrue(f.toString().contains(BadToStringError.class.getName()), f.toString());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFailingDoneCallbackOfABadResultIsReportedNotLost(LoopHarness h) {
        List<ExceptionContext> reported = new ArrayList<>();
        h.loop().setExceptionHandler((loop, context) -> reported.add(context));
        Future<Object> f = h.loop().createFuture();
        f.addDoneCallback(done -> {
            throw new IllegalStateException("callback failed");
        });
        f.setResult(new BadToString());
        h.drain(5);
        assertEquals(1, reported.size());
        assertEquals("callback failed", reported.get(0).exception().getMessage());
        assertTrue(reported.get(0).message().contains(BadToString.class.getName()), reported.get(0).message());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void taskSetResultAndSetExceptionUseAsynciosMessages(LoopHarness h) {
        h.run(() -> {
            Task<String> t = createTask(() -> "done");
            assertEquals("Task does not support set_result operation",
                    assertThrows(UnsupportedOperationException.class, () -> t.setResult("x")).getMessage());
            assertEquals("Task does not support set_exception operation",
                    assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()))
                            .getMessage());
            return t.await();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void resultOfAPendingTaskSaysResultIsNotSet(LoopHarness h) {
        h.run(() -> {
            Task<String> t = createTask(() -> "done");
            assertEquals("Result is not set.", assertThrows(InvalidStateError.class, t::result).getMessage());
            assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, t::exception).getMessage());
            return t.await();
        });
    }
}
