package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Future}: its states, completion, cancellation with a message, done callbacks, how
 * {@code result()} rethrows, and {@code await()} from and outside tasks. Ports the behaviours of
 * CPython's {@code Lib/test/test_asyncio/test_futures.py}.
 */
class FutureTest {

    /** An unchecked error of the test's own, so identity checks cannot be fooled by the JDK's. */
    static final class TestError extends Error {
        @Serial
        private static final long serialVersionUID = 1L;

        TestError(String message) {
            super(message);
        }
    }

    // ---- states ----

    @LoopTest
    void newFutureIsPendingAndBoundToItsLoop(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertSame(h.loop(), f.loop());
        assertFalse(f.isDone());
        assertFalse(f.isCancelled());
    }

    @Test
    void futuresAreMadeByTheLoopNotByAPublicConstructor() {
        // Issue 8: a future bound to a loop comes from loop.createFuture(), as in asyncio.
        assertEquals(0, Future.class.getConstructors().length);
        assertThrows(NullPointerException.class, () -> new Future<String>(null));
    }

    @LoopTest
    void resultOfPendingFutureIsInvalidState(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertThrows(InvalidStateError.class, f::result);
    }

    @LoopTest
    void exceptionOfPendingFutureIsInvalidState(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertThrows(InvalidStateError.class, f::exception);
    }

    @LoopTest
    void setResultFinishesWithThatResultAndNoException(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("foo");
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        assertEquals("foo", f.result());
        assertNull(f.exception());
    }

    @LoopTest
    void setResultTwiceIsInvalidStateAndKeepsTheFirst(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("first");
        assertThrows(InvalidStateError.class, () -> f.setResult("second"));
        assertThrows(InvalidStateError.class, () -> f.setException(new IllegalStateException("late")));
        assertEquals("first", f.result());
    }

    @LoopTest
    void setExceptionTwiceIsInvalidStateAndKeepsTheFirst(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IllegalArgumentException first = new IllegalArgumentException("first");
        f.setException(first);
        assertThrows(InvalidStateError.class, () -> f.setException(new IllegalArgumentException("second")));
        assertThrows(InvalidStateError.class, () -> f.setResult("late"));
        assertSame(first, f.exception());
    }

    @LoopTest
    void setExceptionRejectsNull(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertThrows(NullPointerException.class, () -> f.setException(null));
        assertFalse(f.isDone(), "a rejected null must leave the future pending");
    }

    @LoopTest
    void setResultOnCancelledFutureIsInvalidState(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertTrue(f.cancel());
        assertThrows(InvalidStateError.class, () -> f.setResult("late"));
        assertTrue(f.isCancelled());
    }

    // ---- cancellation ----

    @LoopTest
    void cancelMakesFutureDoneAndCancelled(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isDone());
        assertTrue(f.isCancelled());
        CancelledError e = assertThrows(CancelledError.class, f::result);
        assertNull(e.getMessage());
    }

    @LoopTest
    void cancelOfDoneFutureReturnsFalse(LoopHarness h) {
        Future<String> finished = h.loop().createFuture();
        finished.setResult("x");
        assertFalse(finished.cancel());
        assertFalse(finished.isCancelled());
        assertEquals("x", finished.result());

        Future<String> cancelled = h.loop().createFuture();
        assertTrue(cancelled.cancel("first"));
        assertFalse(cancelled.cancel("second"));
        assertEquals("first", assertThrows(CancelledError.class, cancelled::result).getMessage());
    }

    @LoopTest
    void cancelMessageIsCarriedByResultAndException(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertTrue(f.cancel("my message"));
        assertEquals("my message", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("my message", assertThrows(CancelledError.class, f::exception).getMessage());
    }

    @LoopTest
    void awaitOfCancelledFutureThrowsCancelledErrorWithMessage(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        String msg = h.run(() -> {
            Task<String> waiter = createTask(() -> {
                try {
                    return f.await();
                } catch (CancelledError e) {
                    return "caught: " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            f.cancel("gone");
            return waiter.await();
        });
        assertEquals("caught: gone", msg);
    }

    // ---- result() and exception() rethrowing ----

    @LoopTest
    void resultRethrowsRuntimeExceptionAsTheSameInstance(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        f.setException(boom);
        assertSame(boom, assertThrows(IllegalArgumentException.class, f::result));
    }

    @LoopTest
    void resultRethrowsErrorAsTheSameInstance(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        TestError boom = new TestError("boom");
        f.setException(boom);
        assertSame(boom, assertThrows(TestError.class, f::result));
    }

    @LoopTest
    void resultWrapsCheckedExceptionInCompletionException(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IOException boom = new IOException("boom");
        f.setException(boom);
        CompletionException e = assertThrows(CompletionException.class, f::result);
        assertSame(boom, e.getCause());
    }

    @LoopTest
    void exceptionReturnsTheOriginalCheckedException(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IOException boom = new IOException("boom");
        f.setException(boom);
        assertSame(boom, f.exception());
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
    }

    @LoopTest
    void awaitRethrowsLikeResult(LoopHarness h) {
        Future<String> runtime = h.loop().createFuture();
        Future<String> checked = h.loop().createFuture();
        IllegalStateException r = new IllegalStateException("r");
        IOException c = new IOException("c");
        h.run(() -> {
            Task<Void> completer = createTask(() -> {
                sleep(Duration.ofMillis(1));
                runtime.setException(r);
                checked.setException(c);
            });
            assertSame(r, assertThrows(IllegalStateException.class, runtime::await));
            assertSame(c, assertThrows(CompletionException.class, checked::await).getCause());
            completer.await();
        });
    }

    // ---- done callbacks ----

    @LoopTest
    void doneCallbacksRunViaTheLoopNotSynchronously(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        f.addDoneCallback(x -> calls.add("cb"));
        f.setResult("r");
        assertEquals(List.of(), calls, "setResult must only schedule the callback");
        h.drain(10);
        assertEquals(List.of("cb"), calls);
    }

    @LoopTest
    void doneCallbacksRunInRegistrationOrderWithTheFuture(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            f.addDoneCallback(x -> {
                assertSame(f, x);
                calls.add(name + "=" + x.result());
            });
        }
        f.setResult("r");
        h.drain(10);
        assertEquals(List.of("a=r", "b=r", "c=r"), calls);
    }

    @LoopTest
    void doneCallbacksRunOnCancelAndOnException(LoopHarness h) {
        Future<String> cancelled = h.loop().createFuture();
        Future<String> failed = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        cancelled.addDoneCallback(x -> calls.add("cancelled=" + x.isCancelled()));
        failed.addDoneCallback(x -> calls.add("failed=" + x.exception().getMessage()));
        cancelled.cancel();
        failed.setException(new IllegalStateException("e"));
        h.drain(10);
        assertEquals(List.of("cancelled=true", "failed=e"), calls);
    }

    @LoopTest
    void callbackAddedToDoneFutureIsScheduledNotCalled(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("r");
        List<String> calls = new ArrayList<>();
        f.addDoneCallback(x -> calls.add("first"));
        f.addDoneCallback(x -> calls.add("second"));
        assertEquals(List.of(), calls);
        h.drain(10);
        assertEquals(List.of("first", "second"), calls);
    }

    @LoopTest
    void addDoneCallbackRejectsNull(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    }

    @LoopTest
    void removeDoneCallbackRemovesEveryRegistrationAndCountsThem(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        Consumer<Future<String>> removed = x -> calls.add("removed");
        Consumer<Future<String>> kept = x -> calls.add("kept");
        f.addDoneCallback(removed);
        f.addDoneCallback(kept);
        f.addDoneCallback(removed);
        assertEquals(2, f.removeDoneCallback(removed));
        assertEquals(0, f.removeDoneCallback(removed));
        f.setResult("r");
        h.drain(10);
        assertEquals(List.of("kept"), calls);
    }

    @LoopTest
    void removeDoneCallbackOfTheOnlyCallbackPreventsTheCall(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        Consumer<Future<String>> cb = x -> calls.add("cb");
        assertEquals(0, f.removeDoneCallback(cb), "nothing registered yet");
        f.addDoneCallback(cb);
        assertEquals(1, f.removeDoneCallback(cb));
        f.setResult("r");
        h.drain(10);
        assertEquals(List.of(), calls);
    }

    @LoopTest
    void removeDoneCallbackAfterSchedulingRemovesNothing(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> calls = new ArrayList<>();
        Consumer<Future<String>> cb = x -> calls.add("cb");
        f.addDoneCallback(cb);
        f.setResult("r");
        // asyncio's callbacks leave the future's list when they are scheduled; the call stands.
        assertEquals(0, f.removeDoneCallback(cb));
        h.drain(10);
        assertEquals(List.of("cb"), calls);
    }

    // ---- await ----

    @LoopTest
    void awaitOfDoneFutureDoesNotYield(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        f.setResult("ready");
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> other = createTask(() -> {
                log.add("other step");
            });
            log.add("await " + f.await());
            log.add("after");
            other.await();
        });
        assertEquals(List.of("await ready", "after", "other step"), log);
    }

    @LoopTest
    void awaitOfPendingFutureSuspendsUntilItIsDone(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        List<String> log = new ArrayList<>();
        String r = h.run(() -> {
            Task<Void> setter = createTask(() -> {
                log.add("setter");
                f.setResult("value");
            });
            log.add("awaiting");
            String v = f.await();
            log.add("resumed");
            setter.await();
            return v;
        });
        assertEquals("value", r);
        assertEquals(List.of("awaiting", "setter", "resumed"), log);
    }

    @LoopTest
    void awaitOutsideATaskIsIllegalState(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::await);
        assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
        assertFalse(f.isDone());
    }

    @LoopTest
    void awaitInACallbackIsIllegalState(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        h.loop().callSoon(() -> {
            try {
                f.await();
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        h.drain(10);
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("outside a task"), seen.get().getMessage());
    }

    @LoopTest
    void awaitOfFutureOfAnotherLoopIsIllegalState(LoopHarness h) {
        try (EventLoop other = LoopKind.VIRTUAL.create()) {
            Future<String> foreign = other.createFuture();
            IllegalStateException e = h.run(() -> assertThrows(IllegalStateException.class, foreign::await));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
            assertFalse(foreign.isDone());
        }
    }

    // ---- toString ----

    @LoopTest
    void toStringNamesTheState(LoopHarness h) {
        Future<String> pending = h.loop().createFuture();
        assertTrue(pending.toString().contains("pending"), pending.toString());

        Future<String> finished = h.loop().createFuture();
        finished.setResult("the-result");
        assertTrue(finished.toString().contains("finished"), finished.toString());
        assertTrue(finished.toString().contains("the-result"), finished.toString());

        Future<String> failed = h.loop().createFuture();
        failed.setException(new IllegalStateException("the-error"));
        assertTrue(failed.toString().contains("failed"), failed.toString());
        assertTrue(failed.toString().contains("the-error"), failed.toString());
        assertNotNull(failed.exception());

        Future<String> cancelled = h.loop().createFuture();
        cancelled.cancel();
        assertTrue(cancelled.toString().contains("cancelled"), cancelled.toString());
    }
}
