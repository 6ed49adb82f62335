package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.StreamTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamReaderProtocol} and {@link Streams}: what the transport's events do to the reader,
 * and the server side's handler run in a task per connection (asyncio's
 * {@code client_connected_cb}), over the fake transport pair.
 */
class StreamReaderProtocolTest {
    /** Upper-cases each line until EOF, then closes. */
    private static final StreamHandler UPPER = (reader, writer) -> {
        try (writer) {
            for (byte[] line : reader.lines()) {
                writer.write(s(line).toUpperCase().getBytes());
                writer.drain();
            }
        }
    };

    @LoopTest(loops = LoopKind.VIRTUAL)
    void dataReceivedFeedsTheReader(LoopHarness h) {
        StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader());
        p.dataReceived(ByteBuffer.wrap(b("abc")));
        assertEquals(3, p.reader().buffered());
        assertNull(p.transport());
        assertNull(p.writer());
        assertNull(p.handlerTask());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void eofReceivedEndsTheReaderAndKeepsTheConnectionOpenForWriting(LoopHarness h) {
        StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader());
        MemoryTransport t = MemoryTransport.sink(h.loop(), p);
        assertSame(t, p.transport());
        assertTrue(p.eofReceived());
        assertTrue(p.reader().atEof());
        t.abort();
        h.drain(10);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void eofReceivedOverTlsAsksTheTransportToClose(LoopHarness h) {
        StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader()) {
            @Override
            public void connectionMade(Transport transport) {
                ((MemoryTransport) transport).putExtra(BaseTransport.SSL_OBJECT, "engine");
                super.connectionMade(transport);
            }
        };
        MemoryTransport t = MemoryTransport.sink(h.loop(), p);
        assertFalse(p.eofReceived());
        t.abort();
        h.drain(10);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCleanConnectionLostEndsTheReaderAtEof(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            Task<byte[]> waiting = createTask(() -> c.a().reader().read());
            sleep(Duration.ZERO);
            c.tb().write(new byte[] {1}); // never read by a, so the abort resets b
            c.ta().abort();
            assertEquals(0, waiting.await().length);
            assertNull(c.a().reader().exception());
            assertNull(c.pa().transport(), "the protocol lets go of its transport");
            assertThrows(IOException.class, c.b().reader()::read, "the peer sees a reset");
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aConnectionLostWithAnErrorFailsTheWaitingRead(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1);
            Task<byte[]> waiting = createTask(() -> c.a().reader().readLine());
            sleep(Duration.ZERO);
            SocketException reset = new SocketException("Connection reset");
            c.ta().fail(reset);
            assertSame(reset, assertThrows(java.util.concurrent.CompletionException.class, waiting::await).getCause());
            assertSame(reset, c.a().reader().exception());
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeFlagsFollowPauseResumeAndLoss(LoopHarness h) {
        StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader());
        assertFalse(p.isWritingPaused());
        p.pauseWriting();
        assertTrue(p.isWritingPaused());
        p.resumeWriting();
        assertFalse(p.isWritingPaused());
        assertFalse(p.isConnectionLost());
        p.connectionLost(null);
        assertTrue(p.isConnectionLost());
        assertTrue(p.reader().atEof());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aServerRunsItsHandlerInATaskOfItsOwnPerConnection(LoopHarness h) {
        List<Task<?>> handlerTasks = new ArrayList<>();
        h.runBounded(() -> {
            Supplier<StreamReaderProtocol> factory = Streams.protocolFactory((reader, writer) -> {
                handlerTasks.add(currentTask());
                UPPER.handle(reader, writer);
            });
            List<StreamPair> clients = new ArrayList<>();
            List<StreamReaderProtocol> servers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                StreamReaderProtocol client = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
                StreamReaderProtocol server = factory.get();
                MemoryTransport.Pair t = MemoryTransport.pair(getRunningLoop(), client, server);
                assertNotNull(server.handlerTask());
                assertNotNull(server.writer());
                clients.add(Streams.connectionPair(t.a(), client));
                servers.add(server);
            }
            for (int i = 0; i < 3; i++) {
                clients.get(i).writer().write(b("hello " + i + "\n"));
                clients.get(i).writer().writeEof();
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("HELLO " + i + "\n", s(clients.get(i).reader().read()));
                clients.get(i).writer().close();
                servers.get(i).handlerTask().await();
                clients.get(i).writer().waitClosed();
            }
            assertEquals(3, handlerTasks.stream().distinct().count());
            assertFalse(handlerTasks.contains(currentTask()));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 50)
    void anEchoOverOneByteChunksGetsEveryLineBackUnderAnySchedule(LoopHarness h) {
        h.runBounded(() -> {
            StreamReaderProtocol client = Streams.clientProtocol(32);
            StreamReaderProtocol server = Streams.protocolFactory(UPPER, 32).get();
            MemoryTransport.Pair t = MemoryTransport.pair(getRunningLoop(), client, server);
            t.a().setChunkSize(1);
            t.b().setChunkSize(1);
            t.a().setWriteBufferLimits(4);
            t.b().setWriteBufferLimits(4);
            StreamPair streams = Streams.connectionPair(t.a(), client);
            Task<String> replies = createTask(() -> s(streams.reader().read()));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                String line = "line " + i + " of the echo\n";
                expected.append(line.toUpperCase());
                streams.writer().write(b(line));
                streams.writer().drain();
            }
            streams.writer().writeEof();
            assertEquals(expected.toString(), replies.await());
            server.handlerTask().await();
            streams.writer().close();
            streams.writer().waitClosed();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFailingHandlerIsReportedAndItsConnectionClosed(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("handler failed");
        h.runBounded(() -> {
            StreamReaderProtocol client = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
            StreamReaderProtocol server = Streams.protocolFactory((r, w) -> {
                r.readLine();
                throw boom;
            }).get();
            MemoryTransport.Pair t = MemoryTransport.pair(getRunningLoop(), client, server);
            StreamPair streams = Streams.connectionPair(t.a(), client);
            streams.writer().write(b("go\n"));
            assertEquals(0, streams.reader().read().length, "the server closed the connection");
            assertTrue(t.b().isClosing());
            streams.writer().close();
            streams.writer().waitClosed();
        });
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertEquals("Unhandled exception in client_connected_cb", reports.get(0).message());
        assertSame(boom, reports.get(0).exception());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledHandlerClosesItsConnectionWithoutAReport(LoopHarness h) {
        h.runBounded(() -> {
            StreamReaderProtocol client = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
            StreamReaderProtocol server = Streams.protocolFactory((r, w) -> r.readLine()).get();
            MemoryTransport.Pair t = MemoryTransport.pair(getRunningLoop(), client, server);
            sleep(Duration.ZERO);
            server.handlerTask().cancel();
            StreamPair streams = Streams.connectionPair(t.a(), client);
            assertEquals(0, streams.reader().read().length);
            assertTrue(t.b().isClosing());
            streams.writer().close();
        });
        assertEquals(List.of(), h.takeUnhandled());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aHandlerThatReturnsLeavesItsConnectionOpen(LoopHarness h) {
        h.runBounded(() -> {
            StreamReaderProtocol client = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
            StreamReaderProtocol server = Streams.protocolFactory((r, w) -> w.write(b("hi"))).get();
            MemoryTransport.Pair t = MemoryTransport.pair(getRunningLoop(), client, server);
            server.handlerTask().await();
            assertFalse(t.b().isClosing(), "as in asyncio, the handler owns the writer and must close it");
            server.writer().close();
            StreamPair streams = Streams.connectionPair(t.a(), client);
            assertEquals("hi", s(streams.reader().read()));
            streams.writer().close();
            streams.writer().waitClosed();
        });
    }

    @Test
    void theFactoryChecksItsArgumentsAndUsesTheLimit() {
        assertThrows(NullPointerException.class, () -> Streams.protocolFactory(null));
        assertThrows(IllegalArgumentException.class, () -> Streams.protocolFactory(UPPER, 0));
        assertThrows(IllegalArgumentException.class, () -> Streams.clientProtocol(0));
        assertEquals(123, Streams.protocolFactory(UPPER, 123).get().reader().limit());
        assertEquals(StreamReader.DEFAULT_LIMIT, Streams.protocolFactory(UPPER).get().reader().limit());
        Supplier<StreamReaderProtocol> f = Streams.protocolFactory(UPPER);
        assertNotSame(f.get(), f.get());
        assertThrows(NullPointerException.class, () -> new StreamReaderProtocol(null));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void connectionPairRejectsAProtocolThatIsNotTheTransports(LoopHarness h) {
        StreamReaderProtocol p = Streams.clientProtocol(10);
        MemoryTransport t = MemoryTransport.sink(h.loop(), p);
        assertThrows(IllegalArgumentException.class, () -> Streams.connectionPair(t, Streams.clientProtocol(10)));
        StreamPair pair = Streams.connectionPair(t, p);
        assertSame(p.reader(), pair.reader());
        assertSame(t, pair.writer().transport());
        t.abort();
        h.drain(10);
    }
}
