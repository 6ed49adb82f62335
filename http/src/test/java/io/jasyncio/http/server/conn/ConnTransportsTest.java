package io.jasyncio.http.server.conn;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.stream.Transport;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HTTPS with ALPN, and Unix-domain sockets. */
class ConnTransportsTest {
    @TempDir
    Path dir;

    @LoopTest(checkFds = true)
    void httpsAnswersAndNegotiatesHttp11ByAlpn(LoopHarness h) throws Exception {
        var serverCtx = TestCertificate.server();
        var clientCtx = TestCertificate.client();
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("secure " + req.remoteAddress().getAddress().getHostAddress()),
                    ConnBasicsTest.LOCAL.withTls(TlsOptions.server(serverCtx)));
            try (RawClient c = RawClient.connectTls(server.port(), clientCtx)) {
                assertEquals("http/1.1", c.pair.writer().getExtraInfo(Transport.ALPN_PROTOCOL));
                assertEquals("secure 127.0.0.1", c.get("/").read().text());
                assertEquals("secure 127.0.0.1", c.get("/").read().text());
            } finally {
                server.close();
            }
        });
    }

    @Test
    void tlsOptionsGetAlpnHttp11UnlessTheyNameTheirOwn() throws Exception {
        var ctx = TestCertificate.server();
        assertEquals(List.of("http/1.1"), ServerConfig.DEFAULTS.withTls(TlsOptions.server(ctx)).tls().alpnProtocols());
        assertEquals(List.of("x"), ServerConfig.DEFAULTS.withTls(TlsOptions.server(ctx).withAlpn(List.of("x"))).tls().alpnProtocols());
        assertNull(ServerConfig.DEFAULTS.withTls(null).tls());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.DEFAULTS.withTls(TlsOptions.client(ctx)));
    }

    @LoopTest(checkFds = true)
    void aUnixSocketServerAnswersWithoutARemoteAddress(LoopHarness h) {
        Path socket = dir.resolve("http.sock");
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("unix " + req.remoteAddress()),
                    ServerConfig.DEFAULTS.withUnixPath(socket));
            try (RawClient c = RawClient.connectUnix(socket)) {
                assertEquals("unix null", c.get("/").read().text());
                assertThrows(IllegalStateException.class, server::port);
            } finally {
                server.close();
            }
            assertFalse(Files.exists(socket));
        });
    }
}
