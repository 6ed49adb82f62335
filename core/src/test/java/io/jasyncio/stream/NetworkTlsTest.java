package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static io.jasyncio.stream.TlsNetTestSupport.*;
import static io.jasyncio.testing.LoopHarness.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.tls.Tls;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.stream.tls.TlsProtocol;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS on real sockets through {@link Network#createConnection} and {@link Network#createServer}
 * with {@link ConnectOptions#withTls} / {@link ServerOptions#withTls}, and {@link Tls#startTls}
 * over a socket transport: the socket-level behaviours of CPython's test_sslproto (slow and
 * failed handshakes, cancellation, close_notify, trailing data, corrupted records, start_tls).
 */
class NetworkTlsTest {
    /** A handshake timeout short enough for a test that waits for it in real time. */
    static final Duration SHORT_HANDSHAKE = Duration.ofMillis(300);

    @LoopTest(checkFds = true)
    void createConnectionReturnsAfterTheHandshakeWithThePlaintextTransport(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<EchoRecorder> accepted = registry();
            try (Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer())) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
                assertEquals(List.of("made"), c.protocol().events, "connectionMade ran before the call returned");
                assertSame(c.transport(), c.protocol().transport);
                assertInstanceOf(SSLEngine.class, c.transport().getExtraInfo(BaseTransport.SSL_OBJECT));
                assertNotNull(c.transport().getExtraInfo(BaseTransport.CIPHER));
                Certificate[] chain = (Certificate[]) c.transport().getExtraInfo(BaseTransport.PEERCERT);
                assertEquals(SelfSignedCertificates.localhost().certificate(), chain[0]);
                assertInstanceOf(SocketChannel.class, c.transport().getExtraInfo(BaseTransport.SOCKET));
                assertFalse(c.transport().canWriteEof());
                c.transport().write("hello over tls".getBytes(UTF_8));
                c.protocol().awaitBytes(14);
                assertEquals("hello over tls", c.protocol().text());
                c.transport().close();
                c.protocol().awaitLost();
                assertEquals(List.of("made", "eof", "lost"), c.protocol().events, "close_notify both ways, then the end");
                assertNull(c.protocol().lost.getFirst());
                server.close();
                server.waitClosed();
                assertEquals(List.of("made", "eof", "lost"), accepted.getFirst().events);
            }
        });
    }

    @LoopTest(checkFds = true)
    void theServerHostnameDefaultsToTheHostAndTheServerSeesItAsSni(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<EchoRecorder> accepted = registry();
            try (Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer())) {
                // "localhost" may resolve to ::1 first, where nothing listens: the next address is tried.
                Connection<Recorder> c = Network.createConnection(Recorder::new, "localhost", port(server), tlsConnect());
                c.transport().write("x".getBytes(UTF_8));
                c.protocol().awaitBytes(1);
                var session = (ExtendedSSLSession) accepted.getFirst().transport.getExtraInfo(BaseTransport.SSL_SESSION);
                assertEquals(List.of(new SNIHostName("localhost")), session.getRequestedServerNames());
                c.transport().close();
                c.protocol().awaitLost();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aNameTheCertificateDoesNotCarryFailsNamingHostAndPortAndTheServerGoesOn(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<EchoRecorder> accepted = registry();
            try (Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer())) {
                int port = port(server);
                ConnectOptions wrongName = ConnectOptions.DEFAULTS.withTls(clientTls().withServerHostname("wrong.example"));
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> Network.createConnection(Recorder::new, LOOPBACK, port, wrongName));
                assertTrue(e.getMessage().contains(LOOPBACK + ":" + port), e.getMessage());
                assertInstanceOf(SSLHandshakeException.class, e.getCause(), "the engine's own error is the cause");
                // With verification off the same name is accepted (trust is still checked).
                ConnectOptions unchecked = ConnectOptions.DEFAULTS.withTls(
                        clientTls().withServerHostname("wrong.example").withHostnameVerification(false));
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port, unchecked);
                c.transport().write("ok".getBytes(UTF_8));
                c.protocol().awaitBytes(2);
                assertEquals("ok", c.protocol().text());
                c.transport().close();
                c.protocol().awaitLost();
                server.close();
                server.waitClosed();
                assertEquals(2, accepted.size(), "the protocol factory is called per accepted connection");
                assertEquals(List.of(), accepted.getFirst().events, "the failed handshake never reached its protocol");
            }
        });
    }

    @LoopTest(checkFds = true)
    void anUntrustedServerCertificateFailsTheConnect(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            ServerOptions stranger = ServerOptions.DEFAULTS.withTls(
                    TlsOptions.server(SelfSignedCertificates.stranger().serverContext()));
            try (Server server = Network.createServer(Recorder::new, LOOPBACK, 0, stranger)) {
                int port = port(server);
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> Network.createConnection(Recorder::new, LOOPBACK, port, tlsConnect()));
                assertTrue(e.getMessage().contains(LOOPBACK + ":" + port), e.getMessage());
            }
        });
    }

    @LoopTest(checkFds = true)
    void aPeerThatNeverSpeaksTlsTimesOutTheHandshakeNamingHostAndPort(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (ServerSocketChannel silent = listener()) {
                Task<SocketChannel> peer = createTask(() -> Network.sockAccept(silent));
                ConnectOptions o = ConnectOptions.DEFAULTS.withTls(clientTls().withHandshakeTimeout(SHORT_HANDSHAKE));
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                        () -> Network.createConnection(Recorder::new, LOOPBACK, port(silent), o));
                assertTrue(e.getMessage().contains(LOOPBACK + ":" + port(silent)), e.getMessage());
                try (SocketChannel p = peer.await()) {
                    // The client hello arrived, then our side closed: the peer reads it and then EOF.
                    assertTrue(readToEof(p) > 0);
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void cancellingTheConnectDuringTheHandshakeLeavesNoSocketOpen(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (ServerSocketChannel silent = listener()) {
                Task<Connection<Recorder>> connect = createTask(
                        () -> Network.createConnection(Recorder::new, LOOPBACK, port(silent), tlsConnect()));
                try (SocketChannel p = Network.sockAccept(silent)) {
                    byte[] hello = Network.sockRecv(p, 5);
                    assertEquals(0x16, hello[0], "a TLS handshake record: the handshake is under way");
                    assertFalse(connect.isDone());
                    connect.cancel();
                    assertThrows(CancelledError.class, connect::await);
                    readToEof(p); // returns only once our socket is closed (else the test's bound fails it)
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void theServerHandsOnlyHandshakenConnectionsToItsProtocolsAndReportsFailuresInDebugMode(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<ExceptionContext> reported = new ArrayList<>();
            h.loop().setExceptionHandler((loop, ctx) -> reported.add(ctx));
            List<EchoRecorder> accepted = registry();
            try (Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer())) {
                plainClientSpeaksHttp(port(server));
                assertEquals(List.of(), reported, "not in debug mode: asyncio does not report the failure");
                h.loop().setDebug(true);
                try {
                    plainClientSpeaksHttp(port(server));
                } finally {
                    h.loop().setDebug(false);
                }
                eventually(() -> !reported.isEmpty());
                assertTrue(reported.getFirst().message().startsWith("Error on transport creation for incoming connection"),
                        reported.getFirst().message());
                assertInstanceOf(SSLException.class, reported.getFirst().exception());
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
                c.transport().close();
                c.protocol().awaitLost();
                server.close();
                server.waitClosed();
                assertEquals(3, accepted.size());
                assertEquals(List.of(), accepted.get(0).events);
                assertEquals(List.of(), accepted.get(1).events);
                assertEquals(List.of("made", "eof", "lost"), accepted.get(2).events);
            } finally {
                h.loop().setExceptionHandler(null);
            }
        });
    }

    @LoopTest(checkFds = true)
    void theServerClosesAClientThatNeverStartsItsHandshake(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            ServerOptions o = ServerOptions.DEFAULTS.withTls(serverTls().withHandshakeTimeout(SHORT_HANDSHAKE));
            List<EchoRecorder> accepted = registry();
            try (Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, o);
                    SocketChannel c = socket()) {
                Network.sockConnect(c, new java.net.InetSocketAddress(LOOPBACK, port(server)));
                assertEquals(0, readToEof(c), "the server closes without a word when its handshake timeout passes");
                server.close();
                server.waitClosed();
                assertEquals(List.of(), accepted.getFirst().events);
            }
        });
    }

    @LoopTest(checkFds = true)
    void whatTheServerWritesBeforeClosingArrivesBeforeTheEof(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            // test_sslproto's test_remote_shutdown_receives_trailing_data: the server writes, then closes at once.
            byte[] trailing = pattern(100_000);
            Protocol greeter = new Recorder() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.write(trailing.clone());
                    t.close();
                }
            };
            try (Server server = Network.createServer(() -> greeter, LOOPBACK, 0, tlsServer())) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
                c.protocol().awaitLost();
                assertArrayEquals(trailing, c.protocol().received.toByteArray());
                assertEquals(List.of("made", "eof", "lost"), c.protocol().events);
                assertNull(c.protocol().lost.getFirst(), "a clean close_notify is no error");
            }
        });
    }

    @LoopTest(checkFds = true)
    void aCorruptedRecordAfterTheHandshakeEndsTheConnectionWithAnSslError(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            // test_start_tls_client_corrupted_ssl: the peer writes bytes that are no TLS record.
            Protocol corrupter = new Recorder() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    try {
                        SocketChannel raw = (SocketChannel) t.getExtraInfo(BaseTransport.SOCKET);
                        raw.write(ByteBuffer.wrap("this is no TLS record at all".getBytes(UTF_8)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            try (Server server = Network.createServer(() -> corrupter, LOOPBACK, 0, tlsServer())) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
                c.protocol().awaitLost();
                assertInstanceOf(SSLException.class, c.protocol().lost.getFirst());
                assertEquals(1, c.protocol().connectionLostCalls);
            }
        });
    }

    @LoopTest(checkFds = true)
    void startTlsUpgradesAPlainSocketConnectionInPlace(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            // The server says "GO" in plain text and starts TLS at once; the client starts it on reading "GO".
            // The handshake future, not its result: the client's first record may come with its
            // Finished message, and is delivered as soon as the handshake completes.
            List<io.jasyncio.Future<Transport>> upgraded = new ArrayList<>();
            Recorder serverSide = new Recorder() {
                @Override
                public void dataReceived(ByteBuffer data) {
                    if (!upgraded.isEmpty()) {
                        upgraded.getFirst().result().write(data);
                        return;
                    }
                    super.dataReceived(data);
                    if (text().equals("STARTTLS\n")) {
                        transport.write("GO\n".getBytes(UTF_8));
                        upgraded.add(Tls.startTls(transport, this, serverTls()));
                    }
                }
            };
            try (Server server = Network.createServer(() -> serverSide, LOOPBACK, 0)) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server));
                c.transport().write("STARTTLS\n".getBytes(UTF_8));
                c.protocol().awaitBytes(3);
                assertEquals("GO\n", c.protocol().text());
                c.protocol().received.reset();
                Transport tls = Tls.startTls(c.transport(), c.protocol(), clientTls().withServerHostname("localhost")).await();
                assertInstanceOf(TlsProtocol.class, c.transport().getProtocol(), "the socket transport's protocol is now TLS");
                assertSame(c.protocol(), tls.getProtocol());
                tls.write("secret".getBytes(UTF_8));
                c.protocol().awaitBytes(6);
                assertEquals("secret", c.protocol().text());
                assertEquals(List.of("made"), c.protocol().events, "connectionMade is not called again");
                tls.close();
                c.protocol().awaitLost();
                assertEquals(List.of("made", "eof", "lost"), c.protocol().events);
                assertNull(c.protocol().lost.getFirst());
            }
        });
    }

    @LoopTest(checkFds = true)
    void abortOfATlsConnectionReachesConnectionLostThroughACallback(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<EchoRecorder> accepted = registry();
            // The server keeps echoing what it already received into the reset connection, which
            // asyncio's "socket.send() raised exception." warning reports: expected, so taken here.
            try (LogCapture log = LogCapture.start();
                    Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer())) {
                Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
                c.transport().write(new byte[1_000_000]);
                c.transport().abort();
                assertTrue(c.transport().isClosing());
                assertEquals(0, c.protocol().connectionLostCalls, "not called from inside abort()");
                c.protocol().awaitLost();
                assertEquals(1, c.protocol().connectionLostCalls);
                server.close();
                server.waitClosed();
                assertEquals(1, accepted.getFirst().connectionLostCalls, "the server's side ends too");
                assertTrue(log.messages().stream().allMatch(m -> m.equals("WARNING socket.send() raised exception.")),
                        log.messages()::toString);
            }
        });
    }

    @LoopTest(checkFds = true)
    void closeClientsOfATlsServerEndsItsConnections(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<EchoRecorder> accepted = registry();
            Server server = Network.createServer(() -> new EchoRecorder(accepted), LOOPBACK, 0, tlsServer());
            Connection<Recorder> c = Network.createConnection(Recorder::new, LOOPBACK, port(server), tlsConnect());
            c.transport().write("x".getBytes(UTF_8));
            c.protocol().awaitBytes(1);
            server.close();
            server.closeClients();
            server.waitClosed();
            c.protocol().awaitLost();
            assertEquals(1, accepted.getFirst().connectionLostCalls);
        });
    }

    @LoopTest(checkFds = true)
    void tlsOptionsOfTheWrongSideOrWithoutAHostnameAreRejectedBeforeConnecting(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULTS.withTls(serverTls()));
            assertThrows(IllegalArgumentException.class, () -> ServerOptions.DEFAULTS.withTls(clientTls()));
            try (ServerSocketChannel l = listener()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Network.createConnection(Recorder::new, null, port(l), tlsConnect()));
                assertTrue(e.getMessage().contains("server hostname"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> Network.createUnixConnection(Recorder::new,
                        java.nio.file.Path.of("/nonexistent.sock"), clientTls()));
                assertNull(l.accept(), "nothing connected");
            }
        });
    }

    /** A plain client that sends an HTTP request to a TLS server and reads until it is closed. */
    private static void plainClientSpeaksHttp(int port) throws IOException {
        try (SocketChannel c = socket()) {
            Network.sockConnect(c, new java.net.InetSocketAddress(LOOPBACK, port));
            Network.sockSendAll(c, ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(UTF_8)));
            readToEof(c);
        }
    }

    /** Reads until end of stream (or a reset); returns how many bytes came. */
    static int readToEof(SocketChannel c) throws IOException {
        int total = 0;
        try {
            byte[] b;
            while ((b = Network.sockRecv(c, 65536)).length > 0) {
                total += b.length;
            }
        } catch (java.net.SocketException reset) {
            // A peer that aborts with data unread resets the connection: an end too.
        }
        return total;
    }
}
