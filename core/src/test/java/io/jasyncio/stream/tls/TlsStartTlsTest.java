package io.jasyncio.stream.tls;

import static io.jasyncio.stream.tls.TlsTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.BaseTransport;
import io.jasyncio.testing.MemoryTransport;
import io.jasyncio.stream.SelfSignedCertificates;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@link Tls#startTls} (asyncio's {@code loop.start_tls}) upgrading a live plain connection, and
 * {@link Tls#newProtocol} for code that installs the TLS layer on a raw transport itself.
 */
class TlsStartTlsTest {
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Plain connection: the client asks for TLS, the server says OK and starts it at once. */
    record Upgrade(MemoryTransport.Pair raw, Recorder client, Recorder server, Future<Transport> serverTls) {
    }

    static Upgrade plainThenServerStartsTls(LoopHarness h, Recorder client, Recorder server) {
        MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
        raw.a().connect(client);
        raw.b().connect(server);
        client.transport.write(ascii("STARTTLS\n"));
        server.waitUntil(() -> server.text().equals("STARTTLS\n"));
        server.transport.write(ascii("OK\n"));
        Future<Transport> st = Tls.startTls(raw.b(), server, serverOptions());
        client.waitUntil(() -> client.text().equals("OK\n"));
        return new Upgrade(raw, client, server, st);
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 8)
    void startTlsUpgradesAPlainConnectionWithDataBeforeAndAfter(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Upgrade u = plainThenServerStartsTls(h, client, server);
            long plainBytes = u.raw().a().statistics().bytesWritten();
            Transport ct = Tls.startTls(u.raw().a(), client, clientOptions()).await();
            Transport stt = u.serverTls().await();
            assertEquals(1, client.made, "connectionMade is not called again");
            assertEquals(1, server.made);
            assertSame(client, ct.getProtocol());
            assertSame(ct, u.raw().a().getProtocol() instanceof TlsProtocol tp ? tp.appTransport() : null);
            assertNotNull(ct.getExtraInfo(BaseTransport.SSL_SESSION));
            ct.write(ascii("secret"));
            server.waitUntil(() -> server.text().equals("STARTTLS\nsecret"));
            assertTrue(u.raw().a().statistics().bytesWritten() - plainBytes > 300, "a ClientHello, a Finished and a record went over the wire");
            stt.write(ascii("reply"));
            client.waitUntil(() -> client.text().equals("OK\nreply"));
            ct.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aFailedUpgradeTellsTheCurrentProtocolConnectionLostOnce(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        TlsOptions wrongTrust = TlsOptions.client(
                SelfSignedCertificates.trusting(SelfSignedCertificates.stranger()), "localhost");
        h.runBounded(() -> {
            Upgrade u = plainThenServerStartsTls(h, client, server);
            Future<Transport> ct = Tls.startTls(u.raw().a(), client, wrongTrust);
            SSLHandshakeException e = failure(SSLHandshakeException.class, ct);
            failure(SSLHandshakeException.class, u.serverTls());
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertSame(e, client.lostError);
            assertInstanceOf(SSLHandshakeException.class, server.lostError);
            io.jasyncio.Asyncio.sleep(Duration.ofMinutes(2));
            assertEquals(1, client.lost);
            assertEquals(1, server.lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anUpgradeThatTimesOutEndsTheConnectionWithTheTimeout(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder silent = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.a().connect(client);
            raw.b().connect(silent);
            long start = h.loop().time();
            Future<Transport> ct = Tls.startTls(raw.a(), client,
                    clientOptions().withHandshakeTimeout(Duration.ofSeconds(7)));
            failure(SocketTimeoutException.class, ct);
            assertEquals(Duration.ofSeconds(7).toNanos(), h.loop().time() - start);
            client.waitUntil(() -> client.lost == 1 && silent.lost == 1);
            assertInstanceOf(SocketTimeoutException.class, client.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void startTlsResumesARawTransportWhoseReadingWasPaused(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.a().connect(client);
            raw.b().connect(server);
            raw.a().pauseReading();
            raw.b().pauseReading();
            Future<Transport> st = Tls.startTls(raw.b(), server, serverOptions());
            Future<Transport> ct = Tls.startTls(raw.a(), client, clientOptions());
            assertTrue(raw.a().isReading() && raw.b().isReading());
            ct.await().abort();
            st.await();
            server.waitUntil(() -> server.lost == 1 && client.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void newProtocolLetsTheCallerInstallTheTlsLayerItself(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            Future<Transport> st = Tls.wrap(raw.b(), server, serverOptions());
            TlsProtocol tls = Tls.newProtocol(client, clientOptions());
            assertFalse(tls.handshake().isDone());
            raw.a().setProtocol(tls);
            tls.connectionMade(raw.a());
            assertThrows(IllegalStateException.class, () -> tls.connectionMade(raw.a()));
            Transport ct = tls.handshake().await();
            assertSame(tls.appTransport(), ct);
            assertSame(client.transport, ct);
            assertSame(tls.engine(), ct.getExtraInfo(BaseTransport.SSL_OBJECT));
            st.await();
            ct.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aProtocolCancelledBeforeItIsConnectedAbortsTheRawTransportItIsGiven(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder peer = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.b().connect(peer);
            TlsProtocol tls = Tls.newProtocol(client, clientOptions());
            tls.handshake().cancel();
            raw.a().setProtocol(tls);
            tls.connectionMade(raw.a());
            peer.waitUntil(() -> peer.lost == 1);
            assertEquals(0, peer.data.size(), "no ClientHello was sent");
            assertTrue(raw.a().isLost());
            assertEquals(0, client.made + client.lost);
        });
    }
}
