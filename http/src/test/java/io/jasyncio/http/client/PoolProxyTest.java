package io.jasyncio.http.client;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.conn.TestCertificate;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests through an HTTP proxy: absolute form for http, a CONNECT tunnel with TLS inside for https. */
class PoolProxyTest {
    @LoopTest(checkFds = true)
    void plainRequestsGoToTheProxyInAbsoluteFormWithItsCredentials(LoopHarness h) {
        h.runBounded(() -> {
            try (TestProxy proxy = TestProxy.start(null)) {
                Proxy p = proxy.proxy().withBasicAuth("user", "secret");
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withProxy(p), null);
                try {
                    assertEquals("proxied GET http://example.test:8080/a?b=1 HTTP/1.1", fetch(pool, "http://example.test:8080/a?b=1"));
                    assertEquals("proxied GET http://example.test/ HTTP/1.1", fetch(pool, "http://example.test/"));
                    String head = proxy.heads.getFirst();
                    assertEquals("example.test:8080", TestProxy.header(head, "host"));
                    assertEquals("Basic dXNlcjpzZWNyZXQ=", TestProxy.header(head, "proxy-authorization"));
                    assertEquals(2, pool.statistics().idle());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void httpsGoesThroughAConnectTunnelWithTlsToTheTarget(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("secure " + req.target()),
                    LOCAL.withTls(TlsOptions.server(TestCertificate.server())));
            try (TestProxy proxy = TestProxy.start("Basic dXNlcjpzZWNyZXQ=")) {
                Proxy p = proxy.proxy().withBasicAuth("user", "secret");
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withProxy(p).withSslContext(TestCertificate.client()), null);
                try {
                    String url = "https://localhost:" + server.port();
                    assertEquals("secure /one", fetch(pool, url + "/one"));
                    assertEquals("secure /two", fetch(pool, url + "/two"));
                    assertEquals(1, proxy.heads.size());
                    assertTrue(proxy.heads.getFirst().startsWith("CONNECT localhost:" + server.port() + " HTTP/1.1\r\n"));
                    assertEquals("localhost:" + server.port(), TestProxy.header(proxy.heads.getFirst(), "host"));
                    assertEquals(1, server.statistics().connections());
                } finally {
                    pool.close();
                }
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aRefusedConnectFailsTheRequestNamingTheProxyAndTheStatus(LoopHarness h) {
        h.runBounded(() -> {
            try (TestProxy proxy = TestProxy.start("Basic other")) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withProxy(proxy.proxy()), null);
                try {
                    IOException e = assertThrows(IOException.class, () -> fetch(pool, "https://localhost:1/"));
                    assertEquals("proxy 127.0.0.1:" + proxy.port() + " refused CONNECT localhost:1: 407 Proxy Authentication Required",
                            e.getMessage());
                    assertNull(TestProxy.header(proxy.heads.getFirst(), "proxy-authorization"));
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }
}
