package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Task's state machine (issue 8): a wake-up taken back when the task cannot suspend leaves no
 * stray step behind, cancellation requests are counted in the state word, and a cancellation
 * requested during a step is delivered at the next suspension.
 */
class TaskStateTest {

    /** Yields in its class initializer, where a continuation is pinned; touched first from a task. */
    static final class YieldsInInitializer {
        static final String VALUE;

        static {
            sleep(Duration.ZERO);
            VALUE = "initialized";
        }

        private YieldsInInitializer() {
        }
    }

    /**
     * sleep(0) queues the task's step before it finds it cannot suspend; the step it took back
     * must not resume the task later while it waits on something else. Virtual loop only: the
     * class stays unusable after the first attempt.
     */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void aYieldThatCannotSuspendLeavesNoStrayStep(LoopHarness h) {
        List<String> events = h.run(() -> {
            List<String> seen = new ArrayList<>();
            Future<String> f = getRunningLoop().createFuture();
            Task<Void> completer = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    sleep(Duration.ZERO);
                }
                seen.add("completing");
                f.setResult("value");
            });
            Throwable caught = null;
            try {
                assertNotNull(YieldsInInitializer.VALUE);
            } catch (Throwable e) {
                caught = e;
            }
            assertInstanceOf(ExceptionInInitializerError.class, caught);
            assertInstanceOf(IllegalStateException.class, caught.getCause());
            seen.add("got " + f.await());
            completer.await();
            return seen;
        });
        assertEquals(List.of("completing", "got value"), events);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void cancellingCountsRequestsAndUncancelTakesThemBack(LoopHarness h) {
        h.run(() -> {
            Task<Void> t = createTask(() -> sleep(Duration.ofSeconds(10)));
            assertTrue(t.cancel("one"));
            assertTrue(t.cancel("two"));
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
            assertEquals(0, t.uncancel());
            assertEquals(0, t.uncancel());
            // The first request was not delivered yet, but uncancel() dropped it (Python 3.13).
            t.await();
            assertFalse(t.isCancelled());
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancellationRequestedByTheTaskItselfIsDeliveredAtItsNextWait(LoopHarness h) {
        Throwable thrown = h.run(() -> {
            Task<String> t = createTask(() -> {
                currentTask().cancel("self");
                sleep(Duration.ofSeconds(1));
                return "not reached";
            });
            CancelledError e = assertThrows(CancelledError.class, t::await);
            assertTrue(t.isCancelled());
            return e;
        });
        assertEquals("self", thrown.getMessage());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTaskCancelledBeforeItsFirstStepNeverRunsItsBody(LoopHarness h) {
        h.run(() -> {
            List<String> ran = new ArrayList<>();
            Task<Void> t = createTask(() -> {
                ran.add("body");
            });
            t.cancel("early");
            CancelledError e = assertThrows(CancelledError.class, t::await);
            assertEquals("early", e.getMessage());
            assertTrue(ran.isEmpty());
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTaskThatReturnsAThrowableFinishesWithItAsItsResult(LoopHarness h) {
        RuntimeException value = new RuntimeException("a value, not a failure");
        Throwable result = h.run(() -> createTask(() -> (Throwable) value).await());
        assertSame(value, result);
    }
}
