package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The ready queue of {@link EventLoop}: {@code callSoon} order, asyncio's one-iteration rule
 * (step 4 runs only what was ready when it began), {@link Handle} cancellation, and what happens
 * to an exception thrown by a callback.
 */
class EventLoopCallbackTest {

    /** Runs exactly one iteration: the stop callback is ready, so the poll does not wait. */
    static void runOneIteration(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @LoopTest
    void callSoonRunsCallbacksInTheOrderTheyWereScheduled(LoopHarness h) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            h.loop().callSoon(() -> out.add(n));
        }
        runOneIteration(h.loop());
        assertEquals(IntStream.range(0, 20).boxed().toList(), out);
    }

    @LoopTest
    void callbackScheduledByACallbackRunsInTheNextIteration(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            out.add("a");
            loop.callSoon(() -> out.add("c"));
        });
        loop.callSoon(() -> out.add("b"));
        runOneIteration(loop);
        assertEquals(List.of("a", "b"), out, "c was scheduled during step 4 and must wait");

        runOneIteration(loop);
        assertEquals(List.of("a", "b", "c"), out);
    }

    @LoopTest
    void selfReschedulingCallbackRunsOncePerIterationAndDoesNotStarveStop(LoopHarness h) {
        EventLoop loop = h.loop();
        int[] runs = {0};
        Handle[] next = new Handle[1];
        Runnable again = new Runnable() {
            @Override
            public void run() {
                runs[0]++;
                next[0] = loop.callSoon(this);
            }
        };
        next[0] = loop.callSoon(again);
        runOneIteration(loop);
        assertEquals(1, runs[0]);
        runOneIteration(loop);
        assertEquals(2, runs[0]);
        next[0].cancel();
    }

    @LoopTest
    void cancelledHandleIsSkipped(LoopHarness h) {
        List<String> out = new ArrayList<>();
        Handle a = h.loop().callSoon(() -> out.add("a"));
        h.loop().callSoon(() -> out.add("b"));
        assertFalse(a.isCancelled());
        a.cancel();
        assertTrue(a.isCancelled());
        runOneIteration(h.loop());
        assertEquals(List.of("b"), out);
    }

    @LoopTest
    void handleCancelledByAnEarlierCallbackOfTheSameIterationDoesNotRun(LoopHarness h) {
        List<String> out = new ArrayList<>();
        Handle[] victim = new Handle[1];
        h.loop().callSoon(() -> victim[0].cancel());
        victim[0] = h.loop().callSoon(() -> out.add("victim"));
        h.loop().callSoon(() -> out.add("after"));
        runOneIteration(h.loop());
        assertEquals(List.of("after"), out);
    }

    @LoopTest
    void handleExposesItsCallbackAndRunsItUnlessCancelled(LoopHarness h) {
        int[] runs = {0};
        Runnable callback = () -> runs[0]++;
        Handle handle = h.loop().callSoon(callback);
        assertSame(callback, handle.callback());
        handle.run();
        assertEquals(1, runs[0]);
        handle.cancel();
        assertTrue(handle.toString().contains("cancelled"), handle.toString());
        handle.run();
        runOneIteration(h.loop());
        assertEquals(1, runs[0], "a cancelled handle runs neither directly nor from the ready queue");
    }

    @LoopTest
    void callSoonRejectsANullCallback(LoopHarness h) {
        assertThrows(NullPointerException.class, () -> h.loop().callSoon(null));
        assertEquals(0, h.loop().statistics().readyCallbacks());
    }

    @LoopTest
    void exceptionInACallbackGoesToTheHandlerAndTheLoopKeepsRunning(LoopHarness h) {
        List<String> out = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("boom");
        Handle bad = h.loop().callSoon(() -> {
            throw boom;
        });
        h.loop().callSoon(() -> out.add("after"));
        runOneIteration(h.loop());
        assertEquals(List.of("after"), out);

        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        ExceptionContext c = reports.get(0);
        assertSame(boom, c.exception());
        assertSame(bad, c.source());
        assertTrue(c.message().startsWith("Exception in callback"), c.message());
    }

    @LoopTest
    void errorThatIsNotAVirtualMachineErrorIsReportedLikeAnException(LoopHarness h) {
        AssertionError failed = new AssertionError("check failed in a callback");
        h.loop().callSoon(() -> {
            throw failed;
        });
        runOneIteration(h.loop());
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertSame(failed, reports.get(0).exception());
    }

    @LoopTest
    void virtualMachineErrorInACallbackEscapesRunForeverAndLeavesTheLoopReusable(LoopHarness h) {
        EventLoop loop = h.loop();
        // Not a real OOM: the loop must let any VirtualMachineError through, as asyncio lets SystemExit through.
        OutOfMemoryError fatal = new OutOfMemoryError("simulated");
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            throw fatal;
        });
        loop.callSoon(() -> out.add("later"));
        assertSame(fatal, assertThrows(OutOfMemoryError.class, loop::runForever));
        assertFalse(loop.isRunning());
        assertNull(EventLoop.runningLoopOrNull());

        runOneIteration(loop);
        assertEquals(List.of("later"), out);
    }

    @LoopTest
    void callSoonOnAClosedLoopThrows(LoopHarness h) {
        h.loop().close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.loop().callSoon(() -> { }));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
