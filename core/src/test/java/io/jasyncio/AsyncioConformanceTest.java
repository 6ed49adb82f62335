package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.sync.Condition;
import io.jasyncio.sync.Lock;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Issue 8, "Behave as asyncio does": each behaviour checked against CPython 3.11 running the
 * same program (the Python is quoted in each test's comment).
 */
class AsyncioConformanceTest {
    private static final Duration LONG = Duration.ofHours(1);

    // ---- waitFor with a timeout <= 0 ----

    /** {@code await wait_for(coro(), 0)}: TimeoutError, and the coroutine never ran. */
    @LoopTest
    void waitForWithAZeroOrNegativeTimeoutNeverStartsTheBlock(LoopHarness h) {
        List<String> ran = new ArrayList<>();
        h.run(() -> {
            for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
                AsyncTimeoutException e = assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> {
                    ran.add("started");
                    sleep(Duration.ofMillis(1));
                    return "late";
                }, timeout));
                assertInstanceOf(CancelledError.class, e.getCause());
            }
        });
        assertEquals(List.of(), ran);
    }

    /** A block that never suspends would finish before a call-soon timer fired: it must not escape. */
    @LoopTest
    void waitForWithAZeroTimeoutDoesNotLetABlockThatNeverSuspendsEscape(LoopHarness h) {
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> "at once", Duration.ZERO));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void waitForWithAZeroTimeoutStillYieldsToTheLoopOnce(LoopHarness h) {
        List<String> order = new ArrayList<>();
        h.run(() -> {
            createTask(() -> order.add("other task"));
            assertThrows(AsyncTimeoutException.class, () -> waitFor(() -> "x", Duration.ZERO));
            order.add("timeout");
        });
        assertEquals(List.of("other task", "timeout"), order);
    }

    // ---- TaskGroup and Errors ----

    /** A KeyboardInterrupt in a child comes out on its own, after the siblings were cancelled. */
    @LoopTest
    void anErrorInATaskGroupChildIsRethrownAloneAfterTheOthersWereCancelled(LoopHarness h) {
        List<String> events = new ArrayList<>();
        StackOverflowError boom = new StackOverflowError("deep");
        Throwable thrown = h.run(() -> assertThrows(StackOverflowError.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                g.createTask(() -> {
                    try {
                        sleep(LONG);
                    } catch (CancelledError e) {
                        events.add("sibling cancelled");
                        throw e;
                    }
                });
                g.createTask(() -> {
                    sleep(Duration.ofMillis(1));
                    throw boom;
                });
                g.createTask(() -> {
                    sleep(Duration.ofMillis(1));
                    throw new IllegalStateException("an ordinary failure beside it");
                });
            });
        }));
        assertSame(boom, thrown);
        assertEquals(List.of("sibling cancelled"), events);
    }

    @LoopTest
    void anErrorThrownByTheTaskGroupBlockItselfIsRethrownAlone(LoopHarness h) {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        List<String> events = new ArrayList<>();
        Throwable thrown = h.run(() -> assertThrows(OutOfMemoryError.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> {
                g.createTask(() -> {
                    try {
                        sleep(LONG);
                    } finally {
                        events.add("child ended");
                    }
                });
                sleep(Duration.ZERO);
                throw oom;
            });
        }));
        assertSame(oom, thrown);
        assertEquals(List.of("child ended"), events);
    }

    @LoopTest
    void aKeyboardInterruptInAChildIsNotWrappedInAnExceptionGroup(LoopHarness h) {
        KeyboardInterrupt ki = new KeyboardInterrupt(new CancelledError());
        Throwable thrown = h.run(() -> assertThrows(KeyboardInterrupt.class, () -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> g.createTask(() -> {
                throw ki;
            }));
        }));
        assertSame(ki, thrown);
    }

    // ---- gather(returnExceptions) and cancelled children ----

    /**
     * {@code gather(t, f, return_exceptions=True)} after {@code t.cancel("tmsg"); f.cancel("fmsg")}
     * gives {@code [CancelledError(''), CancelledError('fmsg')]}.
     */
    @LoopTest
    void gatherReturnExceptionsDropsTheCancelMessageOfATaskButKeepsAFuturesMessage(LoopHarness h) {
        List<Object> r = h.run(() -> {
            Task<Void> t = createTask(() -> sleep(LONG));
            Future<String> f = getRunningLoop().createFuture();
            GatheringFuture g = gatherFuture(List.of(t, f), true);
            sleep(Duration.ZERO);
            t.cancel("tmsg");
            f.cancel("fmsg");
            return g.await();
        });
        assertNull(assertInstanceOf(CancelledError.class, r.get(0)).getMessage());
        assertEquals("fmsg", assertInstanceOf(CancelledError.class, r.get(1)).getMessage());
    }

    @LoopTest
    void gatherWithoutReturnExceptionsStillRaisesTheTasksOwnCancellation(LoopHarness h) {
        CancelledError e = h.run(() -> {
            Task<Void> t = createTask(() -> sleep(LONG));
            GatheringFuture g = gatherFuture(List.of(t), false);
            sleep(Duration.ZERO);
            t.cancel("tmsg");
            return assertThrows(CancelledError.class, g::await);
        });
        assertEquals("tmsg", e.getMessage());
    }

    // ---- gather of nothing, of coroutines and futures together ----

    @LoopTest
    void gatherOfNothingReturnsAnEmptyList(LoopHarness h) {
        List<Object> r = h.run(() -> gather());
        assertEquals(List.of(), r);
    }

    @LoopTest
    void gatherTakesFuturesAndCoroutinesTogetherInArgumentOrder(LoopHarness h) {
        List<String> r = h.run(() -> {
            Task<String> running = createTask(() -> {
                sleep(Duration.ofMillis(2));
                return "task";
            });
            Future<String> plain = getRunningLoop().createFuture();
            getRunningLoop().callLater(Duration.ofMillis(1), () -> plain.setResult("future"));
            Callable<String> coro = () -> {
                sleep(Duration.ofMillis(3));
                return "coroutine";
            };
            AsyncRunnable noResult = () -> sleep(Duration.ZERO);
            return gather(running, coro, plain, noResult);
        });
        assertEquals(java.util.Arrays.asList("task", "coroutine", "future", null), r);
    }

    @LoopTest
    void gatherRefusesAnArgumentThatIsNeitherFutureNorCoroutineNamingOnlyItsType(LoopHarness h) {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("toString() must not be called while building an error");
            }
        };
        IllegalArgumentException e = h.run(() -> assertThrows(IllegalArgumentException.class, () -> gather(hostile, "x")));
        assertTrue(e.getMessage().startsWith("A Future, a Callable or an AsyncRunnable is required"), e.getMessage());
    }

    @LoopTest
    void gatherReturnExceptionsTakesFuturesAndCoroutinesTogether(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> r = h.run(() -> {
            Task<String> ok = createTask(() -> "ok");
            Callable<String> failing = () -> {
                throw boom;
            };
            return gatherReturnExceptions(ok, failing);
        });
        assertEquals(List.of("ok", boom), r);
    }

    // ---- createTask(AsyncRunnable, String) ----

    @LoopTest
    void aNamedTaskWithAVoidBodyCompilesAndKeepsItsName(LoopHarness h) {
        List<String> names = h.run(() -> {
            List<String> ran = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                ran.add("ran");
            }, "worker");
            TaskGroup g = new TaskGroup();
            Task<?>[] inGroup = new Task<?>[1];
            g.run(() -> {
                inGroup[0] = g.createTask(() -> sleep(Duration.ZERO), "group worker");
            });
            t.await();
            return List.of(t.getName(), inGroup[0].getName(), ran.get(0));
        });
        assertEquals(List.of("worker", "group worker", "ran"), names);
    }

    // ---- asyncio's messages ----

    @LoopTest
    void lockAndConditionUseAsyncioMessages(LoopHarness h) {
        Lock lock = new Lock();
        assertEquals("Lock is not acquired.", assertThrows(IllegalStateException.class, lock::release).getMessage());
        Condition c = new Condition(lock);
        assertEquals("cannot notify on un-acquired lock", assertThrows(IllegalStateException.class, c::signalAll).getMessage());
        assertEquals("cannot notify on un-acquired lock", assertThrows(IllegalStateException.class, () -> c.signal(1)).getMessage());
        h.run(() -> {
            assertEquals("cannot wait on un-acquired lock", assertThrows(IllegalStateException.class, c::await).getMessage());
        });
    }

    @LoopTest
    void timeoutUsesAsyncioMessages(LoopHarness h) {
        Timeout fresh = Timeout.after(LONG);
        assertEquals("Timeout has not been entered",
                assertThrows(IllegalStateException.class, () -> fresh.reschedule(0)).getMessage());
        assertEquals("Timeout should be used inside a task",
                assertThrows(IllegalStateException.class, () -> fresh.run(() -> "x")).getMessage());
        Timeout expired = Timeout.after(Duration.ofMillis(1));
        Timeout finished = Timeout.after(LONG);
        h.run(() -> {
            assertThrows(AsyncTimeoutException.class, () -> expired.run(() -> sleep(LONG)));
            finished.run(() -> sleep(Duration.ZERO));
            assertEquals("Timeout has already been entered",
                    assertThrows(IllegalStateException.class, () -> finished.run(() -> "again")).getMessage());
        });
        assertEquals("Cannot change state of expired Timeout",
                assertThrows(IllegalStateException.class, () -> expired.reschedule(0)).getMessage());
        assertEquals("Cannot change state of finished Timeout",
                assertThrows(IllegalStateException.class, () -> finished.reschedule(0)).getMessage());
    }

    @LoopTest
    void taskGroupAndWaitUseAsyncioMessages(LoopHarness h) {
        TaskGroup notEntered = new TaskGroup();
        String m = assertThrows(IllegalStateException.class, () -> notEntered.createTask(() -> 1)).getMessage();
        assertTrue(m.startsWith("TaskGroup ") && m.endsWith(" has not been entered"), m);
        assertTrue(assertThrows(IllegalStateException.class, () -> notEntered.run(() -> { })).getMessage()
                .endsWith(" cannot determine the parent task"));
        h.run(() -> {
            TaskGroup g = new TaskGroup();
            g.run(() -> { });
            assertTrue(assertThrows(IllegalStateException.class, () -> g.run(() -> { })).getMessage()
                    .endsWith(" has already been entered"));
            assertTrue(assertThrows(IllegalStateException.class, () -> g.createTask(() -> 1)).getMessage()
                    .endsWith(" is finished"));
            assertEquals("Set of Tasks/Futures is empty.", assertThrows(IllegalArgumentException.class,
                    () -> waitFutures(List.<Future<String>>of())).getMessage());
        });
    }

    @LoopTest
    void asyncGeneratorsUseAsyncioMessages(LoopHarness h) {
        h.run(() -> {
            AsyncGenerator<Integer> stubborn = AsyncGenerator.of(out -> {
                while (true) {
                    try {
                        out.emit(1);
                    } catch (GeneratorExit e) {
                        out.emit(2);
                    }
                }
            });
            stubborn.next();
            assertEquals("async generator ignored GeneratorExit",
                    assertThrows(IllegalStateException.class, stubborn::close).getMessage());
            AsyncGenerator<?>[] self = new AsyncGenerator<?>[1];
            AsyncGenerator<Integer> reentrant = AsyncGenerator.of(out -> out.emit(self[0].hasNext() ? 1 : 0));
            self[0] = reentrant;
            assertEquals("asynchronous generator is already running",
                    assertThrows(IllegalStateException.class, reentrant::next).getMessage());
        });
    }
}
