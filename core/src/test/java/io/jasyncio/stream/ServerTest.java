package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers from {@link Network#createServer} and connections from
 * {@link Network#createConnection}, as CPython's test_server and the server parts of
 * test_base_events check them: close, waitClosed, serveForever, closing and aborting clients,
 * bind errors, refused connects naming the address, Unix sockets, and many connections echoing
 * at once.
 */
class ServerTest {
    /** Echoes what it receives; counts the connections that ended. */
    static final class Echo implements Protocol {
        static int lost;
        Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost++;
        }
    }


    @LoopTest(checkFds = true)
    void aServerEchoesAndListsTheAddressItListensOn(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            assertTrue(server.isServing());
            assertSame(h.loop(), server.loop());
            assertEquals(1, server.sockets().size());
            assertEquals(InetAddress.getByName(LOOPBACK), ((InetSocketAddress) server.sockets().getFirst()).getAddress());
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
            c.transport().write("echo me".getBytes());
            c.protocol().awaitBytes(7);
            assertEquals("echo me", c.protocol().text());
            c.transport().close();
            server.close();
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            server.waitClosed();
            c.protocol().awaitLost();
        });
    }

    @LoopTest(checkFds = true)
    void waitClosedWaitsForEveryAcceptedConnectionToEnd(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
            c.transport().write("x".getBytes());
            c.protocol().awaitBytes(1);
            Task<Void> waiter = createTask(() -> server.waitClosed());
            server.close();
            sleep(Duration.ofMillis(20));
            assertFalse(waiter.isDone(), "a client is still connected");
            c.transport().close();
            waiter.await();
            server.waitClosed();
            c.protocol().awaitLost();
        });
    }

    @LoopTest(checkFds = true)
    void closeClientsClosesAndAbortClientsAbortsEveryConnection(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            List<Connection<Recorder>> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
                c.transport().write("hi".getBytes());
                c.protocol().awaitBytes(2);
                clients.add(c);
            }
            server.close();
            server.closeClients();
            server.waitClosed();
            for (Connection<Recorder> c : clients) {
                c.protocol().awaitLost();
                assertNull(c.protocol().lost.getFirst(), "the server closed cleanly");
            }
            Server second = Network.createServer(Echo::new, LOOPBACK, 0);
            Connection<Recorder> d = Network.createConnection(Recorder::new, LOOPBACK, port(second));
            d.transport().write("hi".getBytes());
            d.protocol().awaitBytes(2);
            second.abortClients();
            d.protocol().awaitLost();
            second.close();
            second.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void serveForeverEndsByCancellationAndClosesTheServer(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0, ServerOptions.DEFAULTS.withStartServing(false));
            assertFalse(server.isServing());
            Task<Void> forever = createTask(() -> server.serveForever());
            sleep(Duration.ZERO);
            assertTrue(server.isServing());
            assertThrows(IllegalStateException.class, server::serveForever);
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
            c.transport().write("ok".getBytes());
            c.protocol().awaitBytes(2);
            c.transport().close();
            forever.cancel();
            assertThrows(CancelledError.class, forever::await);
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            assertThrows(IllegalStateException.class, server::serveForever);
            assertThrows(IllegalStateException.class, server::startServing);
            c.protocol().awaitLost();
        });
    }

    @LoopTest(checkFds = true)
    void closingTheServerEndsServeForever(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            Task<Void> forever = createTask(() -> server.serveForever());
            sleep(Duration.ZERO);
            try (server) {
                assertTrue(server.isServing());
            }
            assertThrows(CancelledError.class, forever::await);
            server.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aRefusedConnectNamesHostAndPort(LoopHarness h) throws Exception {
        int port = closedPort();
        h.runBounded(() -> {
            ConnectException e = assertThrows(ConnectException.class, () -> Network.createConnection(Recorder::new, LOOPBACK, port));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void bindingAPortInUseNamesTheAddressAndLeavesNothingBound(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server first = Network.createServer(Echo::new, LOOPBACK, 0);
            IOException e = assertThrows(IOException.class, () -> Network.createServer(Echo::new, LOOPBACK, port(first)));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port(first)), e.getMessage());
            first.close();
            first.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void reusePortLetsTwoServersShareAPort(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            ServerOptions shared = ServerOptions.DEFAULTS.withReusePort(true).withBacklog(10);
            Server a = Network.createServer(Echo::new, LOOPBACK, 0, shared);
            Server b = Network.createServer(Echo::new, LOOPBACK, port(a), shared);
            assertEquals(port(a), port(b));
            a.close();
            b.close();
            a.waitClosed();
            b.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aLocalAddressOptionBindsTheClientSocket(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            int local = closedPort();
            SocketAddress want = new InetSocketAddress(InetAddress.getByName(LOOPBACK), local);
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server),
                    ConnectOptions.DEFAULTS.withLocalAddress(want));
            assertEquals(want, c.transport().getExtraInfo(Transport.SOCKNAME));
            c.transport().close();
            c.protocol().awaitLost();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void unixServerAndConnectionEchoAndTheSocketFileGoesWithTheServer(LoopHarness h) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("echo.sock");
        try {
            h.runBounded(() -> {
                Server server = Network.createUnixServer(Echo::new, path);
                assertTrue(Files.exists(path));
                Connection<Recorder> c = Network.createUnixConnection(Recorder::new, path);
                c.transport().write("over unix".getBytes());
                c.protocol().awaitBytes(9);
                assertEquals("over unix", c.protocol().text());
                c.transport().close();
                c.protocol().awaitLost();
                server.close();
                server.waitClosed();
                assertFalse(Files.exists(path));
                // A stale socket file is replaced; connecting to nothing names the path.
                Server again = Network.createUnixServer(Echo::new, path);
                again.close();
                IOException e = assertThrows(IOException.class, () -> Network.createUnixConnection(Recorder::new, path));
                assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
            });
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void twoHundredConcurrentConnectionsAllEchoCorrectly(LoopHarness h) throws Exception {
        int n = 200;
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0, ServerOptions.DEFAULTS.withBacklog(n));
            List<Task<Void>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                clients.add(createTask(() -> {
                    Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
                    byte[] msg = ("client " + id + " ").repeat(100 + id).getBytes();
                    c.transport().write(msg);
                    c.protocol().awaitBytes(msg.length);
                    assertArrayEquals(msg, c.protocol().received.toByteArray());
                    c.transport().close();
                    c.protocol().awaitLost();
                }));
            }
            gather(clients);
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void happyEyeballsConnectsToTheAddressThatAnswers(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            InetAddress lo = InetAddress.getByName(LOOPBACK);
            List<InetSocketAddress> addresses = List.of(new InetSocketAddress(lo, closedPort()), new InetSocketAddress(lo, port(server)));
            ConnectOptions he = ConnectOptions.DEFAULTS.withHappyEyeballs(Duration.ofMillis(250));
            try (SocketChannel ch = Connector.connect(LOOPBACK, addresses, he)) {
                assertEquals(addresses.get(1), ch.getRemoteAddress());
            }
            try (SocketChannel ch = Connector.connect(LOOPBACK, addresses, ConnectOptions.DEFAULTS)) {
                assertEquals(addresses.get(1), ch.getRemoteAddress(), "in turn, the second answers");
            }
            List<InetSocketAddress> refused = List.of(addresses.get(0), new InetSocketAddress(lo, closedPort()));
            ConnectException e = assertThrows(ConnectException.class, () -> Connector.connect(LOOPBACK, refused, he));
            assertEquals(2, e.getSuppressed().length, "every attempt's failure is kept");
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void createConnectionOverResolvedAddressesWiresTheOneThatAnswers(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            InetAddress lo = InetAddress.getByName(LOOPBACK);
            List<InetSocketAddress> addresses = List.of(new InetSocketAddress(lo, closedPort()), new InetSocketAddress(lo, port(server)));
            for (ConnectOptions options : List.of(ConnectOptions.DEFAULTS, ConnectOptions.DEFAULTS.withHappyEyeballs(Duration.ofMillis(250)))) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, "db.internal", addresses, options);
                assertEquals(addresses.get(1), c.transport().getExtraInfo(BaseTransport.PEERNAME));
                c.transport().write("ping".getBytes());
                c.protocol().awaitBytes(4);
                c.transport().close();
                c.protocol().awaitLost();
            }
            ConnectException e = assertThrows(ConnectException.class,
                    () -> Network.createConnection(Recorder::new, "db.internal", List.of(addresses.getFirst()), ConnectOptions.DEFAULTS));
            assertTrue(e.getMessage().contains("db.internal") || e.getMessage().contains(String.valueOf(addresses.getFirst().getPort())),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Network.createConnection(Recorder::new, "db.internal", List.of(), ConnectOptions.DEFAULTS));
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void happyEyeballsInterleavesAddressFamilies(LoopHarness h) throws Exception {
        InetSocketAddress a6 = new InetSocketAddress(InetAddress.getByName("::1"), 1);
        InetSocketAddress b6 = new InetSocketAddress(InetAddress.getByName("::1"), 2);
        InetSocketAddress c6 = new InetSocketAddress(InetAddress.getByName("::1"), 3);
        InetSocketAddress a4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4);
        InetSocketAddress b4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5);
        List<InetSocketAddress> in = List.of(a6, b6, c6, a4, b4);
        assertEquals(List.of(a6, a4, b6, b4, c6), Connector.interleave(in, 1));
        assertEquals(List.of(a6, b6, a4, c6, b4), Connector.interleave(in, 2));
        assertEquals(in, Connector.interleave(in, 0));
    }
}
