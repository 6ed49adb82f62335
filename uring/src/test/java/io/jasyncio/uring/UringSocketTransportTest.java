package io.jasyncio.uring;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.BrokenPipeException;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.ConnectionResetException;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the completion-based socket transport does beyond the transport contract (issue 11):
 * multishot receives that outrun the provided-buffer ring, data in flight while reading pauses,
 * an abort with a send in the kernel, a close behind a large queued write, many connections at
 * once, errors as core's types, sendfile. Peers that must block run on platform threads.
 */
class UringSocketTransportTest {
    private static final String LOOPBACK = "127.0.0.1";
    /** How long a check that nothing more arrives waits; see TransportContract.SETTLE. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 % 251);
        }
        return b;
    }

    static int port(Server s) {
        return ((InetSocketAddress) s.sockets().getFirst()).getPort();
    }

    /** Runs {@code body} on a platform thread (virtual threads would leave JDK poller descriptors behind). */
    static Thread peer(String name, PeerBody body, List<Throwable> errors) {
        Thread t = Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                synchronized (errors) {
                    errors.add(e);
                }
            }
        });
        return t;
    }

    @FunctionalInterface
    interface PeerBody {
        void run() throws Exception;
    }

    /** With the ring smaller than one burst, receives end with ENOBUFS and are re-armed: every byte arrives, in order. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void moreDataThanTheBufferRingHoldsArrivesCompleteAndInOrder(LoopHarness h) throws Exception {
        int total = 4 << 20;
        byte[] expected = pattern(total);
        withRing(4, 1024, () -> h.runBounded(() -> {
            Recorder r = new Recorder();
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            Thread writer = peer("ring-writer", () -> {
                try (Socket s = new Socket(LOOPBACK, port(server))) {
                    s.getOutputStream().write(expected);
                }
            }, errors);
            eventually(() -> r.lost);
            writer.join();
            assertEquals(List.of(), errors);
            assertArrayEquals(expected, r.bytes());
            assertTrue(((UringEventLoop) h.loop()).sockets().emptyRingCount() > 0, "the ring ran dry at least once");
            server.close();
            server.waitClosed();
        }));
    }

    /** Data that arrives after pauseReading (the receive is still in flight) is held, then delivered on resume, in order. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void dataInFlightWhenReadingPausesIsHeldAndDeliveredOnResume(LoopHarness h) throws Exception {
        int total = 256 * 1024;
        byte[] expected = pattern(total);
        withRing(64, 1024, () -> h.runBounded(() -> {
            Recorder r = new Recorder();
            r.pauseAfterFirst = true;
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            Thread writer = peer("pause-writer", () -> {
                try (Socket s = new Socket(LOOPBACK, port(server))) {
                    s.getOutputStream().write(expected);
                    s.shutdownOutput();
                    s.getInputStream().read();
                }
            }, errors);
            eventually(() -> r.size() > 0);
            int first = r.size();
            Asyncio.sleep(SETTLE);
            assertEquals(first, r.size(), "nothing is delivered while paused");
            assertFalse(r.transport.isReading());
            r.transport.resumeReading();
            eventually(() -> r.eof);
            assertArrayEquals(expected, r.bytes());
            r.transport.close();
            eventually(() -> r.lost);
            writer.join();
            assertEquals(List.of(), errors);
            server.close();
            server.waitClosed();
        }));
    }

    /**
     * An abort while a large send is in the kernel and bytes from the peer wait unread: the send is
     * cancelled, the socket closed (the peer sees a reset, as with core's transport and unread
     * bytes), connectionLost comes once, no descriptor is left.
     */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void anAbortWithASendInFlightResetsThePeer(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Recorder r = new Recorder();
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            List<String> outcome = new ArrayList<>();
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch aborted = new CountDownLatch(1);
            Thread reader = peer("abort-peer", () -> {
                try (Socket s = new Socket(LOOPBACK, port(server))) {
                    paused.await();
                    s.getOutputStream().write(new byte[1000]);
                    aborted.await();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[65536];
                    try {
                        while (in.read(buf) >= 0) {
                            // drain what was sent before the abort
                        }
                        outcome.add("eof");
                    } catch (IOException e) {
                        outcome.add(e.getMessage());
                    }
                }
            }, errors);
            eventually(() -> r.transport != null);
            r.transport.pauseReading();
            // The receive's cancel is in the kernel after one iteration; the peer's bytes stay unread.
            Asyncio.sleep(SETTLE);
            paused.countDown();
            Asyncio.sleep(SETTLE);
            r.transport.write(new byte[16 << 20]);
            assertTrue(r.transport.getWriteBufferSize() > 0, "the socket cannot take 16 MiB at once");
            r.transport.abort();
            assertEquals(0, r.transport.getWriteBufferSize());
            eventually(() -> r.lost);
            aborted.countDown();
            server.close();
            server.waitClosed();
            while (reader.isAlive()) {
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertEquals(List.of(), errors);
            assertEquals(1, outcome.size());
            assertTrue(outcome.getFirst().toLowerCase().contains("reset"), "the peer saw " + outcome);
            assertEquals(1, r.lostCalls);
            assertNull(r.lostError);
        });
    }

    /** close() behind a write far larger than the socket takes: every byte arrives, then the end. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void closeAfterALargeQueuedWriteDeliversEveryByte(LoopHarness h) throws Exception {
        int total = 8 << 20;
        byte[] expected = pattern(total);
        h.runBounded(() -> {
            Recorder r = new Recorder();
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            byte[][] got = new byte[1][];
            Thread reader = peer("close-reader", () -> {
                try (Socket s = new Socket(LOOPBACK, port(server))) {
                    got[0] = s.getInputStream().readAllBytes();
                }
            }, errors);
            eventually(() -> r.transport != null);
            r.transport.write(expected);
            r.transport.close();
            eventually(() -> r.lost);
            while (reader.isAlive()) {
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertEquals(List.of(), errors);
            assertArrayEquals(expected, got[0]);
            assertNull(r.lostError);
            server.close();
            server.waitClosed();
        });
    }

    /** A thousand connections echo through one server on the ring at once. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aThousandConnectionsEchoThroughOneServer(LoopHarness h) throws Exception {
        int n = 1000;
        byte[] message = pattern(1024);
        h.runBounded(() -> {
            Server server = Network.createServer(Echo::new, LOOPBACK, 0);
            List<Connection<Recorder>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
                assertInstanceOf(UringSocketTransport.class, c.transport());
                clients.add(c);
            }
            for (Connection<Recorder> c : clients) {
                c.transport().write(message);
            }
            eventually(() -> clients.stream().allMatch(c -> c.protocol().size() == message.length));
            for (Connection<Recorder> c : clients) {
                assertArrayEquals(message, c.protocol().bytes());
                c.transport().close();
            }
            eventually(() -> clients.stream().allMatch(c -> c.protocol().lost));
            server.close();
            server.waitClosed();
        });
    }

    /** Writing to a peer that reset the connection ends the transport with core's reset or broken-pipe type. */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void aWriteToAResetPeerFailsWithCoresExceptionTypes(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Recorder r = new Recorder();
            r.keepOpenOnEof = true;
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            Thread resetter = peer("resetter", () -> {
                Socket s = new Socket(LOOPBACK, port(server));
                s.setSoLinger(true, 0);
                s.close();
            }, errors);
            eventually(() -> r.transport != null);
            resetter.join();
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 1000 && !r.lost; i++) {
                if (!r.transport.isClosing()) {
                    r.transport.write(chunk);
                }
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertTrue(r.lost);
            assertTrue(r.lostError instanceof ConnectionResetException || r.lostError instanceof BrokenPipeException,
                    "lost with " + r.lostError);
            assertEquals(List.of(), errors);
            server.close();
            server.waitClosed();
        });
    }

    /** sendfile sends the region (read in chunks and sent as writes on this transport). */
    @LoopTest(loops = LoopKind.URING, checkFds = true)
    void sendfileSendsTheRegion(LoopHarness h, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        int total = 3 << 20;
        byte[] content = pattern(total);
        Path file = dir.resolve("data");
        Files.write(file, content);
        h.runBounded(() -> {
            Recorder r = new Recorder();
            Server server = Network.createServer(() -> r, LOOPBACK, 0);
            List<Throwable> errors = new ArrayList<>();
            byte[][] got = new byte[1][];
            Thread reader = peer("sendfile-reader", () -> {
                try (Socket s = new Socket(LOOPBACK, port(server))) {
                    got[0] = s.getInputStream().readAllBytes();
                }
            }, errors);
            eventually(() -> r.transport != null);
            assertTrue(r.transport.canSendfile());
            r.transport.write("head".getBytes());
            long sent;
            try (FileChannel ch = FileChannel.open(file)) {
                sent = r.transport.sendfile(ch, 100, total - 100);
            }
            assertEquals(total - 100, sent);
            r.transport.close();
            while (reader.isAlive()) {
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertEquals(List.of(), errors);
            byte[] expected = new byte[4 + total - 100];
            System.arraycopy("head".getBytes(), 0, expected, 0, 4);
            System.arraycopy(content, 100, expected, 4, total - 100);
            assertArrayEquals(expected, got[0]);
            server.close();
            server.waitClosed();
        });
    }

    /** Runs {@code body} with the loop's receive ring made of {@code count} buffers of {@code size} bytes. */
    private static void withRing(int count, int size, PeerBody body) throws Exception {
        System.setProperty("jasyncio.uring.recvBuffers", Integer.toString(count));
        System.setProperty("jasyncio.uring.recvBufferSize", Integer.toString(size));
        try {
            body.run();
        } finally {
            System.clearProperty("jasyncio.uring.recvBuffers");
            System.clearProperty("jasyncio.uring.recvBufferSize");
        }
    }

    /** Writes back what it receives. */
    static final class Echo implements io.jasyncio.stream.Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }
    }

    /** Records bytes and the end; optionally pauses reading after its first delivery. */
    static final class Recorder implements io.jasyncio.stream.Protocol {
        private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        Transport transport;
        boolean pauseAfterFirst;
        boolean keepOpenOnEof;
        boolean eof;
        boolean lost;
        int lostCalls;
        Throwable lostError;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            data.writeBytes(bytes);
            if (pauseAfterFirst) {
                pauseAfterFirst = false;
                transport.pauseReading();
            }
        }

        @Override
        public boolean eofReceived() {
            eof = true;
            return keepOpenOnEof;
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost = true;
            lostCalls++;
            lostError = exc;
        }

        int size() {
            return data.size();
        }

        byte[] bytes() {
            return data.toByteArray();
        }
    }
}
