package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FlowControl}, the write-buffer marks every buffering transport shares: pause strictly
 * above the high mark, resume at or below the low mark, each once, and a protocol's exception
 * reported to the loop without stopping the bookkeeping (asyncio's {@code _FlowControlMixin}).
 */
class FlowControlTest {
    /** Records pause/resume calls; may be told to throw. */
    private static final class Calls implements BaseProtocol {
        final List<String> calls = new ArrayList<>();
        RuntimeException fail;

        @Override
        public void pauseWriting() {
            calls.add("pause");
            if (fail != null) {
                throw fail;
            }
        }

        @Override
        public void resumeWriting() {
            calls.add("resume");
            if (fail != null) {
                throw fail;
            }
        }
    }

    private static BaseTransport transportOn(LoopHarness h) {
        return MemoryTransport.pair(h.loop()).a();
    }

    @LoopTest
    void defaultsAreAsyncios64KiBAnd16KiB(LoopHarness h) {
        FlowControl f = new FlowControl();
        assertEquals(64 * 1024, f.high());
        assertEquals(16 * 1024, f.low());
        assertFalse(f.isPaused());
    }

    @LoopTest
    void pausesOnceStrictlyAboveHighAndResumesOnceAtOrBelowLow(LoopHarness h) {
        FlowControl f = new FlowControl();
        f.setLimits(100, 10);
        Calls p = new Calls();
        BaseTransport t = transportOn(h);
        f.maybePause(100, p, t);
        assertEquals(List.of(), p.calls, "at the high mark is not above it");
        f.maybePause(101, p, t);
        f.maybePause(500, p, t);
        assertEquals(List.of("pause"), p.calls);
        assertTrue(f.isPaused());
        f.maybeResume(11, p, t);
        assertEquals(List.of("pause"), p.calls, "above the low mark: still paused");
        f.maybeResume(10, p, t);
        f.maybeResume(0, p, t);
        assertEquals(List.of("pause", "resume"), p.calls);
        assertFalse(f.isPaused());
    }

    @LoopTest
    void limitsOutOfOrderAreRefused(LoopHarness h) {
        FlowControl f = new FlowControl();
        assertThrows(IllegalArgumentException.class, () -> f.setLimits(10, 11));
        assertThrows(IllegalArgumentException.class, () -> f.setLimits(10, -1));
        f.setLimits(0, 0);
        assertEquals(0, f.high());
        assertEquals(0, f.low());
    }

    @LoopTest
    void aProtocolThatThrowsIsReportedToTheLoopAndTheStateStillChanges(LoopHarness h) {
        FlowControl f = new FlowControl();
        f.setLimits(10, 0);
        Calls p = new Calls();
        p.fail = new IllegalStateException("boom");
        BaseTransport t = transportOn(h);
        f.maybePause(11, p, t);
        assertTrue(f.isPaused());
        f.maybeResume(0, p, t);
        assertFalse(f.isPaused());
        List<ExceptionContext> reported = h.takeUnhandled();
        assertEquals(2, reported.size(), reported.toString());
        assertSame(p.fail, reported.getFirst().exception());
        assertSame(t, reported.getFirst().source());
    }
}
