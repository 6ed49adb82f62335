package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link AbstractTransport}: the lifecycle state machine every transport shares (issue 8). */
class AbstractTransportTest {

    /** A transport that records the hooks it is called with. */
    private static final class Probe extends AbstractTransport {
        final List<String> events = new ArrayList<>();

        Probe(EventLoop loop) {
            super(loop);
        }

        @Override
        protected void stopIo() {
            events.add("stopIo:" + state());
        }

        @Override
        protected void notifyConnectionLost(Throwable exc) {
            events.add("lost:" + (exc == null ? null : exc.getMessage()));
        }

        @Override
        protected void release() {
            events.add("release");
        }

        @Override
        public Object getExtraInfo(String name) {
            return null;
        }

        @Override
        public void close() {
            if (beginClosing()) {
                scheduleConnectionLost(null);
            }
        }

        @Override
        public void abort() {
            forceClose(null);
        }

        void drained() {
            connectionLostNow(null);
        }

        void fail(Throwable t) {
            fatalError(t, "probe failed");
        }

        State current() {
            return state();
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeGoesThroughClosingAndLosingToLostCallingConnectionLostOnce(LoopHarness h) {
        h.run(() -> {
            Probe p = new Probe(Asyncio.getRunningLoop());
            assertFalse(p.isClosing());
            p.close();
            assertTrue(p.isClosing());
            assertEquals(AbstractTransport.State.LOSING, p.current());
            p.close();
            p.abort();
            Asyncio.sleep(Duration.ZERO);
            assertEquals(AbstractTransport.State.LOST, p.current());
            assertEquals(List.of("lost:null", "release"), p.events);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aSecondConnectionLostIsRefusedLoudly(LoopHarness h) {
        h.run(() -> {
            Probe p = new Probe(Asyncio.getRunningLoop());
            p.drained();
            IllegalStateException e = assertThrows(IllegalStateException.class, p::drained);
            assertTrue(e.getMessage().contains("LOST"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> p.scheduleConnectionLost(null));
            assertEquals(List.of("lost:null", "release"), p.events);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void abortStopsIoBeforeTheStateChangesAndPassesNoError(LoopHarness h) {
        h.run(() -> {
            Probe p = new Probe(Asyncio.getRunningLoop());
            p.abort();
            Asyncio.sleep(Duration.ZERO);
            assertEquals(List.of("stopIo:OPEN", "lost:null", "release"), p.events);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFatalIoErrorEndsTheConnectionWithItAndIsNotReported(LoopHarness h) {
        h.run(() -> {
            List<ExceptionContext> reported = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> reported.add(c));
            Probe p = new Probe(Asyncio.getRunningLoop());
            p.fail(new IOException("gone"));
            p.fail(new IOException("again"));
            Asyncio.sleep(Duration.ZERO);
            assertEquals(List.of("stopIo:OPEN", "lost:gone", "release"), p.events);
            assertEquals(List.of(), reported);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFatalNonIoErrorIsReportedToTheExceptionHandler(LoopHarness h) {
        h.run(() -> {
            List<ExceptionContext> reported = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> reported.add(c));
            Probe p = new Probe(Asyncio.getRunningLoop());
            IllegalStateException bug = new IllegalStateException("protocol bug");
            p.fail(bug);
            Asyncio.sleep(Duration.ZERO);
            assertEquals(1, reported.size());
            assertSame(bug, reported.getFirst().exception());
            assertEquals("probe failed", reported.getFirst().message());
            assertEquals(List.of("stopIo:OPEN", "lost:protocol bug", "release"), p.events);
            return null;
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aClosingTransportWhoseBufferDrainedLosesAtOnce(LoopHarness h) {
        h.run(() -> {
            Probe p = new Probe(Asyncio.getRunningLoop());
            assertTrue(p.beginClosing());
            assertFalse(p.beginClosing());
            p.drained();
            assertEquals(AbstractTransport.State.LOST, p.current());
            p.abort();
            assertEquals(List.of("lost:null", "release"), p.events);
            return null;
        });
    }
}
