package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Running and closing an {@link EventLoop}: {@code runForever} / {@code stop},
 * {@code runUntilComplete}, the guards against running a loop twice or two loops in one thread,
 * {@code close}, the running-loop lookup, and the task and future factories of the loop.
 */
class RunLifecycleTest {

    private static void runOneIteration(EventLoop loop) {
        EventLoopCallbackTest.runOneIteration(loop);
    }

    @LoopTest
    void runForeverRunsUntilACallbackStopsIt(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Boolean> runningInside = new ArrayList<>();
        loop.callLater(Duration.ofMillis(5), () -> {
            runningInside.add(loop.isRunning());
            loop.stop();
        });
        assertFalse(loop.isRunning());
        loop.runForever();
        assertEquals(List.of(true), runningInside);
        assertFalse(loop.isRunning());
    }

    @LoopTest
    void stopLetsTheRestOfTheIterationRun(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callSoon(loop::stop);
        loop.callSoon(() -> out.add("same iteration"));
        loop.runForever();
        assertEquals(List.of("same iteration"), out);
    }

    @LoopTest
    void stopBeforeRunMakesTheRunOneIterationWithoutWaitingForTimers(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        TimerHandle far = loop.callLater(Duration.ofHours(1), () -> out.add("timer"));
        loop.callSoon(() -> {
            out.add("a");
            loop.callSoon(() -> out.add("b"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("a"), out);
        if (h.isVirtualTime()) {
            assertEquals(0, loop.time(), "a stopping loop polls with timeout 0, so the clock must not jump");
        }
        far.cancel();
        runOneIteration(loop);
        assertEquals(List.of("a", "b"), out, "the stop request is used up by the run it stopped");
    }

    @LoopTest
    void stoppedLoopCanRunAgain(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            loop.callSoon(() -> out.add(n));
            runOneIteration(loop);
        }
        assertEquals(List.of(0, 1, 2), out);
    }

    @LoopTest
    void runUntilCompleteReturnsTheResult(LoopHarness h) {
        EventLoop loop = h.loop();
        Future<String> f = loop.createFuture();
        loop.callLater(Duration.ofMillis(2), () -> f.setResult("ok"));
        assertEquals("ok", loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
    }

    @LoopTest
    void runUntilCompleteOfACoroutineRunsItAsATask(LoopHarness h) {
        EventLoop loop = h.loop();
        Object[] seen = new Object[2];
        String r = loop.runUntilComplete(() -> {
            seen[0] = loop.currentTask();
            seen[1] = EventLoop.getRunningLoop();
            return "done";
        });
        assertEquals("done", r);
        assertInstanceOf(Task.class, seen[0]);
        assertSame(loop, seen[1]);
    }

    @LoopTest
    void runUntilCompleteRethrowsTheFailure(LoopHarness h) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> h.loop().runUntilComplete(() -> {
            throw boom;
        })));
        IOException checked = new IOException("io");
        CompletionException wrapped = assertThrows(CompletionException.class, () -> h.loop().runUntilComplete(() -> {
            throw checked;
        }));
        assertSame(checked, wrapped.getCause());
    }

    @LoopTest
    void runUntilCompleteThrowsWhenTheLoopStopsFirst(LoopHarness h) {
        EventLoop loop = h.loop();
        Future<String> f = loop.createFuture();
        loop.callSoon(loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f));
        assertTrue(e.getMessage().contains("stopped before"), e.getMessage());
        assertFalse(f.isDone());
        assertFalse(loop.isRunning());

        f.setResult("late");
        assertEquals(0, loop.statistics().readyCallbacks(), "the stop callback of the aborted run must be removed");
    }

    @LoopTest
    void runUntilCompleteOfADoneFutureReturnsAtOnce(LoopHarness h) {
        Future<Integer> f = h.loop().createFuture();
        f.setResult(7);
        assertEquals(7, h.loop().runUntilComplete(f));
    }

    @LoopTest
    void runUntilCompleteRejectsAFutureOfAnotherLoop(LoopHarness h) {
        try (EventLoop other = LoopKind.VIRTUAL.create()) {
            Future<String> foreign = other.createFuture();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.loop().runUntilComplete(foreign));
            assertTrue(e.getMessage().contains("another event loop"), e.getMessage());
            assertFalse(h.loop().isRunning());
        }
    }

    @LoopTest
    void runningALoopThatIsRunningThrows(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Throwable> errors = new ArrayList<>();
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> {
            errors.add(assertThrows(IllegalStateException.class, loop::runForever));
            errors.add(assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(f)));
        });
        runOneIteration(loop);
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).getMessage().contains("already running"), errors.get(0).getMessage());
        f.setResult("x");
        assertEquals(0, loop.statistics().readyCallbacks(), "the failed nested run left no stop callback on the future");
    }

    @LoopTest
    void runningASecondLoopInTheSameThreadThrows(LoopHarness h) {
        try (EventLoop other = LoopKind.SELECTOR.create()) {
            List<Throwable> errors = new ArrayList<>();
            h.loop().callSoon(() -> errors.add(assertThrows(IllegalStateException.class, other::runForever)));
            runOneIteration(h.loop());
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).getMessage().contains("another loop"), errors.get(0).getMessage());
            assertFalse(other.isRunning());

            List<String> out = new ArrayList<>();
            other.callSoon(() -> out.add("other ran"));
            runOneIteration(other);
            assertEquals(List.of("other ran"), out, "the refused loop is still usable once the thread is free");
        }
    }

    @LoopTest
    void closingARunningLoopThrows(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> errors.add(assertThrows(IllegalStateException.class, loop::close)));
        runOneIteration(loop);
        assertEquals(1, errors.size());
        assertFalse(loop.isClosed());
    }

    @LoopTest
    void closeIsIdempotentAndRefusesNewWork(LoopHarness h) {
        EventLoop loop = h.loop();
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.callLater(Duration.ZERO, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callAt(0, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
        assertTrue(loop.toString().contains("closed=true"), loop.toString());
    }

    @LoopTest
    void closeDiscardsPendingCallbacksAndTimers(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> out.add("soon"));
        TimerHandle timer = loop.callLater(Duration.ofMillis(1), () -> out.add("timer"));
        loop.close();
        assertEquals(0, loop.statistics().readyCallbacks());
        assertEquals(0, loop.statistics().liveTimers());
        timer.cancel();
        assertEquals(0, loop.statistics().liveTimers());
        assertEquals(List.of(), out);
    }

    @LoopTest
    void closeReportsExceptionsNeverRetrieved(LoopHarness h) {
        EventLoop loop = h.loop();
        Future<String> f = loop.createFuture();
        RuntimeException lost = new IllegalStateException("lost");
        f.setException(lost);
        loop.close();
        Reference.reachabilityFence(f);
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertSame(lost, reports.get(0).exception());
        assertTrue(reports.get(0).message().contains("never retrieved"), reports.get(0).message());
    }

    @LoopTest
    void getRunningLoopFindsTheLoopOnlyWhileItRuns(LoopHarness h) {
        EventLoop loop = h.loop();
        IllegalStateException outside = assertThrows(IllegalStateException.class, EventLoop::getRunningLoop);
        assertTrue(outside.getMessage().contains("no running event loop"), outside.getMessage());
        assertNull(EventLoop.runningLoopOrNull());

        Object[] inside = new Object[2];
        loop.callSoon(() -> {
            inside[0] = EventLoop.getRunningLoop();
            inside[1] = EventLoop.runningLoopOrNull();
        });
        runOneIteration(loop);
        assertSame(loop, inside[0]);
        assertSame(loop, inside[1]);
        assertNull(EventLoop.runningLoopOrNull());
    }

    @LoopTest
    void toStringShowsWhetherTheLoopRuns(LoopHarness h) {
        EventLoop loop = h.loop();
        String[] inside = new String[1];
        loop.callSoon(() -> inside[0] = loop.toString());
        runOneIteration(loop);
        assertTrue(inside[0].contains("running=true"), inside[0]);
        assertTrue(loop.toString().contains("running=false"), loop.toString());
    }

    @LoopTest
    void createTaskNamesTheTaskAndTheLoopTracksItUntilItEnds(LoopHarness h) {
        EventLoop loop = h.loop();
        Task<Integer> named = loop.createTask(() -> 1, "worker");
        Task<Integer> unnamed = loop.createTask(() -> 2, null);
        Task<Integer> plain = loop.createTask(() -> 3);
        assertEquals("worker", named.getName());
        assertTrue(unnamed.getName().startsWith("Task-"), unnamed.getName());
        assertEquals(3, loop.allTasks().size());
        assertEquals(List.of(named, unnamed, plain), List.copyOf(loop.allTasks()));
        assertNull(loop.currentTask(), "no task runs between runs");

        assertEquals(3, loop.runUntilComplete(plain));
        assertTrue(named.isDone() && unnamed.isDone());
        assertEquals(List.of(), List.copyOf(loop.allTasks()));
    }

    @LoopTest
    void currentTaskIsTheTaskWhoseStepRunsAndNullInAPlainCallback(LoopHarness h) {
        EventLoop loop = h.loop();
        Object[] inCallback = {"unset"};
        loop.callSoon(() -> inCallback[0] = loop.currentTask());
        Task<?>[] self = new Task<?>[1];
        Task<?> t = loop.createTask(() -> {
            self[0] = loop.currentTask();
            return null;
        });
        loop.runUntilComplete(t);
        assertNull(inCallback[0]);
        assertSame(t, self[0]);
    }

    @LoopTest
    void createFutureMakesAPendingFutureOfThisLoop(LoopHarness h) {
        Future<String> f = h.loop().createFuture();
        assertSame(h.loop(), f.loop());
        assertFalse(f.isDone());
    }
}
