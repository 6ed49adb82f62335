package io.jasyncio.stream.tls;

import static io.jasyncio.stream.tls.TlsTestSupport.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.Protocol;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * How a TLS connection ends: close with close_notify both ways, the shutdown timeout, abort,
 * the peer's close_notify or bare EOF, a reset, a callback that throws; and that the
 * application hears connectionLost exactly once. Virtual time throughout.
 */
class TlsCloseTest {
    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 8)
    void closeSendsCloseNotifyAndThePeerSeesEofThenBothLoseTheConnection(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.close();
            assertTrue(client.transport.isClosing());
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals(List.of("made", "eof", "lost"), server.events, "close_notify reached the server as eof");
            assertEquals(List.of("made", "eof", "lost"), client.events,
                    "the closing side hears the peer's close_notify too, as in asyncio");
            assertNull(client.lostError);
            assertNull(server.lostError);
            assertTrue(p.rawClient().isLost() && p.rawServer().isLost());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeWaitsForThePeersCloseNotifyBeforeClosingTheRawTransport(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            p.rawServer().pauseReading(); // the close_notify stays in flight
            client.transport.close();
            io.jasyncio.Asyncio.sleep(Duration.ofSeconds(10));
            assertFalse(p.rawClient().isClosing(), "still waiting for the server's close_notify");
            assertEquals(0, client.lost);
            p.rawServer().resumeReading();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeFlushesWhatWasWrittenBeforeTheCloseNotify(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        byte[] msg = pattern(300_000);
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 4096);
            p.awaitBoth();
            client.transport.write(msg);
            client.transport.close();
            server.waitUntil(() -> server.lost == 1);
            assertArrayEquals(msg, server.data.toByteArray());
            assertEquals(List.of("eof", "lost"), server.events.subList(server.events.size() - 2, server.events.size()));
            client.waitUntil(() -> client.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aPeerThatNeverAnswersCloseNotifyIsAbortedAfterTheShutdownTimeout(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        Recorder blackHole = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            p.rawServer().setProtocol(blackHole); // the server stops speaking TLS
            long start = h.loop().time();
            client.transport.close();
            client.waitUntil(() -> client.lost == 1);
            assertEquals(TlsOptions.DEFAULT_SHUTDOWN_TIMEOUT.toNanos(), h.loop().time() - start);
            assertInstanceOf(SocketTimeoutException.class, client.lostError);
            assertTrue(blackHole.data.size() > 0, "the close_notify went out");
            blackHole.waitUntil(() -> blackHole.lost == 1 || blackHole.eofs == 1);
            eventually(() -> p.rawServer().isLost());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theShutdownTimeoutIsConfigurable(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions().withShutdownTimeout(Duration.ofSeconds(3)),
                    server, serverOptions(), 64 * 1024);
            p.awaitBoth();
            p.rawServer().setProtocol(new Recorder());
            long start = h.loop().time();
            client.transport.close();
            client.waitUntil(() -> client.lost == 1);
            assertEquals(Duration.ofSeconds(3).toNanos(), h.loop().time() - start);
            eventually(() -> p.rawServer().isLost());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void abortClosesAtOnceWithoutCloseNotifyAndDropsBufferedData(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            p.rawClient().setWriteBufferLimits(0, 0);
            client.transport.write(pattern(100_000));
            assertTrue(p.rawServer().getWriteBufferSize() > 0, "the server's session tickets are still on their way");
            client.transport.abort();
            assertTrue(client.transport.isClosing());
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
            assertEquals(0, server.data.size(), "aborted data never left");
            assertEquals(List.of("made", "lost"), server.events, "closing with the tickets unread resets the connection, as TCP does");
            assertNotNull(server.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void connectionLostIsCalledExactlyOnceWhateverTheApplicationCalls(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.close();
            client.transport.abort();
            client.transport.close();
            server.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            io.jasyncio.Asyncio.sleep(Duration.ofSeconds(60));
            client.transport.abort();
            server.transport.close();
            io.jasyncio.Asyncio.sleep(Duration.ofSeconds(1));
            assertEquals(1, client.lost);
            assertEquals(1, server.lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writesAfterCloseAreDropped(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.write("before".getBytes(StandardCharsets.UTF_8));
            client.transport.close();
            ByteBuffer late = ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8));
            client.transport.write(late);
            assertFalse(late.hasRemaining(), "consumed, as the contract says");
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals("before", server.text());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeEofIsUnsupportedAndCanWriteEofIsFalse(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            assertFalse(client.transport.canWriteEof());
            assertThrows(UnsupportedOperationException.class, client.transport::writeEof);
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void returningTrueFromEofReceivedDoesNotKeepTheConnectionOpen(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        server.keepOpenOnEof = true;
        try (LogCapture log = LogCapture.start()) {
            h.runBounded(() -> {
                Pair p = connect(h.loop(), client, server);
                p.awaitBoth();
                long start = h.loop().time();
                client.transport.close();
                client.waitUntil(() -> client.lost == 1 && server.lost == 1);
                assertTrue(h.loop().time() - start < Duration.ofSeconds(1).toNanos(),
                        "the server answered the close_notify at once instead of staying open");
                assertEquals(1, server.eofs);
                assertNull(server.lostError);
                assertNull(client.lostError);
            });
            assertEquals(List.of("WARNING returning true from eofReceived() has no effect when using TLS"), log.messages(),
                    "asyncio's warning, once");
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void dataBeforeTheCloseNotifyIsDeliveredBeforeEof(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.write("last words".getBytes(StandardCharsets.UTF_8));
            server.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals("last words", client.text());
            assertEquals(List.of("made", "eof", "lost"), client.events);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aBareEofWithoutCloseNotifyReachesTheApplicationAsEof(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.write("data".getBytes(StandardCharsets.UTF_8));
            client.waitUntil(() -> client.text().equals("data"));
            p.rawServer().close(); // TCP FIN under the TLS layer, no close_notify
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals(List.of("made", "eof", "lost"), client.events);
            assertNull(client.lostError, "asyncio treats a ragged EOF as a clean end");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aResetReachesTheApplicationAsConnectionLostWithTheError(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            p.rawClient().reset();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertInstanceOf(SocketException.class, client.lostError);
            assertInstanceOf(SocketException.class, server.lostError);
            assertEquals(0, client.eofs + server.eofs);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anExceptionFromDataReceivedIsReportedAndEndsTheConnectionWithIt(LoopHarness h) {
        Recorder client = new Recorder();
        IllegalStateException boom = new IllegalStateException("boom");
        Recorder server = new Recorder() {
            @Override
            void onData(byte[] bytes) {
                throw boom;
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.write("x".getBytes(StandardCharsets.UTF_8));
            server.waitUntil(() -> server.lost == 1 && client.lost == 1);
            assertSame(boom, server.lostError);
        });
        List<ExceptionContext> reports = h.takeUnhandled();
        assertEquals(1, reports.size(), reports.toString());
        assertSame(boom, reports.get(0).exception());
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 8)
    void closeFromInsideDataReceivedFinishesTheShutdown(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder() {
            @Override
            void onData(byte[] bytes) {
                transport.write("bye".getBytes(StandardCharsets.UTF_8));
                transport.close();
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.write("hi".getBytes(StandardCharsets.UTF_8));
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertEquals("bye", client.text());
            assertNull(client.lostError);
            assertNull(server.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void setProtocolSendsLaterEventsToTheNewProtocol(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        Recorder next = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.setProtocol(next);
            assertSame(next, server.transport.getProtocol());
            assertThrows(NullPointerException.class, () -> server.transport.setProtocol(null));
            client.transport.write("to next".getBytes(StandardCharsets.UTF_8));
            client.transport.close();
            next.waitUntil(() -> next.lost == 1);
            assertEquals("to next", next.text());
            assertEquals(List.of("made"), server.events);
            assertEquals(List.of("eof", "lost"), next.events);
            client.waitUntil(() -> client.lost == 1);
            Protocol unused = next;
            assertNotNull(unused);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void tls12ConnectionsCarryDataAndCloseCleanlyToo(LoopHarness h) {
        Recorder client = new Recorder();
        Echo server = new Echo();
        TlsOptions tls12 = TlsOptions.client(
                io.jasyncio.stream.SelfSignedCertificates.trusting("TLSv1.2", id()), "localhost");
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, tls12, server, serverOptions(), 100);
            p.awaitBoth();
            assertEquals("TLSv1.2", ((javax.net.ssl.SSLSession) client.transport.getExtraInfo(
                    io.jasyncio.stream.BaseTransport.SSL_SESSION)).getProtocol());
            client.transport.write(pattern(20_000));
            client.waitUntil(() -> client.data.size() == 20_000);
            assertArrayEquals(pattern(20_000), client.data.toByteArray());
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
            assertNull(server.lostError);
            assertEquals(List.of("made", "eof", "lost"), server.events.subList(0, 3));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void returningTrueFromEofReceivedIsLoggedAsIgnored(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        server.keepOpenOnEof = true;
        try (io.jasyncio.testing.LogCapture log = io.jasyncio.testing.LogCapture.start()) {
            h.runBounded(() -> {
                Pair p = connect(h.loop(), client, server);
                p.awaitBoth();
                client.transport.close();
                client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            });
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("eofReceived()") && m.contains("no effect")),
                    log.messages().toString());
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void thePeersCloseNotifyMakesTheTransportClosingAndLaterWritesAreDropped(LoopHarness h) {
        Recorder client = new Recorder();
        boolean[] closingInEof = new boolean[1];
        boolean[] closingInLost = new boolean[1];
        Recorder server = new Recorder() {
            @Override
            public boolean eofReceived() {
                closingInEof[0] = transport.isClosing();
                return super.eofReceived();
            }

            @Override
            public void connectionLost(Throwable exc) {
                closingInLost[0] = transport.isClosing();
                transport.write("too late".getBytes(StandardCharsets.UTF_8)); // dropped, no error
                super.connectionLost(exc);
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertFalse(closingInEof[0], "eofReceived comes before the shutdown starts");
            assertTrue(closingInLost[0]);
            assertEquals(0, server.transport.getWriteBufferSize());
            assertEquals("", client.text());
        });
    }
}
