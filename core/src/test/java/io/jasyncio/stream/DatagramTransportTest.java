package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * UDP endpoints from {@link Network#createDatagramEndpoint}, connected and unconnected, as
 * CPython's test_selector_events checks {@code _SelectorDatagramTransport}: datagrams both ways
 * with their addresses, address checks on a connected endpoint, ICMP errors reported without
 * closing, and connectionLost once on close.
 */
class DatagramTransportTest {
    /** Records datagrams and errors; completes a future per awaited event. */
    static final class Udp implements DatagramProtocol {
        final List<String> datagrams = new ArrayList<>();
        final List<SocketAddress> from = new ArrayList<>();
        final List<Exception> errors = new ArrayList<>();
        int made;
        int lost;
        private Future<Void> signal;

        @Override
        public void connectionMade(DatagramTransport transport) {
            made++;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress addr) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            datagrams.add(new String(b));
            from.add(addr);
            fire();
        }

        @Override
        public void errorReceived(Exception exc) {
            errors.add(exc);
            fire();
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost++;
            fire();
        }

        private void fire() {
            if (signal != null && !signal.isDone()) {
                signal.setResult(null);
            }
        }

        /** Suspends until one more event arrives. */
        void next() {
            signal = EventLoop.getRunningLoop().createFuture();
            signal.await();
        }
    }

    private static InetSocketAddress loopback(int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(LOOPBACK), port);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void unconnectedEndpointsExchangeDatagramsWithTheirAddresses(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            DatagramEndpoint<Udp> a = Network.createDatagramEndpoint(Udp::new, loopback(0), null);
            DatagramEndpoint<Udp> b = Network.createDatagramEndpoint(Udp::new, loopback(0), null);
            assertEquals(1, a.protocol().made);
            SocketAddress aAddr = (SocketAddress) a.transport().getExtraInfo(Transport.SOCKNAME);
            SocketAddress bAddr = (SocketAddress) b.transport().getExtraInfo(Transport.SOCKNAME);
            assertNull(a.transport().getExtraInfo(Transport.PEERNAME));
            assertThrows(IllegalArgumentException.class, () -> a.transport().sendTo(ByteBuffer.wrap("x".getBytes()), null));
            a.transport().sendTo(ByteBuffer.wrap("ping".getBytes()), bAddr);
            b.protocol().next();
            assertEquals(List.of("ping"), b.protocol().datagrams);
            assertEquals(aAddr, b.protocol().from.getFirst());
            b.transport().sendTo(ByteBuffer.wrap("pong".getBytes()), b.protocol().from.getFirst());
            a.protocol().next();
            assertEquals(List.of("pong"), a.protocol().datagrams);
            assertEquals(0, a.transport().getWriteBufferSize());
            a.transport().close();
            b.transport().close();
            assertTrue(a.transport().isClosing());
            a.protocol().next();
            sleep(java.time.Duration.ZERO);
            assertEquals(1, a.protocol().lost);
            assertEquals(1, b.protocol().lost);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aConnectedEndpointSendsToItsPeerOnly(LoopHarness h) throws Exception {
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(loopback(0));
            peer.configureBlocking(false);
            InetSocketAddress peerAddr = (InetSocketAddress) peer.getLocalAddress();
            h.runBounded(() -> {
                DatagramEndpoint<Udp> e = Network.createDatagramEndpoint(Udp::new, null, peerAddr);
                assertEquals(peerAddr, e.transport().getExtraInfo(Transport.PEERNAME));
                e.transport().sendTo(ByteBuffer.wrap("one".getBytes()), null);
                e.transport().sendTo(ByteBuffer.wrap("two".getBytes()), peerAddr);
                assertThrows(IllegalArgumentException.class,
                        () -> e.transport().sendTo(ByteBuffer.wrap("x".getBytes()), loopback(1)));
                List<String> got = new ArrayList<>();
                ByteBuffer buf = ByteBuffer.allocate(100);
                SocketAddress sender = null;
                while (got.size() < 2) {
                    buf.clear();
                    SocketAddress s = peer.receive(buf);
                    if (s == null) {
                        sleep(java.time.Duration.ofMillis(1));
                        continue;
                    }
                    sender = s;
                    got.add(new String(buf.array(), 0, buf.position()));
                }
                assertEquals(List.of("one", "two"), got);
                peer.send(ByteBuffer.wrap("back".getBytes()), sender);
                e.protocol().next();
                assertEquals(List.of("back"), e.protocol().datagrams);
                e.transport().abort();
                e.protocol().next();
                assertEquals(1, e.protocol().lost);
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void anIcmpErrorOnAConnectedEndpointIsReportedAndKeepsItOpen(LoopHarness h) throws Exception {
        int closed;
        try (DatagramChannel gone = DatagramChannel.open()) {
            gone.bind(loopback(0));
            closed = ((InetSocketAddress) gone.getLocalAddress()).getPort();
        }
        int port = closed;
        h.runBounded(() -> {
            DatagramEndpoint<Udp> e = Network.createDatagramEndpoint(Udp::new, null, loopback(port));
            // Nobody listens: the kernel answers with port unreachable, which a connected socket sees.
            for (int i = 0; i < 50 && e.protocol().errors.isEmpty(); i++) {
                e.transport().sendTo(ByteBuffer.wrap("anyone?".getBytes()), null);
                sleep(java.time.Duration.ofMillis(10));
            }
            assertFalse(e.protocol().errors.isEmpty(), "no ICMP error was reported");
            assertInstanceOf(java.net.PortUnreachableException.class, e.protocol().errors.getFirst());
            assertFalse(e.transport().isClosing());
            e.transport().close();
            e.protocol().next();
            assertEquals(1, e.protocol().lost);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void anEndpointNeedsAnAddress(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            assertThrows(IllegalArgumentException.class, () -> Network.createDatagramEndpoint(Udp::new, null, null));
        });
    }
}
