package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@link Asyncio#asCompleted}: the futures come back, as the very objects given, in the order
 * they complete; the deadline; the iterate-once rule; and that {@code hasNext()} never suspends
 * while {@code next()} does. Ports the as_completed tests of CPython's
 * Lib/test/test_asyncio/test_tasks.py.
 */
class AsCompletedTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @LoopTest(loops = LoopKind.VIRTUAL)
    void yieldsFuturesInCompletionOrder(LoopHarness h) {
        long start = h.loop().time();
        List<String> order = h.run(() -> {
            Task<String> a = createTask(() -> napThen(30, "a"));
            Task<String> b = createTask(() -> napThen(10, "b"));
            Task<String> c = createTask(() -> napThen(20, "c"));
            List<String> got = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(a, b, c))) {
                got.add(f.result() + "@" + (h.loop().time() - start) / 1_000_000);
            }
            return got;
        });
        assertEquals(List.of("b@10", "c@20", "a@30"), order);
    }

    @LoopTest
    void yieldsTheOriginalFuturesInTheOrderTheyWereCompleted(LoopHarness h) {
        h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            Future<String> c = h.loop().createFuture();
            Task<Void> setter = createTask(() -> {
                b.setResult("b");
                sleep(Duration.ZERO);
                c.setResult("c");
                sleep(Duration.ZERO);
                a.setResult("a");
            });
            List<Future<String>> got = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(a, b, c))) {
                got.add(f);
            }
            assertEquals(3, got.size());
            assertSame(b, got.get(0));
            assertSame(c, got.get(1));
            assertSame(a, got.get(2));
            setter.await();
        });
    }

    @LoopTest
    void alreadyDoneFuturesComeBackInInputOrder(LoopHarness h) {
        h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            b.setResult("b");
            a.setResult("a");
            List<Future<String>> got = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(a, b))) {
                got.add(f);
            }
            assertEquals(List.of(a, b), got);
        });
    }

    @LoopTest
    void failedAndCancelledFuturesAreYieldedTooWithoutThrowing(LoopHarness h) {
        h.run(() -> {
            Task<String> failing = createTask(() -> {
                throw new IllegalStateException("failed");
            });
            Task<String> cancelled = createTask(() -> napThen(HOUR.toMillis(), "never"));
            cancelled.cancel();
            List<Future<String>> got = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(failing, cancelled))) {
                got.add(f);
            }
            assertEquals(2, got.size());
            assertTrue(got.contains(failing));
            assertTrue(got.contains(cancelled));
            assertThrows(IllegalStateException.class, failing::await);
            assertTrue(cancelled.isCancelled());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void deadlineThrowsAsyncTimeoutAfterTheDoneFuturesWereReturned(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(10, "a"));
            Task<String> b = createTask(() -> napThen(20, "b"));
            Task<String> slow = createTask(() -> napThen(HOUR.toMillis(), "slow"));
            Iterator<Future<String>> it = asCompleted(List.of(slow, a, b), ms(50)).iterator();
            assertSame(a, it.next());
            assertSame(b, it.next());
            assertTrue(it.hasNext());
            assertThrows(AsyncTimeoutException.class, it::next);
            assertEquals(ms(50).toNanos(), h.loop().time() - start);
            assertFalse(slow.isDone(), "the deadline cancels nothing");
            slow.cancel();
            assertThrows(CancelledError.class, slow::await);
        });
    }

    @LoopTest
    void futuresDoneBeforeTheDeadlineAreReturnedEvenWhenAskedForAfterIt(LoopHarness h) {
        h.run(() -> {
            Future<String> quick = h.loop().createFuture();
            quick.setResult("quick");
            Task<String> slow = createTask(() -> napThen(HOUR.toMillis(), "slow"));
            Iterator<Future<String>> it = asCompleted(List.of(quick, slow), ms(1)).iterator();
            sleep(ms(10));
            assertSame(quick, it.next());
            assertThrows(AsyncTimeoutException.class, it::next);
            slow.cancel();
            assertThrows(CancelledError.class, slow::await);
        });
    }

    @LoopTest
    void afterTheDeadlineEachPendingFutureGivesOneTimeoutThenTheIterationEnds(LoopHarness h) {
        h.run(() -> {
            Future<String> done = h.loop().createFuture();
            done.setResult("done");
            Future<String> p1 = h.loop().createFuture();
            Future<String> p2 = h.loop().createFuture();
            Iterator<Future<String>> it = asCompleted(List.of(done, p1, p2), ms(1)).iterator();
            List<Future<String>> got = new ArrayList<>();
            int timeouts = 0;
            // Bounded: a broken hasNext() must fail the test, not hang it.
            for (int i = 0; i < 10 && it.hasNext(); i++) {
                try {
                    got.add(it.next());
                } catch (AsyncTimeoutException e) {
                    timeouts++;
                }
            }
            assertEquals(List.of(done), got);
            assertEquals(2, timeouts);
            assertFalse(it.hasNext());
            p1.cancel();
            p2.cancel();
        });
    }

    @LoopTest
    void emptyInputHasNoElementsAndLeavesNoTimer(LoopHarness h) {
        h.run(() -> {
            Iterator<Future<String>> it = asCompleted(List.<Future<String>>of(), HOUR).iterator();
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
        });
    }

    @LoopTest
    void iteratingTwiceThrowsIllegalState(LoopHarness h) {
        h.run(() -> {
            Future<String> f = h.loop().createFuture();
            f.setResult("f");
            Iterable<Future<String>> ac = asCompleted(List.of(f));
            Iterator<Future<String>> first = ac.iterator();
            assertThrows(IllegalStateException.class, ac::iterator);
            assertSame(f, first.next());
        });
    }

    @LoopTest
    void hasNextNeverSuspendsButNextDoes(LoopHarness h) {
        h.run(() -> {
            List<String> log = new ArrayList<>();
            Future<String> f = h.loop().createFuture();
            Task<Void> other = createTask(() -> {
                log.add("other ran");
            });
            Iterator<Future<String>> it = asCompleted(List.of(f)).iterator();
            assertTrue(it.hasNext());
            assertEquals(List.of(), log, "hasNext() yielded to the loop");
            f.setResult("f");
            assertTrue(it.hasNext());
            assertEquals(List.of(), log);
            assertSame(f, it.next());
            assertEquals(List.of("other ran"), log, "next() waits for the done callback, via the loop");
            assertFalse(it.hasNext());
            other.await();
        });
    }

    @LoopTest
    void duplicateFuturesAreYieldedOnce(LoopHarness h) {
        h.run(() -> {
            Task<String> a = createTask(() -> napThen(1, "a"));
            Task<String> b = createTask(() -> napThen(2, "b"));
            List<Future<String>> got = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(a, a, b, a))) {
                got.add(f);
            }
            assertEquals(2, got.size());
            assertTrue(got.containsAll(List.of(a, b)));
        });
    }

    @LoopTest
    void cancellingTheConsumerStopsTheDeadlineTimer(LoopHarness h) {
        // The loop clock's origin is arbitrary (System.nanoTime: uptime on Linux), so measure from here.
        long start = h.loop().time();
        // The extension fails the test if the deadline timer is still scheduled at the end.
        h.run(() -> {
            Future<String> never = h.loop().createFuture();
            Task<Future<String>> consumer = createTask(() -> asCompleted(List.of(never), HOUR).iterator().next());
            sleep(Duration.ZERO);
            consumer.cancel();
            assertThrows(CancelledError.class, consumer::await);
            assertFalse(never.isDone(), "cancelling the consumer leaves the futures alone");
            never.cancel();
        });
        assertTrue(h.loop().time() - start < HOUR.toNanos());
    }

    private static <T> T napThen(long millis, T value) {
        sleep(ms(millis));
        return value;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
