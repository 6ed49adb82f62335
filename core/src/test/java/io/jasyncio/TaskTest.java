package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Task} and the task functions of {@link Asyncio}: when steps run, what yields and what
 * does not, how outcomes propagate, names, {@code currentTask()}, {@code allTasks()} and the
 * loop's strong hold on unfinished tasks. Ports the behaviours of CPython's
 * {@code Lib/test/test_asyncio/test_tasks.py} (cancellation is in {@link TaskCancellationTest}).
 */
class TaskTest {

    // ---- steps ----

    @LoopTest
    void taskStartsInTheNextIterationNotAtCreation(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> t = createTask(() -> {
                log.add("task body");
            });
            log.add("created");
            assertEquals(List.of("created"), log);
            sleep(Duration.ZERO);
            assertEquals(List.of("created", "task body"), log);
            assertTrue(t.isDone());
            t.await();
        });
    }

    @LoopTest
    void taskCreatedOnAStoppedLoopRunsOnlyWhenTheLoopRuns(LoopHarness h) {
        List<String> log = new ArrayList<>();
        Task<String> t = h.loop().createTask(() -> {
            log.add("ran");
            return "r";
        });
        assertEquals(List.of(), log);
        assertFalse(t.isDone());
        assertEquals("r", h.loop().runUntilComplete(t));
        assertEquals(List.of("ran"), log);
    }

    @Test
    void tasksAreMadeByCreateTaskNotByAPublicConstructor() {
        // Issue 8: the loop's createTask is the one way in, as asyncio's loop.create_task.
        assertEquals(0, Task.class.getConstructors().length);
    }

    @LoopTest
    void createTaskRejectsNullCoroutine(LoopHarness h) {
        assertThrows(NullPointerException.class, () -> h.loop().createTask(null, "none"));
        assertEquals(Set.of(), h.loop().allTasks());
    }

    @LoopTest
    void createTaskOnAClosedLoopIsIllegalState(LoopHarness h) {
        EventLoop closed = LoopKind.VIRTUAL.create();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.createTask(() -> "never"));
        assertEquals(Set.of(), closed.allTasks());
    }

    @LoopTest
    void awaitingADoneTaskDoesNotYield(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<String> done = createTask(() -> "early");
            sleep(Duration.ZERO);
            assertTrue(done.isDone());
            Task<Void> other = createTask(() -> {
                log.add("other");
            });
            log.add(done.await());
            log.add("after await");
            other.await();
        });
        assertEquals(List.of("early", "after await", "other"), log);
    }

    @LoopTest
    void sleepZeroYieldsExactlyOnce(LoopHarness h) {
        // asyncio: a1 b1 a2 b2 a3 b3 for two coroutines that each log, sleep(0), log, sleep(0), log.
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> a = createTask(() -> stepper("a", log));
            Task<Void> b = createTask(() -> stepper("b", log));
            a.await();
            b.await();
        });
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), log);
    }

    private static void stepper(String name, List<String> log) {
        log.add(name + "1");
        sleep(Duration.ZERO);
        log.add(name + "2");
        sleep(Duration.ZERO);
        log.add(name + "3");
    }

    @LoopTest
    void taskThatNeverWaitsRunsInOneStep(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> a = createTask(() -> {
                log.add("a1");
                sleep(Duration.ZERO);
                log.add("a2");
            });
            Task<Void> b = createTask(() -> {
                log.add("b1");
                log.add("b2");
            });
            a.await();
            b.await();
        });
        assertEquals(List.of("a1", "b1", "b2", "a2"), log);
    }

    @LoopTest
    void negativeSleepYieldsLikeZero(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            Task<Void> other = createTask(() -> {
                log.add("other");
            });
            log.add("before");
            sleep(Duration.ofMillis(-5));
            log.add("after");
            other.await();
        });
        assertEquals(List.of("before", "other", "after"), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void sleepSuspendsForTheDelayInLoopTime(LoopHarness h) {
        long took = h.run(() -> {
            long start = time();
            sleep(Duration.ofSeconds(3));
            return time() - start;
        });
        assertEquals(Duration.ofSeconds(3).toNanos(), took);
    }

    @LoopTest
    void sleepOutsideATaskIsIllegalState(LoopHarness h) {
        assertThrows(IllegalStateException.class, () -> sleep(Duration.ofMillis(1)));
        assertThrows(IllegalStateException.class, () -> sleep(Duration.ZERO));
    }

    // ---- outcomes ----

    @LoopTest
    void taskResultIsTheCoroutinesReturnValue(LoopHarness h) {
        Task<Integer> t = h.loop().createTask(() -> 42);
        assertEquals(42, h.loop().runUntilComplete(t));
        assertTrue(t.isDone());
        assertFalse(t.isCancelled());
        assertEquals(42, t.result());
        assertNull(t.exception());
    }

    @LoopTest
    void uncheckedExceptionPropagatesAsTheSameInstance(LoopHarness h) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Task<String> t = h.loop().createTask(() -> {
            sleep(Duration.ZERO);
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> h.loop().runUntilComplete(t)));
        assertSame(boom, t.exception());
        assertFalse(t.isCancelled());
    }

    @LoopTest
    void checkedExceptionIsWrappedByResultAndOriginalInException(LoopHarness h) {
        IOException boom = new IOException("boom");
        Task<String> t = h.loop().createTask(() -> {
            throw boom;
        });
        CompletionException e = assertThrows(CompletionException.class, () -> h.loop().runUntilComplete(t));
        assertSame(boom, e.getCause());
        assertSame(boom, t.exception());
    }

    @LoopTest
    void errorPropagatesAsTheSameInstance(LoopHarness h) {
        FutureTest.TestError boom = new FutureTest.TestError("boom");
        Task<String> t = h.loop().createTask(() -> {
            throw boom;
        });
        assertSame(boom, assertThrows(FutureTest.TestError.class, () -> h.loop().runUntilComplete(t)));
        assertSame(boom, t.exception());
    }

    @LoopTest
    void taskExceptionPropagatesToAnAwaitingTask(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("inner failed");
        String r = h.run(() -> {
            Task<String> inner = createTask(() -> {
                sleep(Duration.ofMillis(1));
                throw boom;
            });
            Task<String> outer = createTask(() -> {
                try {
                    return inner.await();
                } catch (IllegalStateException e) {
                    assertSame(boom, e);
                    return "outer saw " + e.getMessage();
                }
            });
            return outer.await();
        });
        assertEquals("outer saw inner failed", r);
    }

    @LoopTest
    void uncaughtExceptionFailsTheAwaitingTaskToo(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("inner failed");
        Task<String> outer = h.loop().createTask(() -> {
            Task<String> inner = createTask(() -> {
                throw boom;
            });
            return inner.await();
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> h.loop().runUntilComplete(outer)));
        assertSame(boom, outer.exception());
    }

    @LoopTest
    void setResultOnTaskIsUnsupported(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "real");
        assertThrows(UnsupportedOperationException.class, () -> t.setResult("fake"));
        assertFalse(t.isDone());
        assertEquals("real", h.loop().runUntilComplete(t));
    }

    @LoopTest
    void setExceptionOnTaskIsUnsupported(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "real");
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new IllegalStateException("fake")));
        assertFalse(t.isDone());
        assertEquals("real", h.loop().runUntilComplete(t));
    }

    @LoopTest
    void taskAwaitingItselfIsIllegalState(LoopHarness h) {
        String r = h.run(() -> {
            Task<?> self = currentTask();
            IllegalStateException e = assertThrows(IllegalStateException.class, self::await);
            assertTrue(e.getMessage().contains("Task cannot await on itself"), e.getMessage());
            return "still running";
        });
        assertEquals("still running", r);
    }

    // ---- names, coroutine, toString ----

    @LoopTest
    void defaultNamesAreTaskNAndDistinct(LoopHarness h) {
        Task<String> a = h.loop().createTask(() -> "a");
        Task<String> b = h.loop().createTask(() -> "b");
        assertTrue(a.getName().matches("Task-\\d+"), a.getName());
        assertTrue(b.getName().matches("Task-\\d+"), b.getName());
        long na = Long.parseLong(a.getName().substring(5));
        long nb = Long.parseLong(b.getName().substring(5));
        assertTrue(nb > na, a.getName() + " then " + b.getName());
        h.loop().runUntilComplete(a);
        h.loop().runUntilComplete(b);
    }

    @LoopTest
    void createTaskTakesAName(LoopHarness h) {
        String name = h.run(() -> {
            Task<String> t = createTask(() -> currentTask().getName(), "worker");
            assertEquals("worker", t.getName());
            return t.await();
        });
        assertEquals("worker", name);
    }

    @LoopTest
    void setNameRenamesAndRejectsNull(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "x");
        t.setName("renamed");
        assertEquals("renamed", t.getName());
        assertTrue(t.toString().contains("renamed"), t.toString());
        assertThrows(NullPointerException.class, () -> t.setName(null));
        assertEquals("renamed", t.getName());
        h.loop().runUntilComplete(t);
    }

    @LoopTest
    void getCoroIsTheCallableUntilTheTaskFinishes(LoopHarness h) {
        Callable<String> coro = () -> "x";
        Task<String> t = h.loop().createTask(coro);
        assertSame(coro, t.getCoro());
        h.loop().runUntilComplete(t);
        assertNull(t.getCoro());
    }

    @LoopTest
    void createTaskOfAsyncRunnableHasNullResult(LoopHarness h) {
        List<String> log = new ArrayList<>();
        Object r = h.run(() -> {
            Task<Void> t = createTask(() -> {
                log.add("ran");
            });
            return t.await();
        });
        assertNull(r);
        assertEquals(List.of("ran"), log);
    }

    @LoopTest
    void toStringNamesTaskAndState(LoopHarness h) {
        Task<String> t = h.loop().createTask(() -> "x", "shown");
        assertTrue(t.toString().contains("shown"), t.toString());
        assertTrue(t.toString().contains("pending"), t.toString());
        h.loop().runUntilComplete(t);
        assertTrue(t.toString().contains("finished"), t.toString());
    }

    // ---- currentTask, allTasks ----

    @LoopTest
    void currentTaskInsideATaskIsThatTask(LoopHarness h) {
        h.run(() -> {
            AtomicReference<Task<?>> seen = new AtomicReference<>();
            Task<Void> t = createTask(() -> {
                seen.set(currentTask());
                sleep(Duration.ZERO);
                assertSame(seen.get(), currentTask(), "still the same task after a yield");
            });
            t.await();
            assertSame(t, seen.get());
            assertNotSame(t, currentTask());
        });
    }

    @LoopTest
    void currentTaskIsNullOutsideTasksAndInCallbacks(LoopHarness h) {
        assertNull(currentTask());
        assertNull(h.loop().currentTask());
        AtomicReference<Object> inCallback = new AtomicReference<>("not run");
        h.run(() -> {
            getRunningLoop().callSoon(() -> inCallback.set(currentTask()));
            sleep(Duration.ZERO);
        });
        assertNull(inCallback.get());
    }

    @LoopTest
    void allTasksHoldsPendingTasksNotFinishedOnes(LoopHarness h) {
        h.run(() -> {
            Future<Void> gate = getRunningLoop().createFuture();
            Task<Void> waiting = createTask(() -> {
                gate.await();
            });
            Task<String> quick = createTask(() -> "quick");
            sleep(Duration.ZERO);
            Set<Task<?>> all = allTasks();
            assertTrue(all.contains(currentTask()));
            assertTrue(all.contains(waiting));
            assertFalse(all.contains(quick), "a finished task leaves allTasks");
            assertEquals(2, all.size());
            gate.setResult(null);
            waiting.await();
            assertEquals(Set.of(currentTask()), allTasks());
        });
        assertEquals(Set.of(), h.loop().allTasks());
    }

    @LoopTest
    void taskFunctionsNeedARunningLoop(LoopHarness h) {
        assertThrows(IllegalStateException.class, Asyncio::allTasks);
        assertThrows(IllegalStateException.class, () -> createTask(() -> "x"));
        assertEquals(Set.of(), h.loop().allTasks(), "nothing was created on any loop");
    }

    @Test
    void newRegistryIsEmpty() {
        TaskRegistry registry = new TaskRegistry();
        assertNull(registry.current());
        assertEquals(Set.of(), registry.all());
        assertEquals(0, registry.size());
    }

    @LoopTest
    void allTasksIsASnapshotOldestFirst(LoopHarness h) {
        Task<String> a = h.loop().createTask(() -> "a");
        Task<String> b = h.loop().createTask(() -> "b");
        Task<String> c = h.loop().createTask(() -> "c");
        Set<Task<?>> snapshot = h.loop().allTasks();
        assertEquals(List.of(a, b, c), List.copyOf(snapshot));
        assertEquals(3, TaskRegistry.of(h.loop()).size());
        h.loop().runUntilComplete(c);
        assertEquals(List.of(a, b, c), List.copyOf(snapshot), "a snapshot does not change");
        assertEquals(Set.of(), h.loop().allTasks());
        assertEquals(0, TaskRegistry.of(h.loop()).size());
    }

    @LoopTest
    void unreferencedTaskIsHeldByTheLoopUntilItFinishes(LoopHarness h) {
        // asyncio holds tasks weakly and may lose this one ("Task was destroyed but it is pending!").
        List<String> log = new ArrayList<>();
        h.run(() -> {
            WeakReference<Task<Void>> orphan = new WeakReference<>(spawnOrphan(log));
            // Once it waits, only the loop's registry reaches it: its step is no longer queued.
            sleep(Duration.ZERO);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Task<Void> found = orphan.get();
            assertNotNull(found, "the loop must keep an unfinished task alive");
            assertTrue(allTasks().contains(found));
            found.cancel();
            assertThrows(CancelledError.class, found::await);
        });
        assertEquals(List.of("orphan waiting", "orphan cleaned up"), log);
    }

    /** Starts a task that waits on a future only it can reach, and keeps no reference to it. */
    private static Task<Void> spawnOrphan(List<String> log) {
        return createTask(() -> {
            Future<Void> never = getRunningLoop().createFuture();
            log.add("orphan waiting");
            try {
                never.await();
            } finally {
                log.add("orphan cleaned up");
            }
        });
    }

    @LoopTest
    void fireAndForgetTaskRunsToTheEnd(LoopHarness h) {
        List<String> log = new ArrayList<>();
        h.run(() -> {
            createTask(() -> {
                sleep(Duration.ofMillis(2));
                log.add("side effect");
            });
            System.gc();
            for (int i = 0; i < 100 && allTasks().size() > 1; i++) {
                sleep(Duration.ofMillis(1));
            }
        });
        assertEquals(List.of("side effect"), log);
    }
}
