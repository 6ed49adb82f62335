package io.jasyncio.stream.tls;

import static io.jasyncio.stream.tls.TlsTestSupport.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

/**
 * Regressions found by the review of the TLS layer on 2026-12-02: a clean close while reading was
 * paused ran into the shutdown timeout; data after setProtocol went to the old protocol; records
 * held for a paused raw transport were dropped at close. (A TLS 1.2 renegotiation mid-transfer
 * was checked too and is kept as a test.)
 */
class TlsReviewRegressionTest {
    /** Server paused reading long enough that its raw transport paused too, then closes cleanly. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeWhileReadingPausedCompletesWithoutShutdownTimeout(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.pauseReading();
            client.transport.write(pattern(1 << 20));
            eventually(() -> !p.rawServer().isReading()); // TLS paused its raw reading (> 256 KiB)
            long t0 = h.loop().time();
            server.transport.close();
            server.waitUntil(() -> server.lost > 0);
            long took = h.loop().time() - t0;
            assertNull(server.lostError, "clean close ended with " + server.lostError + " after " + took);
        });
    }

    /** A BufferedProtocol that hands the connection to another protocol after its first buffer. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void dataAfterSetProtocolGoesToTheNewProtocol(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder next = new Recorder();
        SmallBuffers server = new SmallBuffers(4) {
            @Override
            public void bufferUpdated(int nbytes) {
                super.bufferUpdated(nbytes);
                transport.setProtocol(next);
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.write("abcdefgh".getBytes());
            server.waitUntil(() -> server.data.size() + next.data.size() >= 8);
            assertEquals("abcd", server.text());
            assertEquals("efgh", next.text());
        });
    }

    /** The peer half-closes its TCP side while our records wait for the paused raw transport. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void recordsHeldForAPausedRawTransportAreSentBeforeClosing(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        int n = 1 << 20;
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            client.transport.pauseReading();
            server.transport.write(pattern(n));
            eventually(() -> !p.rawClient().isReading());
            io.jasyncio.Asyncio.sleep(java.time.Duration.ofMillis(10));
            assertTrue(server.transport.getWriteBufferSize() > 0, "records are held in the TLS layer");
            p.rawClient().writeEof(); // a peer that stops sending but still reads
            io.jasyncio.Asyncio.sleep(java.time.Duration.ofMillis(10));
            client.transport.resumeReading();
            client.waitUntil(() -> client.lost > 0);
            assertEquals(n, client.data.size(), "bytes the server wrote before it closed");
        });
    }

    /** The server renegotiates a TLS 1.2 connection while data flows both ways. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void aRenegotiationInTheMiddleOfATransferLosesNothing(LoopHarness h) {
        Recorder client = new Recorder();
        Echo server = new Echo();
        TlsOptions tls12 = TlsOptions.client(
                io.jasyncio.stream.SelfSignedCertificates.trusting("TLSv1.2", id()), "localhost");
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, tls12, server, serverOptions(), 700);
            p.awaitBoth();
            client.transport.write(pattern(20_000));
            client.waitUntil(() -> client.data.size() >= 5_000);
            javax.net.ssl.SSLEngine e = (javax.net.ssl.SSLEngine) server.transport.getExtraInfo(
                    io.jasyncio.stream.BaseTransport.SSL_OBJECT);
            try {
                e.beginHandshake();
            } catch (javax.net.ssl.SSLException x) {
                throw new AssertionError(x);
            }
            server.transport.write(new byte[0]);
            client.transport.write(pattern(20_000));
            client.waitUntil(() -> client.data.size() == 40_000 || client.lost > 0);
            assertEquals(40_000, client.data.size());
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
        });
    }
}
