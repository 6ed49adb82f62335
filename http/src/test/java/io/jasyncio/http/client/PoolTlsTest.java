package io.jasyncio.http.client;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.conn.TestCertificate;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.ServerOptions;
import io.jasyncio.stream.Transport;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLHandshakeException;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** https: SNI and hostname verification on, trust from the pool's SSLContext, reuse of TLS connections. */
class PoolTlsTest {
    private static HttpServer tlsServer() throws Exception {
        return HttpServer.start(req -> Response.text("secure " + req.headers().get("Host")),
                LOCAL.withTls(TlsOptions.server(TestCertificate.server())));
    }

    /** A DNS that maps every name to 127.0.0.1, so a name the certificate does not carry reaches the test server. */
    private static DnsCache everythingIsLocal() {
        return new DnsCache(Duration.ofSeconds(10), host -> List.of(InetAddress.getByName("127.0.0.1")));
    }

    @LoopTest(checkFds = true)
    void httpsToAVerifiedHostWorksAndTheConnectionIsReused(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = tlsServer();
            List<String> events = new ArrayList<>();
            ClientListener l = new ClientListener() {
                @Override
                public void tlsStart(String host) {
                    events.add("tlsStart " + host);
                }

                @Override
                public void tlsEnd(String host, String protocol) {
                    events.add("tlsEnd " + host + " " + protocol.startsWith("TLS"));
                }

                @Override
                public void connectionReused(Origin origin, InetSocketAddress remote) {
                    events.add("reused " + origin);
                }
            };
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withSslContext(TestCertificate.client()), l);
            try {
                String url = "https://localhost:" + server.port() + "/";
                assertEquals("secure localhost:" + server.port(), fetch(pool, url));
                assertEquals("secure localhost:" + server.port(), fetch(pool, url));
                assertEquals(List.of("tlsStart localhost", "tlsEnd localhost true", "reused https://localhost:" + server.port()), events);
                assertEquals(1, server.statistics().connections());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void theClientSendsTheHostAsSni(LoopHarness h) {
        h.runBounded(() -> {
            Server server = Network.createServer(() -> new Protocol() {
                Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    data.position(data.limit());
                    String sni = transport.getExtraInfo(Transport.SSL_SESSION) instanceof ExtendedSSLSession s
                            ? s.getRequestedServerNames().toString() : "none";
                    transport.write(("HTTP/1.1 200 OK\r\nContent-Length: " + sni.length() + "\r\n\r\n" + sni)
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
            }, "127.0.0.1", 0, ServerOptions.DEFAULTS.withTls(TlsOptions.server(TestCertificate.server())));
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withSslContext(TestCertificate.client()), null);
            try {
                int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
                assertEquals("[type=host_name (0), value=localhost]", fetch(pool, "https://localhost:" + port + "/"));
                assertEquals("[]", fetch(pool, "https://127.0.0.1:" + port + "/"));
            } finally {
                pool.close();
                server.close();
                server.abortClients();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aCertificateThatDoesNotNameTheHostIsRefusedUnlessVerificationIsOff(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = tlsServer();
            PoolOptions o = PoolOptions.DEFAULTS.withSslContext(TestCertificate.client());
            ConnectionPool strict = new ConnectionPool(o, null, everythingIsLocal());
            ConnectionPool lax = new ConnectionPool(o.withVerifyHostname(false), null, everythingIsLocal());
            try {
                String url = "https://not-in-the-cert.test:" + server.port() + "/";
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> fetch(strict, url));
                assertTrue(e.getMessage().contains("not-in-the-cert.test"), e.getMessage());
                assertEquals(new PoolStatistics(0, 0, 0, 0), strict.statistics());
                assertEquals("secure not-in-the-cert.test:" + server.port(), fetch(lax, url));
            } finally {
                strict.close();
                lax.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anUntrustedCertificateIsRefused(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = tlsServer();
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                assertThrows(SSLHandshakeException.class, () -> fetch(pool, "https://localhost:" + server.port() + "/"));
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
            } finally {
                pool.close();
                server.close();
            }
        });
    }
}
