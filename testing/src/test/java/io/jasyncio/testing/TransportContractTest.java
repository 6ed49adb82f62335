package io.jasyncio.testing;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The contract suite itself: it catches a transport that loses bytes, and one case can be disabled. */
class TransportContractTest {

    @Test
    void aTransportThatLosesAByteFailsTheContract() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Lossy.class, "oneByteWritesArriveInOrder", LoopHarness.class.getName()))
                .execute();
        assertEquals(1, r.testEvents().failed().count());
        Throwable t = r.testEvents().failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertTrue(t.getMessage().contains("bytes received"), t.getMessage());
    }

    @Test
    void aSubclassDisablesOneCaseByOverridingIt() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DisablingOne.class)).execute();
        assertEquals(0, r.testEvents().failed().count());
        assertEquals(13, r.testEvents().succeeded().count());
        assertEquals(1, r.containerEvents().skipped().count());
        assertEquals("why it cannot", r.containerEvents().skipped().list().getFirst().getPayload(String.class).orElseThrow());
    }

    /** An in-memory pair whose receiving end drops the first byte it is given. */
    static class Lossy extends TransportContract {
        @Override
        protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) {
            Protocol inner = (Protocol) b;
            MemoryTransport.pair(EventLoop.getRunningLoop(), a, new Protocol() {
                private boolean dropped;

                @Override
                public void connectionMade(Transport t) {
                    inner.connectionMade(t);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    if (!dropped) {
                        dropped = true;
                        data.get();
                    }
                    inner.dataReceived(data);
                }

                @Override
                public boolean eofReceived() {
                    return inner.eofReceived();
                }

                @Override
                public void connectionLost(Throwable exc) {
                    inner.connectionLost(exc);
                }
            });
            return () -> { };
        }
    }

    /** An in-memory pair that opts out of one case. */
    static class DisablingOne extends TransportContract {
        @Override
        protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) {
            MemoryTransport.pair(EventLoop.getRunningLoop(), a, b);
            return () -> { };
        }

        @Override
        @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
        @Disabled("why it cannot")
        protected void emptyWritesMeanNothing(LoopHarness h) {
        }
    }
}
