package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header timeout (slowloris), the idle keep-alive timeout and the discard timeout. Real
 * time: a loop with sockets registered does not jump its virtual clock, so the timeouts are
 * short and only the lower bound is exact (loop time never runs early); the upper bound is
 * generous.
 */
class ConnTimeoutsTest {
    static final Duration HEADER = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofMillis(400);
    static final ServerConfig CONFIG = ConnBasicsTest.LOCAL.withHeaderTimeout(HEADER).withKeepAliveTimeout(KEEP_ALIVE);
    /** The sweep adds up to a quarter of the shortest timeout; the rest is room for a loaded machine. */
    static final long SLACK = Duration.ofSeconds(5).toNanos();

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aHeadThatTakesTooLongGets408AndTheConnectionCloses(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("too late"), CONFIG);
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                long start = Asyncio.time();
                c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ");
                Asyncio.sleep(HEADER.dividedBy(2));
                c.send("still");
                RawClient.Reply r = c.read();
                long waited = Asyncio.time() - start;
                assertEquals(408, r.status());
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
                assertTrue(waited >= HEADER.toNanos() && waited <= HEADER.toNanos() + SLACK, "after " + waited + " ns");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aNewConnectionThatSendsNothingIsClosedQuietlyAfterTheHeaderTimeout(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), CONFIG);
            long start = Asyncio.time();
            try (RawClient c = RawClient.connect(server.port())) {
                assertTrue(c.closedByServer(), "closed without a response");
                long waited = Asyncio.time() - start;
                assertTrue(waited >= HEADER.toNanos() && waited <= HEADER.toNanos() + SLACK, "after " + waited + " ns");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void anIdleKeepAliveConnectionIsClosedQuietlyAfterTheKeepAliveTimeout(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), CONFIG);
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                Asyncio.sleep(KEEP_ALIVE.dividedBy(2));
                long start = Asyncio.time();
                assertEquals("x", c.get("/").read().text(), "a request in time resets the idle clock");
                assertTrue(c.closedByServer());
                long waited = Asyncio.time() - start;
                assertTrue(waited >= KEEP_ALIVE.toNanos() && waited <= KEEP_ALIVE.toNanos() + SLACK, "after " + waited + " ns");
                assertEquals(0, server.statistics().connections());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aBodyTheServerDiscardsMustArriveWithinTheHeaderTimeout(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("unread"), CONFIG);
            try (RawClient c = RawClient.connect(server.port())) {
                long start = Asyncio.time();
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789");
                assertEquals("unread", c.read().text());
                assertTrue(c.closedByServer());
                long waited = Asyncio.time() - start;
                assertTrue(waited >= HEADER.toNanos() && waited <= HEADER.toNanos() + SLACK, "after " + waited + " ns");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void theSweepTimerIsArmedOnlyWhileConnectionsExist(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), CONFIG);
            int base = h.loop().statistics().liveTimers();
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                assertEquals(base + 1, h.loop().statistics().liveTimers(), "one sweep for the server");
                c.get("/").read();
                assertEquals(base + 1, h.loop().statistics().liveTimers(), "no timer per request");
            }
            while (server.statistics().connections() > 0) {
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertEquals(base, h.loop().statistics().liveTimers(), "no connection, no sweep");
            server.close();
        });
    }
}
