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

    @LoopTest(checkFds = true)
    void httpsSendsAFileRegionThroughTheChunkedPathAndPlainHttpZeroCopy(LoopHarness h) throws Exception {
        var serverCtx = TestCertificate.server();
        var clientCtx = TestCertificate.client();
        byte[] data = new byte[700_001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        Path file = Files.write(dir.resolve("f.bin"), data);
        io.jasyncio.http.server.Handler handler = req -> new Response(200).body(
                new io.jasyncio.http.server.ResponseBody.FileRegion(file, 1, data.length - 1));
        byte[] expected = java.util.Arrays.copyOfRange(data, 1, data.length);
        h.runBounded(() -> {
            HttpServer https = HttpServer.start(handler, ConnBasicsTest.LOCAL.withTls(TlsOptions.server(serverCtx)));
            HttpServer http = HttpServer.start(handler, ConnBasicsTest.LOCAL);
            try (RawClient c = RawClient.connectTls(https.port(), clientCtx); RawClient p = RawClient.connect(http.port())) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, c.get("/").read().body());
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, p.get("/").read().body());
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, p.get("/").read().body());
            } finally {
                https.close();
                http.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aFileShorterThanItsRegionClosesTheConnection(LoopHarness h) throws Exception {
        Path file = Files.write(dir.resolve("short.bin"), new byte[100]);
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> new Response(200).body(
                    new io.jasyncio.http.server.ResponseBody.FileRegion(file, 0, 1000)), ConnBasicsTest.LOCAL);
            try (io.jasyncio.testing.LogCapture log = io.jasyncio.testing.LogCapture.start();
                 RawClient c = RawClient.connect(server.port())) {
                c.get("/");
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (byte[] b = c.pair.reader().read(); b.length > 0; b = c.pair.reader().read()) {
                    all.writeBytes(b);
                }
                String text = all.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                org.junit.jupiter.api.Assertions.assertTrue(text.contains("Content-Length: 1000\r\n"), text);
                org.junit.jupiter.api.Assertions.assertTrue(text.endsWith("\r\n\r\n" + "\0".repeat(100)), "100 bytes, then closed");
                org.junit.jupiter.api.Assertions.assertTrue(log.messages().stream().anyMatch(m -> m.contains("the file ended 900 bytes")),
                        log.messages().toString());
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
