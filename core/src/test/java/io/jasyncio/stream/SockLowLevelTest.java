package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * {@link Network}'s {@code sock*} operations and name lookups, as CPython's test_sock_lowlevel
 * checks them: a round trip over loopback, end of stream, large sends that must wait, refused
 * connects that name the address, blocking channels refused, and cancellation at every wait
 * leaving no reader or writer registered and nothing consumed.
 */
class SockLowLevelTest {
    private static int live(LoopHarness h) {
        return h.loop().statistics().ioRegistrations();
    }

    @LoopTest(checkFds = true)
    void acceptConnectSendAndReceiveOverLoopback(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(server));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = accepted.await()) {
                    assertFalse(peer.isBlocking());
                    Network.sockSendAll(client, ByteBuffer.wrap("ping".getBytes()));
                    assertEquals("ping", new String(Network.sockRecv(peer, 100)));
                    Network.sockSendAll(peer, ByteBuffer.wrap("pong".getBytes()));
                    ByteBuffer into = ByteBuffer.allocate(10);
                    assertEquals(4, Network.sockRecvInto(client, into));
                    assertEquals("pong", new String(into.array(), 0, 4));
                }
                assertEquals(0, Network.sockRecv(client, 100).length, "end of stream reads as empty");
                assertEquals(-1, Network.sockRecvInto(client, ByteBuffer.allocate(4)));
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void sendAllWaitsForASlowReaderAndDeliversEverything(LoopHarness h) throws Exception {
        byte[] data = pattern(4 << 20);
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(server));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = accepted.await()) {
                    Task<byte[]> reader = createTask(() -> {
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        ByteBuffer buf = ByteBuffer.allocate(8192);
                        while (true) {
                            buf.clear();
                            int n = Network.sockRecvInto(peer, buf);
                            if (n < 0) {
                                return got.toByteArray();
                            }
                            got.write(buf.array(), 0, n);
                        }
                    });
                    ByteBuffer out = ByteBuffer.wrap(data);
                    Network.sockSendAll(client, out);
                    assertFalse(out.hasRemaining());
                    client.shutdownOutput();
                    assertArrayEquals(data, reader.await());
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void refusedConnectNamesHostAndPort(LoopHarness h) throws Exception {
        int port = closedPort();
        try (SocketChannel client = socket()) {
            h.runBounded(() -> {
                ConnectException e = assertThrows(ConnectException.class,
                        () -> Network.sockConnect(client, new InetSocketAddress(InetAddress.getByName(LOOPBACK), port)));
                assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            });
        }
        assertEquals(0, live(h));
    }

    @LoopTest(checkFds = true)
    void blockingChannelsAreRefused(LoopHarness h) throws Exception {
        try (SocketChannel blocking = SocketChannel.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            h.runBounded(() -> {
                assertThrows(IllegalArgumentException.class, () -> Network.sockRecv(blocking, 1));
                assertThrows(IllegalArgumentException.class, () -> Network.sockRecvInto(blocking, ByteBuffer.allocate(1)));
                assertThrows(IllegalArgumentException.class, () -> Network.sockSendAll(blocking, ByteBuffer.allocate(1)));
                assertThrows(IllegalArgumentException.class, () -> Network.sockAccept(server));
                assertThrows(IllegalArgumentException.class,
                        () -> Network.sockConnect(blocking, new InetSocketAddress(LOOPBACK, 1)));
            });
        }
    }

    @LoopTest(checkFds = true)
    void cancelledRecvRemovesItsReaderAndConsumesNothing(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(server));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = accepted.await()) {
                    Task<byte[]> recv = createTask(() -> Network.sockRecv(peer, 10));
                    sleep(Duration.ZERO);
                    assertEquals(1, live(h), "the receive waits on a reader");
                    recv.cancel();
                    assertThrows(CancelledError.class, recv::await);
                    assertEquals(0, live(h));
                    Network.sockSendAll(client, ByteBuffer.wrap("abc".getBytes()));
                    assertEquals("abc", new String(Network.sockRecv(peer, 10)), "the cancelled receive took nothing");
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void cancelledRecvIntoLeavesTheBufferUntouched(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(server));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = accepted.await()) {
                    ByteBuffer buf = ByteBuffer.allocate(8);
                    Task<Integer> recv = createTask(() -> Network.sockRecvInto(peer, buf));
                    sleep(Duration.ZERO);
                    recv.cancel();
                    assertThrows(CancelledError.class, recv::await);
                    assertEquals(0, buf.position());
                    assertEquals(0, live(h));
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void cancelledAcceptLeavesTheConnectionForTheNextAccept(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> first = createTask(() -> Network.sockAccept(server));
                sleep(Duration.ZERO);
                first.cancel();
                assertThrows(CancelledError.class, first::await);
                assertEquals(0, live(h));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = Network.sockAccept(server)) {
                    assertEquals(client.getLocalAddress(), peer.getRemoteAddress());
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void cancelledSendAllRemovesItsWriterAndTellsHowMuchWasSent(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(server));
                Network.sockConnect(client, server.getLocalAddress());
                try (SocketChannel peer = accepted.await()) {
                    // More than the kernel buffers hold while nobody reads: the send must wait.
                    ByteBuffer out = ByteBuffer.wrap(pattern(64 << 20));
                    Task<Void> send = createTask(() -> Network.sockSendAll(client, out));
                    sleep(Duration.ZERO);
                    assertEquals(1, live(h), "the send waits on a writer");
                    send.cancel();
                    assertThrows(CancelledError.class, send::await);
                    assertEquals(0, live(h));
                    assertTrue(out.position() > 0 && out.hasRemaining(), "sent " + out.position());
                    client.shutdownOutput();
                    long received = 0;
                    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                    while (true) {
                        buf.clear();
                        int n = Network.sockRecvInto(peer, buf);
                        if (n < 0) {
                            break;
                        }
                        received += n;
                    }
                    assertEquals(out.position(), received, "the position counts exactly the bytes sent");
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void cancelledConnectRemovesItsWriter(LoopHarness h) throws Exception {
        try (ServerSocketChannel server = listener(); SocketChannel client = socket()) {
            h.runBounded(() -> {
                Task<Void> connect = createTask(() -> Network.sockConnect(client, server.getLocalAddress()));
                // Let the task start its connect; on loopback it is usually still pending.
                sleep(Duration.ZERO);
                connect.cancel();
                try {
                    connect.await();
                } catch (CancelledError e) {
                    assertTrue(connect.isCancelled());
                }
                assertEquals(0, live(h));
            });
        }
    }

    // Selector loop only: a lookup runs on a worker thread, which does not hold virtual time back.
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void getAddrInfoResolvesLiteralsAndLocalhost(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)), Network.getAddrInfo("127.0.0.1", 80));
            assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 8080)), Network.getAddrInfo("::1", 8080));
            List<InetSocketAddress> local = Network.getAddrInfo("localhost", 443);
            assertFalse(local.isEmpty());
            assertTrue(local.stream().allMatch(a -> a.getAddress().isLoopbackAddress() && a.getPort() == 443), local.toString());
            assertThrows(IllegalArgumentException.class, () -> Network.getAddrInfo("127.0.0.1", 70_000));
        });
    }

    // Selector loop only: a lookup runs on a worker thread, which does not hold virtual time back.
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void getNameInfoGivesAHostAndThePort(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            NameInfo info = Network.getNameInfo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
            assertFalse(info.host().isEmpty());
            assertEquals("8080", info.service());
            assertEquals(new NameInfo("example.invalid", "1"), Network.getNameInfo(InetSocketAddress.createUnresolved("example.invalid", 1)));
        });
    }

    // .invalid never resolves (RFC 6761), and resolvers answer that at once.
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void anUnknownHostIsAnErrorNamingTheHost(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            java.net.UnknownHostException e = assertThrows(java.net.UnknownHostException.class,
                    () -> Network.getAddrInfo("no-such-host.invalid", 80));
            assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
            assertThrows(java.net.UnknownHostException.class,
                    () -> Network.createConnection(Recorder::new, "no-such-host.invalid", 80));
        });
    }
}
