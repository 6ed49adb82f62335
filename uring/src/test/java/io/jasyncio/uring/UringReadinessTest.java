package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readiness on the ring: level-triggered like the selector, and registrations that end before a
 * channel's close so that the close really closes.
 */
class UringReadinessTest {
    private static final int PEER_TIMEOUT_MILLIS = 10_000;

    /** Runs {@code n} loop iterations (each polls the ring without waiting for timers). */
    private static void spin(EventLoop loop, int n) {
        for (int i = 0; i < n; i++) {
            loop.callSoon(loop::stop);
            loop.runForever();
        }
    }

    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aReaderThatLeavesDataUnreadIsCalledAgainUntilItIsDrained(LoopHarness h) throws IOException {
        EventLoop loop = h.loop();
        {
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            ByteBuffer one = ByteBuffer.allocate(1);
            List<Byte> got = new ArrayList<>();
            loop.addReader(pipe.source(), () -> {
                one.clear();
                try {
                    if (pipe.source().read(one) == 1) {
                        got.add(one.get(0));
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
            spin(loop, 20);
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5), got,
                    "one byte per call, called again while bytes remain");
            pipe.sink().write(ByteBuffer.wrap(new byte[] {6}));
            spin(loop, 3);
            assertEquals(6, got.size(), "a drained then refilled pipe fires again");
            assertEquals(1, loop.statistics().ioRegistrations());
            assertTrue(loop.removeReader(pipe.source()));
            pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
            spin(loop, 3);
            assertEquals(6, got.size(), "a removed reader is not called");
            loop.closeChannel(pipe.source());
            pipe.sink().close();
            assertEquals(0, loop.statistics().ioRegistrations());
        }
    }

    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aWriterIsCalledWhileWritableAndNotAfterRemoval(LoopHarness h) throws IOException {
        EventLoop loop = h.loop();
        {
            Pipe pipe = Pipe.open();
            pipe.sink().configureBlocking(false);
            int[] calls = new int[1];
            loop.addWriter(pipe.sink(), () -> calls[0]++);
            spin(loop, 5);
            assertTrue(calls[0] >= 4, "level-triggered: writable in every iteration, got " + calls[0]);
            loop.removeWriter(pipe.sink());
            int before = calls[0];
            spin(loop, 3);
            assertEquals(before, calls[0]);
            loop.closeChannel(pipe.sink());
            pipe.source().close();
        }
    }

    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aConnectingSocketsWriterFiresWhenTheConnectFinishes(LoopHarness h) throws IOException {
        EventLoop loop = h.loop();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel client = SocketChannel.open();
            client.configureBlocking(false);
            boolean now = client.connect(server.getLocalAddress());
            boolean[] done = new boolean[1];
            loop.addWriter(client, () -> {
                try {
                    done[0] = now || client.finishConnect();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                loop.removeWriter(client);
                loop.stop();
            });
            UringEventLoopTest.runBounded(loop);
            assertTrue(done[0]);
            loop.closeChannel(client);
        }
    }

    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aWatchedListenerClosedThroughTheLoopRefusesConnections(LoopHarness h) throws IOException {
        EventLoop loop = h.loop();
        {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.configureBlocking(false);
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            loop.addReader(server, () -> fail("nobody connects"));
            spin(loop, 2); // the poll is armed and holds the socket
            loop.closeChannel(server);
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(address, PEER_TIMEOUT_MILLIS);
                }
            }, "a listener whose armed poll was not removed would still accept");
        }
    }

    @Test
    void aWatchedSocketClosedThroughTheLoopSendsItsPeerAnEof() throws IOException {
        for (boolean soon : new boolean[] {false, true}) {
            try (EventLoop loop = new UringEventLoop(); ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", 0));
                try (Socket peer = new Socket()) {
                    peer.connect(server.getLocalAddress(), PEER_TIMEOUT_MILLIS);
                    peer.setSoTimeout(PEER_TIMEOUT_MILLIS);
                    SocketChannel ours = server.accept();
                    ours.configureBlocking(false);
                    loop.addReader(ours, () -> fail("the peer sends nothing"));
                    spin(loop, 2);
                    if (soon) {
                        loop.closeChannelSoon(ours);
                        spin(loop, 1);
                    } else {
                        loop.closeChannel(ours);
                    }
                    assertEquals(-1, peer.getInputStream().read(), "closeChannel" + (soon ? "Soon" : "") + " must close the socket");
                }
            }
        }
    }

    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aChannelClosedBehindTheLoopsBackNeverFiresAndItsNumbersNewOwnerDoes(LoopHarness h) throws IOException {
        EventLoop loop = h.loop();
        {
            Pipe old = Pipe.open();
            old.source().configureBlocking(false);
            List<String> calls = new ArrayList<>();
            loop.addReader(old.source(), () -> calls.add("old"));
            spin(loop, 2);
            int oldFd = ((sun.nio.ch.SelChImpl) old.source()).getFDVal();
            old.source().close(); // no removeReader, no closeChannel: the armed poll keeps the pipe alive
            Pipe fresh = Pipe.open();
            fresh.source().configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(16);
            loop.addReader(fresh.source(), () -> {
                calls.add("fresh");
                buf.clear();
                try {
                    fresh.source().read(buf);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            old.sink().write(ByteBuffer.wrap(new byte[] {1}));
            spin(loop, 3);
            assertEquals(List.of(), calls, "the old pipe's poll must not fire for a closed channel or its successor");
            fresh.sink().write(ByteBuffer.wrap(new byte[] {2}));
            spin(loop, 3);
            assertEquals(List.of("fresh"), calls);
            assertTrue(oldFd > 0);
            loop.closeChannel(fresh.source());
            fresh.sink().close();
            old.sink().close();
        }
    }

    @Test
    void aListenerClosedBehindTheLoopsBackIsReleasedByTheSweepOrTheLoopsClose() throws IOException {
        for (boolean sweep : new boolean[] {true, false}) {
            EventLoop loop = new UringEventLoop();
            InetSocketAddress address;
            try {
                ServerSocketChannel server = ServerSocketChannel.open();
                server.configureBlocking(false);
                server.bind(new InetSocketAddress("127.0.0.1", 0));
                address = (InetSocketAddress) server.getLocalAddress();
                loop.addReader(server, () -> { });
                spin(loop, 2);
                server.close(); // not through the loop: its armed poll still holds the socket
                if (sweep) {
                    spin(loop, 300); // the backend looks for closed channels every 256 polls
                }
            } finally {
                if (!sweep) {
                    loop.close();
                }
            }
            try {
                assertThrows(ConnectException.class, () -> {
                    try (Socket s = new Socket()) {
                        s.connect(address, PEER_TIMEOUT_MILLIS);
                    }
                }, sweep ? "the sweep must remove the poll of a closed channel" : "closing the loop must cancel every poll");
            } finally {
                loop.close();
            }
        }
    }
}
