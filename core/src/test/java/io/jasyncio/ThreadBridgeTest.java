package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The bridges between the loop and other threads: {@code toThread} and {@code runInExecutor}
 * (CPython's {@code test_threads.py}: value, exception, called once, concurrent calls), the
 * interruption of a worker whose caller is cancelled, {@code await(CompletionStage)} and
 * {@code wrapFuture}, {@code Future.toCompletableFuture}, {@code runCoroutineThreadsafe} from a
 * foreign thread, and the default executor's shutdown by {@code Asyncio.run}.
 *
 * <p>Work on other threads waits on latches with {@link #BOUND}, a generous bound that only a
 * broken bridge reaches. No timeout surrounds thread work: on the virtual-time loop the clock
 * jumps while a worker works, so such a timeout would expire at once. Tests whose worker may still
 * post its outcome after the test body ends wait for the executor to terminate, so the posted
 * callback is drained by the harness instead of arriving after its leak check.
 */
class ThreadBridgeTest {
    /** Generous: the hand-offs take microseconds; the bound only stops a broken one hanging the build. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** A real delay for work that must still be running when the loop shuts down (a lower bound only). */
    private static final Duration WORK = Duration.ofMillis(30);
    private static final RunOptions VIRTUAL = RunOptions.defaults().withLoop(LoopKind.VIRTUAL).withSigintHandling(false);

    private static boolean awaitLatch(CountDownLatch latch) throws InterruptedException {
        return latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets every default-executor worker finish, so whatever it posts reaches the harness's drain. */
    private static void settleWorkers(LoopHarness h) {
        assertTrue(h.loop().shutdownDefaultExecutor(BOUND), "a worker was still running after " + BOUND);
    }

    /** A worker body that blocks until interrupted, counting down {@code started} and {@code interrupted}. */
    private static Callable<String> blockUntilInterrupted(CountDownLatch started, CountDownLatch interrupted) {
        return () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                return "never interrupted";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    // ---- toThread ----

    @LoopTest
    void toThreadReturnsTheWorksValue(LoopHarness h) {
        assertEquals(42, h.run(() -> toThread(() -> 40 + 2)));
    }

    @LoopTest
    void toThreadRethrowsAnUncheckedExceptionAsItIs(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("test");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.run(() -> toThread(() -> {
            throw boom;
        })));
        assertSame(boom, e);
    }

    @LoopTest
    void toThreadWrapsACheckedExceptionInCompletionException(LoopHarness h) {
        IOException io = new IOException("disk");
        CompletionException e = assertThrows(CompletionException.class, () -> h.run(() -> toThread(() -> {
            throw io;
        })));
        assertSame(io, e.getCause());
    }

    @LoopTest
    void toThreadRunsTheWorkOnceOnAVirtualThreadOtherThanTheLoops(LoopHarness h) {
        AtomicInteger calls = new AtomicInteger();
        List<Object> r = h.run(() -> {
            Thread loopThread = Thread.currentThread();
            Thread worker = toThread(() -> {
                calls.incrementAndGet();
                return Thread.currentThread();
            });
            return List.of(worker != loopThread, worker.isVirtual());
        });
        assertEquals(List.of(true, true), r);
        assertEquals(1, calls.get());
    }

    @LoopTest
    void concurrentToThreadCallsEachRunOnce(LoopHarness h) {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> r = h.run(() -> {
            List<Task<Integer>> callers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                callers.add(createTask(() -> toThread(() -> {
                    calls.incrementAndGet();
                    return n;
                })));
            }
            return gather(callers);
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), r);
        assertEquals(10, calls.get());
    }

    @LoopTest
    void theLoopRunsOtherTasksWhileAWorkerBlocks(LoopHarness h) {
        // The worker only returns once the ticker has ticked three times: it can only do so if the
        // loop kept running while the awaiting task waited for the worker.
        String r = h.run(() -> {
            CountDownLatch ticked = new CountDownLatch(3);
            Task<Void> ticker = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    sleep(Duration.ofMillis(1));
                    ticked.countDown();
                }
            });
            String worker = toThread(() -> awaitLatch(ticked) ? "saw 3 ticks" : "loop stalled");
            ticker.await();
            return worker;
        });
        assertEquals("saw 3 ticks", r);
    }

    @LoopTest
    void cancellingTheAwaitingTaskInterruptsTheWorker(LoopHarness h) {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        boolean sawInterrupt = h.run(() -> {
            Task<String> caller = createTask(() -> toThread(blockUntilInterrupted(started, interrupted)));
            assertTrue(toThread(() -> awaitLatch(started)));
            caller.cancel();
            assertThrows(CancelledError.class, caller::await);
            return toThread(() -> awaitLatch(interrupted));
        });
        assertTrue(sawInterrupt);
        settleWorkers(h);
    }

    @Test
    void toThreadOutsideALoopFails() {
        assertThrows(IllegalStateException.class, () -> toThread(() -> 1));
    }

    // ---- runInExecutor ----

    @LoopTest
    void runInExecutorRunsOnTheGivenExecutorWithoutWaiting(LoopHarness h) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("given-pool").unstarted(r));
        CountDownLatch release = new CountDownLatch(1);
        try {
            String ranOn = h.run(() -> {
                Future<String> f = runInExecutor(pool, () -> {
                    awaitLatch(release);
                    return Thread.currentThread().getName();
                });
                // Starting the work does not wait for it.
                assertFalse(f.isDone());
                release.countDown();
                return f.await();
            });
            assertEquals("given-pool", ranOn);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @LoopTest
    void runInExecutorWithNullUsesTheLoopsDefaultExecutor(LoopHarness h) {
        List<Boolean> r = h.run(() -> {
            Thread loopThread = Thread.currentThread();
            Thread worker = runInExecutor(null, Thread::currentThread).await();
            return List.of(worker != loopThread, worker.isVirtual());
        });
        assertEquals(List.of(true, true), r);
    }

    @LoopTest
    void cancellingARunInExecutorFutureInterruptsTheWorkerOnTheGivenExecutor(LoopHarness h) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            boolean sawInterrupt = h.run(() -> {
                Future<String> f = runInExecutor(pool, blockUntilInterrupted(started, interrupted));
                assertTrue(toThread(() -> awaitLatch(started)));
                f.cancel();
                return toThread(() -> awaitLatch(interrupted));
            });
            assertTrue(sawInterrupt);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            settleWorkers(h);
        }
    }

    @LoopTest
    void runInExecutorThrowsWhenTheExecutorRefusesTheWork(LoopHarness h) {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        h.run(() -> {
            assertThrows(RejectedExecutionException.class, () -> runInExecutor(closed, () -> 1));
        });
    }

    // ---- await(CompletionStage) and wrapFuture ----

    @LoopTest
    void awaitReturnsTheResultOfAStageCompletedByAnotherThread(LoopHarness h) {
        String r = h.run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> cf.complete("from elsewhere"));
            return Asyncio.await(cf);
        });
        assertEquals("from elsewhere", r);
    }

    @LoopTest
    void awaitRethrowsAStagesUncheckedFailureUnwrapped(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("bad");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.run(() -> {
            // A dependent stage reports its failure wrapped in CompletionException.
            CompletableFuture<String> derived = CompletableFuture.completedFuture("x").thenApply(x -> {
                throw boom;
            });
            return Asyncio.await(derived);
        }));
        assertSame(boom, e);
    }

    @LoopTest
    void awaitWrapsAStagesCheckedFailureInCompletionException(LoopHarness h) {
        IOException io = new IOException("net");
        CompletionException e = assertThrows(CompletionException.class,
                () -> h.run(() -> Asyncio.await(CompletableFuture.<String>failedFuture(io))));
        assertSame(io, e.getCause());
    }

    @LoopTest
    void awaitOfACancelledStageThrowsCancelledError(LoopHarness h) {
        h.run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            createTask(() -> {
                cf.cancel(true);
            });
            assertThrows(CancelledError.class, () -> Asyncio.await(cf));
        });
    }

    @LoopTest
    void cancellingATaskAwaitingAStageCancelsTheStage(LoopHarness h) {
        CompletableFuture<String> cf = new CompletableFuture<>();
        h.run(() -> {
            Task<String> waiter = createTask(() -> Asyncio.await(cf));
            sleep(Duration.ZERO);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
        });
        assertTrue(cf.isCancelled());
    }

    @LoopTest
    void wrapFutureFollowsTheStageAndCancelsItWhenCancelled(LoopHarness h) {
        CompletableFuture<String> completed = new CompletableFuture<>();
        CompletableFuture<String> abandoned = new CompletableFuture<>();
        String r = h.run(() -> {
            Future<String> f = wrapFuture(completed);
            Future<String> g = wrapFuture(abandoned);
            assertFalse(f.isDone());
            toThread(() -> completed.complete("done"));
            g.cancel();
            return f.await();
        });
        assertEquals("done", r);
        assertTrue(abandoned.isCancelled());
    }

    // ---- Future.toCompletableFuture ----

    @LoopTest
    void toCompletableFutureLetsAnotherThreadWaitForTheResult(LoopHarness h) {
        String seen = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            CompletableFuture<String> cf = f.toCompletableFuture();
            assertFalse(cf.isDone());
            createTask(() -> {
                sleep(Duration.ZERO);
                f.setResult("value");
            });
            return toThread(() -> cf.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        });
        assertEquals("value", seen);
    }

    @LoopTest
    void toCompletableFutureCarriesAFailureAsItIs(LoopHarness h) {
        IOException io = new IOException("io");
        CompletableFuture<String> cf = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            CompletableFuture<String> c = f.toCompletableFuture();
            f.setException(io);
            // The done callback that completes c runs before this task's next step.
            sleep(Duration.ZERO);
            return c;
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        assertSame(io, e.getCause());
    }

    @LoopTest
    void toCompletableFutureOfACancelledFutureIsCancelled(LoopHarness h) {
        CompletableFuture<String> cf = h.run(() -> {
            Future<String> f = getRunningLoop().createFuture();
            CompletableFuture<String> c = f.toCompletableFuture();
            f.cancel();
            sleep(Duration.ZERO);
            return c;
        });
        assertTrue(cf.isCancelled());
    }

    @LoopTest
    void cancellingTheCompletableFutureFromAnotherThreadCancelsTheTask(LoopHarness h) {
        h.run(() -> {
            Task<String> t = createTask(() -> getRunningLoop().<String>createFuture().await());
            CompletableFuture<String> cf = t.toCompletableFuture();
            sleep(Duration.ZERO);
            assertTrue(toThread(() -> cf.cancel(true)));
            // The cancellation was posted before the worker's result, so it has reached the task.
            assertTrue(t.isCancelled());
            assertThrows(CancelledError.class, t::await);
        });
    }

    // ---- runCoroutineThreadsafe ----

    /** A loop run with runForever on a platform thread of its own, stopped and joined by stop(). */
    private static final class LoopThread {
        private final EventLoop loop;
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        LoopThread(EventLoop loop) throws InterruptedException {
            this.loop = loop;
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            thread = Thread.ofPlatform().name("loop-under-test").start(() -> {
                try {
                    loop.runForever();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            assertTrue(awaitLatch(running), "the loop thread did not start");
        }

        void stop() {
            loop.callSoonThreadsafe(loop::stop);
            try {
                thread.join(BOUND.toMillis());
            } catch (InterruptedException e) {
                throw new AssertionError("interrupted while stopping the loop", e);
            }
            assertFalse(thread.isAlive(), "the loop did not stop");
            if (failure.get() != null) {
                throw new AssertionError("the loop failed", failure.get());
            }
        }
    }

    @LoopTest
    void runCoroutineThreadsafeRunsTheCoroutineAsATaskOnTheLoopsThread(LoopHarness h) throws Exception {
        LoopThread lt = new LoopThread(h.loop());
        try {
            CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
                sleep(Duration.ofMillis(1));
                return currentTask() != null ? Thread.currentThread().getName() : "not in a task";
            }, h.loop());
            assertEquals("loop-under-test", cf.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            lt.stop();
        }
    }

    @LoopTest
    void runCoroutineThreadsafeCompletesExceptionallyWithTheFailure(LoopHarness h) throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        LoopThread lt = new LoopThread(h.loop());
        try {
            CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
                sleep(Duration.ZERO);
                throw boom;
            }, h.loop());
            ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            assertSame(boom, e.getCause());
        } finally {
            lt.stop();
        }
    }

    @LoopTest
    void cancellingTheCompletableFutureCancelsTheRunningTask(LoopHarness h) throws Exception {
        AtomicInteger cancellingSeen = new AtomicInteger(-1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        LoopThread lt = new LoopThread(h.loop());
        try {
            CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
                started.countDown();
                try {
                    return getRunningLoop().<String>createFuture().await();
                } catch (CancelledError e) {
                    cancellingSeen.set(currentTask().cancelling());
                    cancelled.countDown();
                    throw e;
                }
            }, h.loop());
            assertTrue(awaitLatch(started));
            assertTrue(cf.cancel(true));
            assertTrue(cf.cancel(true) || cf.isCancelled());
            assertTrue(awaitLatch(cancelled), "the task was not cancelled");
            assertEquals(1, cancellingSeen.get(), "the cancellation crosses the bridge once");
            assertThrows(CancellationException.class, cf::join);
        } finally {
            lt.stop();
        }
    }

    @LoopTest
    void aCoroutineCancelledBeforeTheLoopPicksItUpNeverRuns(LoopHarness h) throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<String> cf = runCoroutineThreadsafe(() -> {
            ran.set(true);
            return "ran";
        }, h.loop());
        assertTrue(cf.cancel(false));
        LoopThread lt = new LoopThread(h.loop());
        try {
            // Submitted after the first, so by the time it is done the first task has ended too.
            assertEquals("probe", runCoroutineThreadsafe(() -> "probe", h.loop()).get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            lt.stop();
        }
        assertFalse(ran.get());
        assertTrue(cf.isCancelled());
    }

    @Test
    void runCoroutineThreadsafeOnAClosedLoopFails() {
        EventLoop closed = LoopKind.SELECTOR.create();
        closed.close();
        assertThrows(IllegalStateException.class, () -> runCoroutineThreadsafe(() -> 1, closed));
    }

    // ---- the default executor ----

    @Test
    void runShutsTheDefaultExecutorDownWhenMainEnds() {
        ExecutorService ex = Asyncio.run(() -> {
            toThread(() -> 1);
            return getRunningLoop().defaultExecutor();
        }, VIRTUAL);
        assertTrue(ex.isShutdown());
        assertTrue(ex.isTerminated());
    }

    @Test
    void runLetsDefaultExecutorWorkFinishBeforeClosingTheLoop() {
        AtomicBoolean finished = new AtomicBoolean();
        Asyncio.run(() -> {
            // Started and not awaited: run() must wait for it rather than interrupt it.
            runInExecutor(null, () -> {
                Thread.sleep(WORK);
                finished.set(true);
                return null;
            });
        }, VIRTUAL);
        assertTrue(finished.get());
    }

    @Test
    void runInterruptsTheWorkerOfATaskItCancelsAtTheEnd() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Asyncio.run(() -> {
            createTask(() -> toThread(blockUntilInterrupted(started, interrupted)));
            assertTrue(toThread(() -> awaitLatch(started)));
        }, VIRTUAL);
        // Shutting the executor down waited for the worker, so it has seen the interrupt by now.
        assertEquals(0, interrupted.getCount());
    }

    @LoopTest
    void shutdownDefaultExecutorInterruptsWorkThatOutlastsTheTimeout(LoopHarness h) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ExecutorService ex = h.run(() -> {
            runInExecutor(null, () -> {
                try {
                    blockUntilInterrupted(started, interrupted).call();
                } catch (InterruptedException expected) {
                    // Ends normally: the future is never awaited, an exception would go unretrieved.
                }
                return null;
            });
            assertTrue(toThread(() -> awaitLatch(started)));
            return getRunningLoop().defaultExecutor();
        });
        assertFalse(h.loop().shutdownDefaultExecutor(Duration.ofMillis(1)));
        assertTrue(awaitLatch(interrupted));
        assertTrue(ex.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    }

    @LoopTest
    void shutdownDefaultExecutorReturnsTrueWhenNothingIsRunning(LoopHarness h) {
        assertTrue(h.loop().shutdownDefaultExecutor(Duration.ZERO));
        h.run(() -> toThread(() -> 1));
        assertTrue(h.loop().shutdownDefaultExecutor(BOUND));
    }
}
