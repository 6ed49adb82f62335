package io.jasyncio.stream.tls;

import static io.jasyncio.stream.tls.TlsTestSupport.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.BaseTransport;
import io.jasyncio.testing.MemoryTransport;
import io.jasyncio.stream.SelfSignedCertificates;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * The TLS handshake over an in-memory transport pair: success, what it negotiates (ALPN, SNI,
 * extra info), and each way it fails (untrusted certificate, wrong hostname, timeout, the peer
 * closing, cancellation). Virtual time throughout: nothing here does real I/O.
 */
class TlsHandshakeTest {
    @LoopTest(loops = LoopKind.VIRTUAL)
    void handshakeCompletesAndConnectionMadeGetsTheTransportTheFutureReturns(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            assertSame(p.client().result(), client.transport);
            assertSame(p.server().result(), server.transport);
            assertEquals(1, client.made);
            assertEquals(1, server.made);
            assertFalse(client.transport.isClosing());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void connectionMadeIsNotCalledBeforeTheHandshakeEnds(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            assertEquals(0, client.made, "wrap returns before any byte came back");
            assertFalse(p.client().isDone());
            p.awaitBoth();
            assertEquals(1, client.made);
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(seeds = 8)
    void dataFlowsBothWaysAfterTheHandshake(LoopHarness h) {
        Recorder client = new Recorder();
        Echo server = new Echo();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.write("hello client|".getBytes(StandardCharsets.UTF_8));
            client.transport.write("ping".getBytes(StandardCharsets.UTF_8));
            client.waitUntil(() -> client.text().equals("hello client|ping"));
            assertEquals("ping", server.text());
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void oneByteChunksCarryTheHandshakeAndTheData(LoopHarness h) {
        Recorder client = new Recorder();
        Echo server = new Echo();
        byte[] msg = pattern(3000);
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 1);
            p.awaitBoth();
            client.transport.write(msg);
            client.waitUntil(() -> client.data.size() == msg.length);
            assertArrayEquals(msg, client.data.toByteArray());
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertNull(client.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aRecordSplitAcrossReadsIsReassembled(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        byte[] msg = pattern(40_000); // three records, each split in many 7-byte reads
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 7);
            p.awaitBoth();
            client.transport.write(msg);
            server.waitUntil(() -> server.data.size() == msg.length);
            assertArrayEquals(msg, server.data.toByteArray());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void manyRecordsInOneReadAreDeliveredInOneCall(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            server.transport.pauseReading(); // let the records pile up in one place
            for (int i = 0; i < 20; i++) {
                client.transport.write(("record" + i + ";").getBytes(StandardCharsets.UTF_8));
            }
            Transport s = server.transport;
            eventually(() -> p.rawClient().getWriteBufferSize() == 0);
            assertEquals(0, server.dataCalls);
            s.resumeReading();
            server.waitUntil(() -> server.text().endsWith("record19;"));
            assertEquals(1, server.dataCalls, "20 small records, unwrapped together, delivered once");
            assertTrue(server.text().startsWith("record0;record1;"));
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void alpnNegotiatesTheFirstCommonProtocol(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions().withAlpn(List.of("h2", "http/1.1")),
                    server, serverOptions().withAlpn(List.of("http/1.1")), 64 * 1024);
            p.awaitBoth();
            assertEquals("http/1.1", client.transport.getExtraInfo(BaseTransport.ALPN_PROTOCOL));
            assertEquals("http/1.1", server.transport.getExtraInfo(BaseTransport.ALPN_PROTOCOL));
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void withoutAlpnTheAlpnProtocolIsNull(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            assertNull(client.transport.getExtraInfo(BaseTransport.ALPN_PROTOCOL));
            assertEquals("none", client.transport.getExtraInfo(BaseTransport.ALPN_PROTOCOL, "none"));
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theServerSeesTheHostnameTheClientSentAsSni(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            SSLEngine engine = (SSLEngine) server.transport.getExtraInfo(BaseTransport.SSL_OBJECT);
            List<SNIServerName> names = ((ExtendedSSLSession) engine.getSession()).getRequestedServerNames();
            assertEquals(List.of(new SNIHostName("localhost")), names);
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anIpLiteralIsVerifiedButNotSentAsSni(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions().withServerHostname("127.0.0.1"),
                    server, serverOptions(), 64 * 1024);
            p.awaitBoth(); // the certificate has ip:127.0.0.1, so verification passes
            SSLEngine engine = (SSLEngine) server.transport.getExtraInfo(BaseTransport.SSL_OBJECT);
            assertEquals(List.of(), ((ExtendedSSLSession) engine.getSession()).getRequestedServerNames());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aHostnameTheCertificateDoesNotNameFailsTheHandshake(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions().withServerHostname("wrong.example"),
                    server, serverOptions(), 64 * 1024);
            Throwable e = failure(SSLHandshakeException.class, p.client());
            assertTrue(e.getMessage().contains("wrong.example") || String.valueOf(e.getCause()).contains("wrong.example"),
                    e.toString());
            failure(SSLHandshakeException.class, p.server());
            eventually(() -> p.rawClient().isLost() && p.rawServer().isLost());
            assertEquals(0, client.made + client.lost, "the app protocol of a failed wrap hears nothing");
            assertEquals(0, server.made + server.lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void withVerificationOffAWrongHostnameIsAccepted(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client,
                    clientOptions().withServerHostname("wrong.example").withHostnameVerification(false),
                    server, serverOptions(), 64 * 1024);
            p.awaitBoth();
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anUntrustedCertificateFailsTheHandshake(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        TlsOptions trustsSomeoneElse = TlsOptions.client(
                SelfSignedCertificates.trusting(SelfSignedCertificates.stranger()), "localhost");
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, trustsSomeoneElse, server, serverOptions(), 64 * 1024);
            failure(SSLHandshakeException.class, p.client());
            failure(SSLHandshakeException.class, p.server());
            eventually(() -> p.rawClient().isLost() && p.rawServer().isLost());
            assertEquals(0, client.made + server.made);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aClientThatVerifiesWithoutAHostnameIsRejectedAtOnce(LoopHarness h) {
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            TlsOptions noName = TlsOptions.client(SelfSignedCertificates.trusting(id()), null);
            assertThrows(IllegalArgumentException.class, () -> Tls.wrap(raw.a(), new Recorder(), noName));
            assertNull(raw.a().getProtocol(), "nothing was installed");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aClientWithoutHostnameConnectsWhenVerificationIsOff(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            TlsOptions noName = TlsOptions.client(SelfSignedCertificates.trusting(id()), null)
                    .withHostnameVerification(false);
            Pair p = connect(h.loop(), client, noName, server, serverOptions(), 64 * 1024);
            p.awaitBoth();
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aPeerThatNeverAnswersTimesOutAfterTheHandshakeTimeout(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder silent = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.b().connect(silent); // reads the ClientHello, says nothing
            long start = h.loop().time();
            Future<Transport> f = Tls.wrap(raw.a(), client, clientOptions());
            Throwable e = failure(SocketTimeoutException.class, f);
            assertEquals(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT.toNanos(), h.loop().time() - start);
            assertTrue(e.getMessage().contains("handshake"), e.getMessage());
            assertTrue(silent.data.size() > 0, "the ClientHello went out");
            eventually(() -> raw.a().isLost() && silent.lost == 1);
            assertEquals(0, client.made + client.lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theHandshakeTimeoutIsConfigurable(LoopHarness h) {
        Recorder silent = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.b().connect(silent);
            long start = h.loop().time();
            Future<Transport> f = Tls.wrap(raw.a(), new Recorder(),
                    clientOptions().withHandshakeTimeout(Duration.ofSeconds(5)));
            failure(SocketTimeoutException.class, f);
            assertEquals(Duration.ofSeconds(5).toNanos(), h.loop().time() - start);
            silent.waitUntil(() -> silent.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void thePeerClosingDuringTheHandshakeFailsIt(LoopHarness h) {
        Recorder closer = new Recorder() {
            @Override
            void onData(byte[] bytes) {
                transport.close();
            }
        };
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.b().connect(closer);
            Future<Transport> f = Tls.wrap(raw.a(), new Recorder(), clientOptions());
            failure(SSLHandshakeException.class, f);
            eventually(() -> raw.a().isLost() && closer.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void cancellingTheWrapFutureAbortsTheConnection(LoopHarness h) {
        Recorder silent = new Recorder();
        Recorder client = new Recorder();
        h.runBounded(() -> {
            MemoryTransport.Pair raw = MemoryTransport.pair(h.loop());
            raw.b().connect(silent);
            Future<Transport> f = Tls.wrap(raw.a(), client, clientOptions());
            f.cancel();
            eventually(() -> raw.a().isLost() && silent.lost == 1);
            assertEquals(0, client.made + client.lost);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void extraInfoHasTheTlsObjectsAndTheRawTransportsAddresses(LoopHarness h) {
        Recorder client = new Recorder();
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            p.awaitBoth();
            Transport t = client.transport;
            SSLEngine engine = (SSLEngine) t.getExtraInfo(BaseTransport.SSL_OBJECT);
            assertTrue(engine.getUseClientMode());
            SSLSession session = (SSLSession) t.getExtraInfo(BaseTransport.SSL_SESSION);
            assertSame(engine.getSession(), session);
            assertEquals(session.getCipherSuite(), t.getExtraInfo(BaseTransport.CIPHER));
            Certificate[] chain = (Certificate[]) t.getExtraInfo(BaseTransport.PEERCERT);
            assertEquals(id().certificate(), (X509Certificate) chain[0]);
            assertNull(server.transport.getExtraInfo(BaseTransport.PEERCERT), "no client certificate");
            assertEquals(new InetSocketAddress("127.0.0.1", 2222), t.getExtraInfo(BaseTransport.PEERNAME));
            assertEquals(new InetSocketAddress("127.0.0.1", 1111), t.getExtraInfo(BaseTransport.SOCKNAME));
            assertNull(t.getExtraInfo("no such thing"));
            assertSame(h.loop(), t.loop());
            client.transport.abort();
            server.waitUntil(() -> server.lost == 1);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void greetingsWrittenInConnectionMadeArriveAfterThePeersConnectionMade(LoopHarness h) {
        Recorder client = new Recorder() {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                t.write("client hello".getBytes(StandardCharsets.UTF_8));
            }
        };
        Recorder server = new Recorder() {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                t.write("server hello".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            void onData(byte[] bytes) {
                assertEquals(1, made, "data after connectionMade, never before");
            }
        };
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, clientOptions(), server, serverOptions(), 1);
            server.waitUntil(() -> server.text().equals("client hello") && client.text().equals("server hello"));
            assertEquals("made", server.events.get(0));
            assertEquals("made", client.events.get(0));
            client.transport.close();
            client.waitUntil(() -> client.lost == 1 && server.lost == 1);
            assertTrue(p.client().isDone() && p.server().isDone());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anExceptionFromConnectionMadeFailsTheHandshakeAndIsReported(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("boom");
        Recorder client = new Recorder() {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                throw boom;
            }
        };
        Recorder server = new Recorder();
        h.runBounded(() -> {
            Pair p = connect(h.loop(), client, server);
            assertSame(boom, failure(IllegalStateException.class, p.client()));
            client.waitUntil(() -> client.lost == 1);
            assertSame(boom, client.lostError, "connectionMade was called, so connectionLost follows");
            eventually(() -> p.rawServer().isLost());
            p.server().exception(); // the server may or may not have finished its side first
        });
        var reports = h.takeUnhandled();
        assertEquals(1, reports.size(), reports.toString());
        assertSame(boom, reports.get(0).exception());
    }
}
