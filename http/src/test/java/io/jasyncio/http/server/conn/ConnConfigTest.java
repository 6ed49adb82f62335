package io.jasyncio.http.server.conn;

import io.jasyncio.http.Headers;
import io.jasyncio.http.codec.CodecLimits;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.http.server.ServerStatistics;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ServerConfig's defaults and withers, HttpException's constructors, the access log, statistics. */
class ConnConfigTest {
    @Test
    void defaultsAreAiohttpAndNginxLike() {
        ServerConfig d = ServerConfig.DEFAULTS;
        assertNull(d.host());
        assertEquals(8080, d.port());
        assertNull(d.unixPath());
        assertNull(d.tls());
        assertEquals(CodecLimits.DEFAULTS, d.limits());
        assertEquals(Duration.ofSeconds(75), d.keepAliveTimeout());
        assertFalse(d.accessLog());
        assertEquals("jasyncio", d.serverName());
    }

    @Test
    void everyWitherChangesOnlyItsField() {
        ServerConfig d = ServerConfig.DEFAULTS;
        assertEquals("127.0.0.1", d.withHost("127.0.0.1").host());
        assertEquals(0, d.withPort(0).port());
        assertEquals(Path.of("/tmp/s"), d.withUnixPath(Path.of("/tmp/s")).unixPath());
        CodecLimits limits = CodecLimits.DEFAULTS.withMaxHeaderCount(5);
        assertEquals(limits, d.withLimits(limits).limits());
        assertEquals(Duration.ofSeconds(1), d.withHeaderTimeout(Duration.ofSeconds(1)).headerTimeout());
        assertEquals(Duration.ofSeconds(2), d.withKeepAliveTimeout(Duration.ofSeconds(2)).keepAliveTimeout());
        assertEquals(Duration.ZERO, d.withShutdownGrace(Duration.ZERO).shutdownGrace());
        assertTrue(d.withAccessLog(true).accessLog());
        assertNull(d.withServerName(null).serverName());
        assertEquals(7, d.withBacklog(7).backlog());
        assertEquals(100, d.withBodyBufferLimit(100).bodyBufferLimit());
        assertEquals(0, d.withDiscardLimit(0).discardLimit());
        assertEquals(d.withPort(1).withHost("h"), d.withHost("h").withPort(1));
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        ServerConfig d = ServerConfig.DEFAULTS;
        assertThrows(IllegalArgumentException.class, () -> d.withPort(70000));
        assertThrows(IllegalArgumentException.class, () -> d.withHeaderTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withKeepAliveTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withShutdownGrace(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withBacklog(0));
        assertThrows(IllegalArgumentException.class, () -> d.withBodyBufferLimit(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDiscardLimit(-1));
        assertThrows(NullPointerException.class, () -> d.withLimits(null));
    }

    @Test
    void httpExceptionCarriesStatusMessageAndFields() {
        assertEquals("Not Found", new HttpException(404).getMessage());
        assertEquals(404, new HttpException(404).status());
        assertEquals("gone", new HttpException(410, "gone").getMessage());
        assertEquals("GET", new HttpException(405, "no", Headers.of("Allow", "GET")).headers().get("Allow"));
        assertThrows(IllegalArgumentException.class, () -> new HttpException(200));
        assertThrows(IllegalArgumentException.class, () -> new HttpException(600, "x"));
    }

    @LoopTest(checkFds = true)
    void theAccessLogHasOneLinePerRequestWhenOnAndNoneWhenOff(LoopHarness h) {
        Logger access = Logger.getLogger("io.jasyncio.http.access");
        Level before = access.getLevel();
        access.setLevel(Level.INFO);
        try (LogCapture log = LogCapture.start()) {
            h.runBounded(() -> {
                HttpServer on = HttpServer.start(req -> Response.text("abc"), ConnBasicsTest.LOCAL.withAccessLog(true));
                HttpServer off = HttpServer.start(req -> Response.text("abc"), ConnBasicsTest.LOCAL);
                try (RawClient a = RawClient.connect(on.port()); RawClient b = RawClient.connect(off.port())) {
                    a.get("/logged?x=1").read();
                    b.get("/quiet").read();
                } finally {
                    on.close();
                    off.close();
                }
            });
            assertTrue(log.messages().stream().anyMatch(m -> m.matches("INFO 127\\.0\\.0\\.1 \"GET /logged\\?x=1 HTTP/1\\.1\" 200 3 \\d+\\.\\d{3}ms")),
                    log.messages().toString());
            assertFalse(log.messages().stream().anyMatch(m -> m.contains("/quiet")), log.messages().toString());
        } finally {
            access.setLevel(before);
        }
    }

    @LoopTest(checkFds = true)
    void statisticsCountConnectionsAndRequests(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer[] holder = new HttpServer[1];
            HttpServer server = HttpServer.start(req -> {
                ServerStatistics s = holder[0].statistics();
                return Response.text(s.connections() + " " + s.activeRequests());
            }, ConnBasicsTest.LOCAL);
            holder[0] = server;
            assertEquals(new ServerStatistics(0, 0, 0, 0), server.statistics());
            try (RawClient c = RawClient.connect(server.port())) {
                assertEquals("1 1", c.get("/").read().text(), "the handler sees its own request in progress");
            } finally {
                server.close();
            }
            assertEquals(new ServerStatistics(0, 0, 1, 0), server.statistics());
        });
    }
}
