package io.jasyncio.stream;

import static io.jasyncio.stream.NetTestSupport.*;
import static io.jasyncio.stream.TlsNetTestSupport.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * TLS against a peer no one here wrote: our client against {@code openssl s_server} (bytes both
 * ways, ALPN, SNI, hostname verification) and our server driven by {@code openssl s_client}
 * (which verifies our certificate and gets its line echoed). The peers run as child processes on
 * ephemeral ports and are killed at the end of each test.
 *
 * <p>Selector loop only: the test waits on the child's pipes, which under virtual time would let
 * the clock jump past the test's bound.
 */
class OpensslInteropTest {
    private static Path dir;
    /** {cert, key} of the {@code localhost} identity, as PEM files. */
    private static Path[] pem;

    @BeforeAll
    static void writeCertificates() throws Exception {
        OpensslPeer.binary();
        dir = Files.createTempDirectory("jasyncio-openssl");
        pem = SelfSignedCertificates.localhost().writePem(dir);
    }

    @AfterAll
    static void removeCertificates() throws Exception {
        for (Path p : pem) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void ourClientExchangesBytesWithOpensslServerBothWays(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (OpensslPeer server = OpensslPeer.server(pem, List.of("-rev"))) {
                StreamPair c = Streams.openConnection(LOOPBACK, server.port, tlsConnect(), StreamReader.DEFAULT_LIMIT);
                String cipher = (String) c.writer().getExtraInfo(BaseTransport.CIPHER);
                assertTrue(cipher.startsWith("TLS_"), cipher);
                c.writer().write("hello from jasyncio\n".getBytes(UTF_8));
                assertEquals("oicnysaj morf olleh\n", new String(c.reader().readLine(), UTF_8), "s_server -rev reverses each line");
                c.writer().write("CLOSE\n".getBytes(UTF_8));
                assertArrayEquals(new byte[0], c.reader().read(), "s_server ends the session on CLOSE: we read EOF");
                c.writer().waitClosed();
                server.awaitOutput("CONNECTION CLOSED");
                assertTrue(server.output().contains("Ciphersuite: " + cipher), server.output());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void alpnPicksTheProtocolOpensslServerPrefers(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (OpensslPeer server = OpensslPeer.server(pem, List.of("-rev", "-alpn", "foo,http/1.1"))) {
                ConnectOptions o = ConnectOptions.DEFAULTS.withTls(clientTls().withAlpn(List.of("h2", "http/1.1")));
                StreamPair c = Streams.openConnection(LOOPBACK, server.port, o, StreamReader.DEFAULT_LIMIT);
                assertEquals("http/1.1", c.writer().getExtraInfo(BaseTransport.ALPN_PROTOCOL));
                c.writer().write("ab\n".getBytes(UTF_8));
                assertEquals("ba\n", new String(c.reader().readLine(), UTF_8));
                c.close();
                c.writer().waitClosed();
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void opensslServerSeesTheHostAsSni(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            List<String> args = List.of("-rev", "-tlsextdebug", "-servername", "localhost", "-servername_fatal",
                    "-cert2", pem[0].toString(), "-key2", pem[1].toString());
            try (OpensslPeer server = OpensslPeer.server(pem, args)) {
                // "localhost" may resolve to ::1 first, where s_server does not listen: 127.0.0.1 is tried next.
                StreamPair c = Streams.openConnection("localhost", server.port, tlsConnect(), StreamReader.DEFAULT_LIMIT);
                c.writer().write("sni\n".getBytes(UTF_8));
                assertEquals("ins\n", new String(c.reader().readLine(), UTF_8));
                c.close();
                c.writer().waitClosed();
                server.awaitOutput("TLS client extension \"server name\"");
                String out = server.output();
                String ext = out.substring(out.indexOf("TLS client extension \"server name\""));
                assertTrue(ext.lines().limit(3).anyMatch(l -> l.contains("localhost")), out);
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aNameOpensslServersCertificateDoesNotCarryFailsVerification(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (OpensslPeer server = OpensslPeer.server(pem, List.of("-rev"))) {
                ConnectOptions o = ConnectOptions.DEFAULTS.withTls(clientTls().withServerHostname("wrong.example"));
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> Streams.openConnection(LOOPBACK, server.port, o, StreamReader.DEFAULT_LIMIT));
                assertTrue(e.getMessage().contains(LOOPBACK + ":" + server.port), e.getMessage());
                // s_server is still there for a client that checks the right name.
                StreamPair c = Streams.openConnection(LOOPBACK, server.port, tlsConnect(), StreamReader.DEFAULT_LIMIT);
                c.writer().write("ok\n".getBytes(UTF_8));
                assertEquals("ko\n", new String(c.reader().readLine(), UTF_8));
                c.close();
                c.writer().waitClosed();
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void opensslClientVerifiesOurServerAndGetsItsLineEchoed(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            StreamHandler echo = (reader, writer) -> {
                try (writer) {
                    for (byte[] line : reader.lines()) {
                        writer.write(line);
                        writer.drain();
                    }
                }
            };
            ServerOptions o = ServerOptions.DEFAULTS.withTls(serverTls().withAlpn(List.of("echo/1")));
            try (Server server = Streams.startServer(echo, LOOPBACK, 0, o, StreamReader.DEFAULT_LIMIT)) {
                try (OpensslPeer client = OpensslPeer.client(List.of("-connect", LOOPBACK + ":" + port(server),
                        "-servername", "localhost", "-CAfile", pem[0].toString(), "-verify_return_error",
                        "-alpn", "echo/1"))) {
                    client.awaitOutput("Verify return code: 0 (ok)");
                    client.process.stdin().write("echo this line\n".getBytes(UTF_8));
                    client.process.stdin().drain();
                    client.awaitOutput("\necho this line\n");
                    client.process.stdin().close(); // s_client ends the session at the end of its input
                    assertEquals(0, client.awaitExit(), client.output());
                    String out = client.output();
                    assertTrue(out.contains("Verification: OK"), out);
                    assertTrue(out.contains("ALPN protocol: echo/1"), out);
                }
                server.close();
                server.waitClosed();
            }
        });
    }
}
