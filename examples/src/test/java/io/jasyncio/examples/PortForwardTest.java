package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PortForward}: the demonstration end to end (both sides held back, every byte back), a
 * half-close passed through the forwarder, and a target nobody listens on.
 */
class PortForwardTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void theDemoHoldsBackBothSidesThenGetsEveryByteBack() throws Exception {
        Console.Output run = Console.run(PortForward::main);
        List<String> lines = run.lines();
        assertEquals(List.of(
                "Target: an echo server on 127.0.0.1",
                "Forwarder: 127.0.0.1 -> the target",
                "Client: writing through the forwarder, reading nothing",
                "Forwarder: the client is not reading, so it stopped reading from the target",
                "Forwarder: the target stopped reading, so it stopped reading from the client",
                "Client: stopped writing, half-closed, reading again"), lines.subList(0, lines.size() - 1), lines.toString());
        assertTrue(lines.getLast().startsWith("Client: every byte came back in order ("), lines.getLast());
        assertTrue(lines.getLast().endsWith(" MiB); the forwarder closed both sides"), lines.getLast());
    }

    /** Collects what arrives and completes when the connection ends. */
    static final class Collector implements Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Future<Throwable> lost = getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport t) {
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            received.writeBytes(b);
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }
    }

    @Test
    void aHalfCloseGoesThroughTheForwarderAndTheAnswerComesBack() {
        run(() -> timeout(BOUND, () -> {
            // The target reads until EOF, then answers with the byte count and closes.
            Server target = Network.createServer(() -> new Protocol() {
                Transport transport;
                long count;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    count += data.remaining();
                }

                @Override
                public boolean eofReceived() {
                    transport.write(("got " + count).getBytes(StandardCharsets.US_ASCII));
                    transport.close();
                    return true;
                }
            }, "127.0.0.1", 0);
            Server forwarder = PortForward.forward(0, "127.0.0.1", port(target));
            Connection<Collector> c = Network.createConnection(Collector::new, "127.0.0.1", port(forwarder));
            c.transport().write(new byte[3 << 20]);
            c.transport().writeEof();
            assertNull(c.protocol().lost.await());
            assertEquals("got " + (3 << 20), c.protocol().received.toString(StandardCharsets.US_ASCII));
            forwarder.close();
            target.close();
            forwarder.waitClosed();
            target.waitClosed();
        }));
    }

    @Test
    void aTargetNobodyListensOnClosesTheClientsConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int port = closedPort;
        // The forwarder tells its user on stderr why it closed the connection: taken and checked.
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            run(() -> timeout(BOUND, () -> {
                Server forwarder = PortForward.forward(0, "127.0.0.1", port);
                Connection<Collector> c = Network.createConnection(Collector::new, "127.0.0.1", port(forwarder));
                assertNull(c.protocol().lost.await(), "a clean close, nothing forwarded");
                assertEquals(0, c.protocol().received.size());
                forwarder.close();
                forwarder.waitClosed();
            }));
        } finally {
            System.setErr(savedErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("portforward: ") && printed.contains(Integer.toString(port)), printed);
    }

    private static int port(Server s) {
        return ((InetSocketAddress) s.sockets().getFirst()).getPort();
    }
}
