package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#gather} in all its overloads, {@link Asyncio#gatherReturnExceptions} and
 * {@link GatheringFuture}: result order, failure and cancellation propagation both ways, and
 * "exception was never retrieved" bookkeeping. Ports the behaviours of CPython's
 * {@code GatherTests}, {@code FutureGatherTests} and {@code CoroutineGatherTests}
 * (Lib/test/test_asyncio/test_tasks.py).
 */
class GatherTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @LoopTest
    void resultsComeInArgumentOrderWhateverTheCompletionOrder(LoopHarness h) {
        List<String> r = h.run(() -> {
            Future<String> a = h.loop().createFuture();
            Future<String> b = h.loop().createFuture();
            Future<String> c = h.loop().createFuture();
            Task<Void> setter = createTask(() -> {
                c.setResult("c");
                sleep(Duration.ZERO);
                a.setResult("a");
                sleep(Duration.ZERO);
                b.setResult("b");
            });
            List<String> out = gather(a, b, c);
            setter.await();
            return out;
        });
        assertEquals(List.of("a", "b", "c"), r);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void coroutinesRunConcurrentlyAndGiveResultsInArgumentOrder(LoopHarness h) {
        long start = h.loop().time();
        List<Integer> r = h.run(() -> gather(
                () -> napThen(30, 30),
                () -> napThen(10, 10),
                () -> napThen(20, 20)));
        assertEquals(List.of(30, 10, 20), r);
        assertEquals(ms(30).toNanos(), h.loop().time() - start);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void voidCoroutinesRunConcurrentlyAndGatherReturnsWhenAllHaveEnded(LoopHarness h) {
        long start = h.loop().time();
        List<String> log = new ArrayList<>();
        h.run(() -> {
            gather(
                    () -> {
                        sleep(ms(20));
                        log.add("slow");
                    },
                    () -> {
                        sleep(ms(10));
                        log.add("fast");
                    });
            log.add("gathered");
        });
        assertEquals(List.of("fast", "slow", "gathered"), log);
        assertEquals(ms(20).toNanos(), h.loop().time() - start);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void collectionOfTasksGivesResultsInCollectionOrder(LoopHarness h) {
        List<String> r = h.run(() -> {
            List<Task<String>> tasks = List.of(
                    createTask(() -> napThen(20, "first")),
                    createTask(() -> napThen(10, "second")));
            return gather(tasks);
        });
        assertEquals(List.of("first", "second"), r);
    }

    @LoopTest
    void emptyGatherReturnsAnEmptyListWithoutSuspending(LoopHarness h) {
        h.run(() -> {
            boolean[] otherRan = {false};
            Task<Void> other = createTask(() -> {
                otherRan[0] = true;
            });
            List<Object> r = gather(List.<Future<Object>>of());
            assertEquals(List.of(), r);
            assertFalse(otherRan[0], "gather of nothing must not yield to the loop");
            other.await();
        });
    }

    @Test
    void emptyGatherFutureOutsideALoopThrowsIllegalState() {
        assertThrows(IllegalStateException.class, () -> gatherFuture(List.of(), false));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void firstFailureIsThrownAtOnceWhileTheOtherChildrenKeepRunning(LoopHarness h) {
        long start = h.loop().time();
        h.run(() -> {
            Task<Integer> failing = createTask(() -> {
                sleep(ms(10));
                throw new IllegalStateException("boom");
            });
            Task<Integer> slow = createTask(() -> napThen(50, 50));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> gather(failing, slow));
            assertEquals("boom", e.getMessage());
            assertEquals(ms(10).toNanos(), h.loop().time() - start);
            assertFalse(slow.isDone(), "gather cancels nothing when a child fails");
            assertEquals(50, slow.await());
            assertEquals(ms(50).toNanos(), h.loop().time() - start);
        });
    }

    @LoopTest
    void siblingsGatheredFromCoroutinesRunOnAfterAFailure(LoopHarness h) {
        h.run(() -> {
            List<String> finished = new ArrayList<>();
            assertThrows(IllegalArgumentException.class, () -> gather(
                    () -> {
                        throw new IllegalArgumentException("fails first");
                    },
                    () -> {
                        sleep(ms(5));
                        finished.add("sibling");
                        return 0;
                    }));
            List<Task<?>> left = new ArrayList<>(allTasks());
            left.remove(currentTask());
            assertEquals(1, left.size(), "the sibling task is still running");
            left.get(0).await();
            assertEquals(List.of("sibling"), finished);
        });
    }

    @LoopTest
    void checkedChildFailureIsWrappedInCompletionException(LoopHarness h) {
        h.run(() -> {
            IOException cause = new IOException("disk");
            CompletionException e = assertThrows(CompletionException.class, () -> gather(() -> {
                throw cause;
            }));
            assertSame(cause, e.getCause());
        });
    }

    @LoopTest
    void returnExceptionsPutsFailuresAndCancellationsInPlace(LoopHarness h) {
        IllegalStateException failure = new IllegalStateException("failed");
        List<Object> r = h.run(() -> {
            Future<String> ok = h.loop().createFuture();
            Future<String> failed = h.loop().createFuture();
            Future<String> cancelled = h.loop().createFuture();
            ok.setResult("ok");
            failed.setException(failure);
            cancelled.cancel("gone");
            return gatherReturnExceptions(List.of(ok, failed, cancelled));
        });
        assertEquals(3, r.size());
        assertEquals("ok", r.get(0));
        assertSame(failure, r.get(1));
        CancelledError ce = assertInstanceOf(CancelledError.class, r.get(2));
        assertEquals("gone", ce.getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void returnExceptionsOverCoroutinesWaitsForEveryChild(LoopHarness h) {
        long start = h.loop().time();
        List<Object> r = h.run(() -> gatherReturnExceptions(
                () -> {
                    sleep(ms(10));
                    throw new IllegalArgumentException("early");
                },
                () -> napThen(20, "late")));
        assertInstanceOf(IllegalArgumentException.class, r.get(0));
        assertEquals("late", r.get(1));
        assertEquals(ms(20).toNanos(), h.loop().time() - start);
    }

    @LoopTest
    void cancellingTheAwaitingTaskCancelsEveryChild(LoopHarness h) {
        h.run(() -> {
            Task<Integer> a = createTask(() -> napThen(HOUR.toMillis(), 1));
            Task<Integer> b = createTask(() -> napThen(HOUR.toMillis(), 2));
            Task<List<Integer>> waiter = createTask(() -> gather(a, b));
            sleep(Duration.ZERO);
            assertTrue(waiter.cancel());
            assertThrows(CancelledError.class, waiter::await);
            assertTrue(waiter.isCancelled());
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
        });
    }

    @LoopTest
    void cancellingTheAwaitingTaskThrowsCancelledErrorIntoStartedCoroutines(LoopHarness h) {
        List<String> seen = h.run(() -> {
            List<String> log = new ArrayList<>();
            Task<List<Object>> waiter = createTask(() -> gather(() -> child(log, "x"), () -> child(log, "y")));
            sleep(Duration.ZERO);
            sleep(Duration.ZERO);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
            return log;
        });
        assertEquals(List.of("x cancelled", "y cancelled"), seen);
    }

    @LoopTest
    void cancellingTheGatheringFutureCancelsChildrenAndTheAwaiterSeesCancelledError(LoopHarness h) {
        h.run(() -> {
            Task<Integer> a = createTask(() -> napThen(HOUR.toMillis(), 1));
            Task<Integer> b = createTask(() -> napThen(HOUR.toMillis(), 2));
            GatheringFuture g = gatherFuture(List.of(a, b), false);
            Task<String> awaiter = createTask(() -> {
                try {
                    g.await();
                    return "no error";
                } catch (CancelledError e) {
                    return "cancelled: " + e.getMessage();
                }
            });
            sleep(Duration.ZERO);
            assertTrue(g.cancel("stop"));
            assertEquals("cancelled: stop", awaiter.await());
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
            assertTrue(g.isDone());
            assertFalse(g.cancel(), "a done gathering cannot be cancelled again");
        });
    }

    @LoopTest
    void cancelMessageReachesTheAwaiterWithReturnExceptions(LoopHarness h) {
        h.run(() -> {
            Task<Object> looper = createTask(() -> {
                while (true) {
                    gatherReturnExceptions(() -> napThen(5, 0));
                }
            });
            sleep(ms(12));
            looper.cancel("my message");
            CancelledError e = assertThrows(CancelledError.class, looper::await);
            assertEquals("my message", e.getMessage());
        });
    }

    @LoopTest
    void childCancelledByOthersMakesGatherThrowCancelledError(LoopHarness h) {
        h.run(() -> {
            Task<Integer> victim = createTask(() -> napThen(HOUR.toMillis(), 1));
            Task<Integer> bystander = createTask(() -> napThen(5, 2));
            Task<Void> canceller = createTask(() -> {
                sleep(Duration.ZERO);
                victim.cancel("by others");
            });
            CancelledError e = assertThrows(CancelledError.class, () -> gather(victim, bystander));
            assertEquals("by others", e.getMessage());
            assertEquals(0, currentTask().cancelling(), "the caller itself was not cancelled");
            assertEquals(2, bystander.await());
            canceller.await();
        });
    }

    @LoopTest
    void childCancellationFinishesTheGatheringWithCancelledErrorWithoutCancellingIt(LoopHarness h) {
        h.run(() -> {
            Future<Integer> a = h.loop().createFuture();
            Future<Integer> b = h.loop().createFuture();
            GatheringFuture g = gatherFuture(List.of(a, b), false);
            b.cancel();
            sleep(Duration.ZERO);
            assertTrue(g.isDone());
            assertFalse(g.isCancelled(), "as asyncio: the outer future is finished, not cancelled");
            assertInstanceOf(CancelledError.class, g.exception());
            assertFalse(a.isDone(), "the other child is left alone");
            a.cancel();
        });
    }

    @LoopTest
    void futuresOfAnotherLoopAreRejected(LoopHarness h) {
        EventLoop other = LoopKind.VIRTUAL.create();
        try {
            Future<Integer> foreign = other.createFuture();
            h.run(() -> {
                Future<Integer> local = h.loop().createFuture();
                assertThrows(IllegalArgumentException.class, () -> gatherFuture(List.of(local, foreign), false));
                assertThrows(IllegalArgumentException.class, () -> gather(local, foreign));
            });
        } finally {
            other.close();
        }
    }

    @LoopTest
    void gatherFutureReturnsWithoutWaiting(LoopHarness h) {
        h.run(() -> {
            List<String> started = new ArrayList<>();
            Task<String> a = createTask(() -> {
                started.add("a");
                return "A";
            });
            GatheringFuture g = gatherFuture(List.of(a), false);
            assertFalse(g.isDone());
            assertEquals(List.of(), started, "gatherFuture did not yield to the loop");
            assertEquals(List.of("A"), g.await());
        });
    }

    @LoopTest
    void laterChildFailuresAreMarkedRetrievedOnceTheOuterHasFailed(LoopHarness h) {
        Object[] keep = new Object[1];
        h.run(() -> {
            Task<Integer> first = createTask(() -> {
                sleep(ms(1));
                throw new IllegalStateException("first");
            });
            Task<Integer> second = createTask(() -> {
                sleep(ms(5));
                throw new IllegalStateException("second");
            });
            keep[0] = second;
            assertEquals("first", assertThrows(IllegalStateException.class, () -> gather(first, second)).getMessage());
            // wait() ends when second does, without retrieving its exception itself.
            Asyncio.waitFutures(List.of(second));
        });
        assertEquals(List.of(), closeAndTakeReports(h));
        Reference.reachabilityFence(keep);
    }

    @LoopTest
    void unretrievedChildFailureIsReportedWhenNothingGathersIt(LoopHarness h) {
        // The control for the test above: the same failure, with no gather to mark it.
        Object[] keep = new Object[1];
        h.run(() -> {
            Task<Integer> lone = createTask(() -> {
                sleep(ms(1));
                throw new IllegalStateException("lone");
            });
            keep[0] = lone;
            Asyncio.waitFutures(List.of(lone));
        });
        List<ExceptionContext> reports = closeAndTakeReports(h);
        assertEquals(1, reports.size());
        assertEquals("lone", reports.get(0).exception().getMessage());
        Reference.reachabilityFence(keep);
    }

    @LoopTest
    void duplicateFuturesGiveOneResultPerArgument(LoopHarness h) {
        List<String> r = h.run(() -> {
            Task<String> a = createTask(() -> napThen(1, "a"));
            Task<String> b = createTask(() -> napThen(2, "b"));
            return gather(a, b, a, a);
        });
        assertEquals(List.of("a", "b", "a", "a"), r);
    }

    @LoopTest
    void cancellingAGatheringWhoseChildrenAreAllDoneFailsAndKeepsTheResult(LoopHarness h) {
        // CPython issue #26923: gather must not drop the result of children already done.
        h.run(() -> {
            Future<Integer> fut = h.loop().createFuture();
            Task<Integer> child = createTask(() -> fut.await());
            GatheringFuture g = gatherFuture(List.of(child), false);
            boolean[] cancelResult = {true};
            sleep(Duration.ZERO);
            // Added after the child's wake-up, so it runs once the child is done but before
            // the gathering has heard of it.
            fut.addDoneCallback(f -> cancelResult[0] = g.cancel());
            fut.setResult(42);
            assertEquals(List.of(42), g.await());
            assertFalse(cancelResult[0]);
            assertFalse(g.isCancelled());
        });
    }

    private static String child(List<String> log, String name) {
        try {
            sleep(HOUR);
            return name;
        } catch (CancelledError e) {
            log.add(name + " cancelled");
            throw e;
        }
    }

    private static <T> T napThen(long millis, T value) {
        sleep(ms(millis));
        return value;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Closes the loop, which reports every exception never retrieved, and takes those reports. */
    static List<ExceptionContext> closeAndTakeReports(LoopHarness h) {
        assertEquals(Set.of(), h.loop().allTasks(), "close only a loop with no task left");
        h.loop().close();
        return h.takeUnhandled();
    }
}
