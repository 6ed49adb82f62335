package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * The socket transport against a raw peer socket the test drives by hand, as CPython's
 * test_selector_events checks {@code _SelectorSocketTransport}: writes straight to the socket,
 * partial writes buffered and resumed, water marks, half-close both ways, close flushing, abort
 * discarding, a peer reset mid-write, protocol errors closing the transport, and connectionLost
 * exactly once.
 */
class SocketTransportTest {
    /** A pause long enough for bytes sent over loopback to arrive; only used to show that nothing came. */
    private static final Duration SETTLE = Duration.ofMillis(50);

    /** A client transport and the raw socket at the other end. */
    record Pair(Connection<Recorder> client, SocketChannel peer) implements AutoCloseable {
        Transport transport() {
            return client.transport();
        }

        Recorder protocol() {
            return client.protocol();
        }

        @Override
        public void close() throws IOException {
            peer.close();
        }
    }

    /**
     * A client SocketTransport connected to {@code listener}, made directly rather than through
     * Network.createConnection: this class tests SocketTransport itself on every loop, also on
     * one that has socket transports of its own (SocketTransportProvider), which the contract
     * suites check.
     */
    static Pair connect(ServerSocketChannel listener) throws IOException {
        Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(listener));
        SocketChannel ch = socket();
        try {
            Network.sockConnect(ch, new java.net.InetSocketAddress(LOOPBACK, port(listener)));
            Network.tune(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        Recorder r = new Recorder();
        io.jasyncio.Future<Void> waiter = getRunningLoop().createFuture();
        SocketTransport t = new SocketTransport(getRunningLoop(), ch, r, waiter, null);
        waiter.await();
        return new Pair(new Connection<>(t, r), accepted.await());
    }

    /** Reads from the raw peer until end of stream. */
    static byte[] readAll(SocketChannel peer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (true) {
            buf.clear();
            int n = Network.sockRecvInto(peer, buf);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf.array(), 0, n);
        }
    }

    static byte[] readExactly(SocketChannel peer, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (Network.sockRecvInto(peer, buf) < 0) {
                fail("end of stream after " + buf.position() + " of " + n + " bytes");
            }
        }
        return buf.array();
    }

    @LoopTest(checkFds = true)
    void connectionMadeThenDataBothWaysThenConnectionLostOnce(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    assertEquals(List.of("made"), p.protocol().events);
                    p.transport().write("hello".getBytes());
                    assertEquals("hello", new String(readExactly(p.peer(), 5)));
                    Network.sockSendAll(p.peer(), ByteBuffer.wrap("world".getBytes()));
                    p.protocol().awaitBytes(5);
                    assertEquals("world", p.protocol().text());
                    p.transport().close();
                    assertTrue(p.transport().isClosing());
                    p.transport().close();
                    p.protocol().awaitLost();
                    sleep(Duration.ZERO);
                    assertEquals(1, p.protocol().connectionLostCalls);
                    assertNull(p.protocol().lost.getFirst());
                    assertFalse(((SocketChannel) p.transport().getExtraInfo(Transport.SOCKET)).isOpen());
                    assertEquals(0, readAll(p.peer()).length);
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void connectionLostIsScheduledNotCalledFromClose(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().close();
                    assertEquals(0, p.protocol().connectionLostCalls, "asyncio calls connection_lost with call_soon");
                    p.protocol().awaitLost();
                    assertEquals(1, p.protocol().connectionLostCalls);
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void aWriteWithAnEmptyBufferGoesStraightToTheSocket(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().write("now".getBytes());
                    assertEquals(0, p.transport().getWriteBufferSize(), "sent without waiting for an iteration");
                    // The bytes are in the kernel already: a blocking-free read finds them at once.
                    assertEquals("now", new String(readExactly(p.peer(), 3)));
                    p.transport().close();
                    p.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void partialWritesAreBufferedAndSentWhenThePeerReads(LoopHarness h) throws Exception {
        byte[] data = pattern(8 << 20);
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().setWriteBufferLimits(Integer.MAX_VALUE, 0);
                    ByteBuffer src = ByteBuffer.wrap(data);
                    p.transport().write(src);
                    assertFalse(src.hasRemaining(), "write consumes its argument");
                    int buffered = p.transport().getWriteBufferSize();
                    assertTrue(buffered > 0 && buffered < data.length, "buffered " + buffered);
                    // Small writes queue behind the big one and keep their order.
                    p.transport().write("tail".getBytes());
                    assertEquals(buffered + 4, p.transport().getWriteBufferSize());
                    p.transport().close();
                    byte[] got = readAll(p.peer());
                    assertEquals(data.length + 4, got.length);
                    assertArrayEquals(data, java.util.Arrays.copyOf(got, data.length));
                    assertEquals("tail", new String(got, data.length, 4));
                    p.protocol().awaitLost();
                    assertEquals(1, p.protocol().connectionLostCalls);
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void waterMarksPauseAndResumeTheProtocolOnce(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    Transport t = p.transport();
                    t.setWriteBufferLimits(64 * 1024, 16 * 1024);
                    assertEquals(64 * 1024, t.getWriteBufferHighWater());
                    assertEquals(16 * 1024, t.getWriteBufferLowWater());
                    byte[] chunk = pattern(1 << 20);
                    int total = 0;
                    while (p.protocol().pauses == 0) {
                        t.write(chunk);
                        total += chunk.length;
                    }
                    assertTrue(t.getWriteBufferSize() > 64 * 1024);
                    t.write(chunk);
                    total += chunk.length;
                    assertEquals(1, p.protocol().pauses, "pauseWriting once, however much more is written");
                    assertEquals(total, readExactly(p.peer(), total).length);
                    // The writer runs once the peer has read: give it an iteration.
                    for (int i = 0; i < 100 && t.getWriteBufferSize() > 0; i++) {
                        sleep(Duration.ofMillis(1));
                    }
                    assertEquals(0, t.getWriteBufferSize());
                    assertEquals(1, p.protocol().resumes);
                    assertEquals(List.of("made", "pause", "resume"), p.protocol().events);
                    t.close();
                    p.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void loweringTheHighWaterMarkBelowTheBufferPausesAtOnce(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    assertThrows(IllegalArgumentException.class, () -> p.transport().setWriteBufferLimits(10, 20));
                    assertThrows(IllegalArgumentException.class, () -> p.transport().setWriteBufferLimits(10, -1));
                    p.transport().setWriteBufferLimits(1000);
                    assertEquals(250, p.transport().getWriteBufferLowWater());
                    assertEquals(0, p.protocol().pauses);
                    p.transport().abort();
                    p.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void exceptionsFromPauseAndResumeWritingGoToTheHandlerAndKeepTheTransport(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(listener));
                Connection<Recorder> c = Network.createConnection(() -> new Recorder() {
                    @Override
                    public void pauseWriting() {
                        super.pauseWriting();
                        throw new IllegalStateException("pause broke");
                    }

                    @Override
                    public void resumeWriting() {
                        super.resumeWriting();
                        throw new IllegalStateException("resume broke");
                    }
                }, LOOPBACK, port(listener));
                try (SocketChannel peer = accepted.await()) {
                    Transport t = c.transport();
                    t.setWriteBufferLimits(1024, 0);
                    byte[] big = pattern(4 << 20);
                    t.write(big);
                    assertFalse(t.isClosing());
                    readExactly(peer, big.length);
                    for (int i = 0; i < 100 && c.protocol().resumes == 0; i++) {
                        sleep(Duration.ofMillis(1));
                    }
                    assertEquals(1, c.protocol().resumes);
                    List<String> messages = h.takeUnhandled().stream().map(ExceptionContext::message).toList();
                    assertEquals(List.of("protocol.pauseWriting() failed", "protocol.resumeWriting() failed"), messages);
                    assertFalse(t.isClosing());
                    t.close();
                    c.protocol().awaitLost();
                    assertNull(c.protocol().lost.getFirst());
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void writeEofHalfClosesAfterTheBufferDrainsAndReadingGoesOn(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    assertTrue(p.transport().canWriteEof());
                    p.transport().write("last words".getBytes());
                    p.transport().writeEof();
                    p.transport().writeEof();
                    assertThrows(IllegalStateException.class, () -> p.transport().write("more".getBytes()));
                    assertEquals("last words", new String(readAll(p.peer())), "the peer sees our end of stream");
                    Network.sockSendAll(p.peer(), ByteBuffer.wrap("reply".getBytes()));
                    p.peer().shutdownOutput();
                    p.protocol().awaitEof();
                    assertEquals("reply", p.protocol().text());
                    p.protocol().awaitLost();
                    assertEquals(List.of("made", "eof", "lost"), p.protocol().events);
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void eofReceivedReturningTrueKeepsTheTransportOpenForWriting(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.protocol().keepOpenOnEof = true;
                    p.peer().shutdownOutput();
                    p.protocol().awaitEof();
                    sleep(Duration.ZERO);
                    assertFalse(p.transport().isClosing());
                    p.transport().write("after eof".getBytes());
                    p.transport().close();
                    assertEquals("after eof", new String(readAll(p.peer())));
                    p.protocol().awaitLost();
                    assertEquals(List.of("made", "eof", "lost"), p.protocol().events);
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void eofReceivedReturningFalseClosesTheTransport(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.peer().shutdownOutput();
                    p.protocol().awaitLost();
                    assertTrue(p.transport().isClosing());
                    assertEquals(List.of("made", "eof", "lost"), p.protocol().events);
                    assertNull(p.protocol().lost.getFirst());
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void closeFlushesBufferedDataBeforeClosing(LoopHarness h) throws Exception {
        byte[] data = pattern(4 << 20);
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().write(data);
                    assertTrue(p.transport().getWriteBufferSize() > 0);
                    p.transport().close();
                    assertFalse(p.transport().isReading());
                    assertArrayEquals(data, readAll(p.peer()));
                    p.protocol().awaitLost();
                    assertNull(p.protocol().lost.getFirst());
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void abortDiscardsBufferedData(LoopHarness h) throws Exception {
        byte[] data = pattern(8 << 20);
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().write(data);
                    int buffered = p.transport().getWriteBufferSize();
                    assertTrue(buffered > 0);
                    p.transport().abort();
                    assertEquals(0, p.transport().getWriteBufferSize());
                    p.protocol().awaitLost();
                    assertNull(p.protocol().lost.getFirst());
                    assertEquals(data.length - buffered, readAll(p.peer()).length, "only what the socket took");
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aPeerResetMidWriteLosesTheConnectionWithAnErrorAndClosesTheSocket(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().write(pattern(8 << 20));
                    assertTrue(p.transport().getWriteBufferSize() > 0);
                    // Linger 0: close sends RST instead of FIN.
                    p.peer().setOption(StandardSocketOptions.SO_LINGER, 0);
                    p.peer().close();
                    p.protocol().awaitLost();
                    sleep(Duration.ZERO);
                    assertEquals(1, p.protocol().connectionLostCalls);
                    assertInstanceOf(IOException.class, p.protocol().lost.getFirst());
                    assertFalse(((SocketChannel) p.transport().getExtraInfo(Transport.SOCKET)).isOpen());
                    assertEquals(0, p.transport().getWriteBufferSize());
                    // Later writes are dropped quietly, as asyncio counts them.
                    p.transport().write("ignored".getBytes());
                    assertTrue(h.takeUnhandled().isEmpty(), "I/O errors are not reported to the handler");
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void anExceptionInDataReceivedGoesToTheHandlerAndClosesTheTransport(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(listener));
                IllegalStateException boom = new IllegalStateException("boom");
                Connection<Recorder> c = Network.createConnection(() -> new Recorder() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        throw boom;
                    }
                }, LOOPBACK, port(listener));
                try (SocketChannel peer = accepted.await()) {
                    Network.sockSendAll(peer, ByteBuffer.wrap("x".getBytes()));
                    c.protocol().awaitLost();
                    assertSame(boom, c.protocol().lost.getFirst());
                    List<ExceptionContext> reports = h.takeUnhandled();
                    assertEquals(1, reports.size());
                    assertSame(boom, reports.getFirst().exception());
                    assertTrue(reports.getFirst().message().contains("dataReceived"));
                    assertEquals(0, readAll(peer).length);
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void pauseReadingHoldsDataBackUntilResumed(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    Transport t = p.transport();
                    t.pauseReading();
                    t.pauseReading();
                    assertFalse(t.isReading());
                    Network.sockSendAll(p.peer(), ByteBuffer.wrap("held".getBytes()));
                    sleep(SETTLE);
                    assertEquals("", p.protocol().text());
                    t.resumeReading();
                    t.resumeReading();
                    assertTrue(t.isReading());
                    p.protocol().awaitBytes(4);
                    assertEquals("held", p.protocol().text());
                    t.close();
                    assertFalse(t.isReading());
                    t.resumeReading();
                    assertFalse(t.isReading(), "a closing transport does not read again");
                    p.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void extraInfoNamesBothEndsAndTheSocket(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    Transport t = p.transport();
                    assertEquals(p.peer().getLocalAddress(), t.getExtraInfo(Transport.PEERNAME));
                    assertEquals(p.peer().getRemoteAddress(), t.getExtraInfo(Transport.SOCKNAME));
                    assertInstanceOf(SocketChannel.class, t.getExtraInfo(Transport.SOCKET));
                    assertNull(t.getExtraInfo(Transport.SSL_OBJECT));
                    assertEquals("none", t.getExtraInfo(Transport.CIPHER, "none"));
                    assertSame(p.protocol(), t.getProtocol());
                    assertSame(h.loop(), t.loop());
                    assertEquals(((InetSocketAddress) t.getExtraInfo(Transport.PEERNAME)).getPort(), port(listener));
                    t.close();
                    p.protocol().awaitLost();
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void setProtocolHandsLaterEventsToTheNewProtocol(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    Recorder second = new Recorder();
                    p.transport().setProtocol(second);
                    assertSame(second, p.transport().getProtocol());
                    Network.sockSendAll(p.peer(), ByteBuffer.wrap("to second".getBytes()));
                    second.awaitBytes(9);
                    assertEquals("to second", second.text());
                    assertEquals("", p.protocol().text());
                    p.transport().close();
                    second.awaitLost();
                    assertEquals(0, p.protocol().connectionLostCalls);
                    assertEquals(List.of("lost"), second.events, "connectionMade is not called on a protocol set later");
                }
            });
        }
    }

    @LoopTest(checkFds = true)
    void aBufferedProtocolReceivesIntoItsOwnBuffer(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                ByteBuffer mine = ByteBuffer.allocate(3);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                io.jasyncio.Future<Void> lost = h.loop().createFuture();
                class Buffered implements BufferedProtocol {
                    @Override
                    public ByteBuffer getBuffer(int sizeHint) {
                        return mine.clear();
                    }

                    @Override
                    public void bufferUpdated(int nbytes) {
                        assertEquals(nbytes, mine.position());
                        got.write(mine.array(), 0, nbytes);
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(null);
                    }
                }
                Task<SocketChannel> accepted = createTask(() -> Network.sockAccept(listener));
                Connection<Buffered> c = Network.createConnection(Buffered::new, LOOPBACK, port(listener));
                try (SocketChannel peer = accepted.await()) {
                    Network.sockSendAll(peer, ByteBuffer.wrap("abcdefgh".getBytes()));
                    peer.shutdownOutput();
                    lost.await();
                    assertEquals("abcdefgh", got.toString(), "read three bytes at a time into the lent buffer");
                    assertTrue(c.transport().isClosing());
                }
            });
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void writeLinesSendsEveryBufferInOrderAndQueuesWhatTheSocketRefuses(LoopHarness h) throws Exception {
        try (ServerSocketChannel listener = listener()) {
            h.runBounded(() -> {
                try (Pair p = connect(listener)) {
                    p.transport().writeLines(List.of(ByteBuffer.wrap("a".getBytes()), ByteBuffer.wrap("bc".getBytes()),
                            ByteBuffer.wrap("def".getBytes())));
                    assertEquals(0, p.transport().getWriteBufferSize(), "sent at once in one gathering write");
                    assertEquals("abcdef", new String(readExactly(p.peer(), 6)));
                    byte[] big = pattern(8 << 20);
                    p.transport().writeLines(List.of(ByteBuffer.wrap(big), ByteBuffer.wrap("end".getBytes())));
                    assertTrue(p.transport().getWriteBufferSize() > 0);
                    p.transport().close();
                    byte[] got = readAll(p.peer());
                    assertArrayEquals(big, java.util.Arrays.copyOf(got, big.length));
                    assertEquals("end", new String(got, big.length, got.length - big.length));
                    p.protocol().awaitLost();
                }
            });
        }
    }
}
