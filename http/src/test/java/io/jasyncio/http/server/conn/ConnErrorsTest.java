package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.http.Headers;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.sync.Event;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What handlers throw, what malformed requests get, and clients that go away. */
class ConnErrorsTest {
    static final ServerConfig LOCAL = ConnBasicsTest.LOCAL;

    @LoopTest(checkFds = true)
    void anHttpExceptionIsItsStatusWithItsMessageAndFields(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                throw new HttpException(405, "use POST", Headers.of("Allow", "POST"));
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals(405, r.status());
                assertEquals("use POST", r.text());
                assertEquals("POST", r.header("Allow"));
                assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
                assertEquals(405, c.get("/").read().status(), "the connection stays open");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anyOtherExceptionIs500WithoutDetailAndIsLogged(LoopHarness h) {
        h.runBounded(() -> {
            try (LogCapture log = LogCapture.start()) {
                HttpServer server = HttpServer.start(req -> {
                    if (req.target().equals("/null")) {
                        return null;
                    }
                    throw new IllegalStateException("secret detail");
                }, LOCAL);
                try (RawClient c = RawClient.connect(server.port())) {
                    RawClient.Reply r = c.get("/").read();
                    assertEquals(500, r.status());
                    assertFalse(r.text().contains("secret"), r.text());
                    assertFalse(r.text().contains("Exception"), r.text());
                    assertEquals(500, c.get("/null").read().status());
                } finally {
                    server.close();
                }
                List<String> m = log.messages();
                assertTrue(m.stream().anyMatch(s -> s.startsWith("SEVERE") && s.contains("GET / HTTP/1.1")
                        && s.contains("secret detail") && !s.contains(" | ")), "logged without the stack: " + m);
                assertTrue(m.stream().anyMatch(s -> s.contains("returned null")), m.toString());
            }
        });
    }

    @LoopTest(checkFds = true)
    void inDebugModeThe500IsLoggedWithItsStack(LoopHarness h) {
        h.loop().setDebug(true);
        h.runBounded(() -> {
            try (LogCapture log = LogCapture.start()) {
                HttpServer server = HttpServer.start(req -> {
                    throw new IllegalStateException("with stack");
                }, LOCAL);
                try (RawClient c = RawClient.connect(server.port())) {
                    assertEquals(500, c.get("/").read().status());
                } finally {
                    server.close();
                }
                assertTrue(log.messages().stream().anyMatch(s -> s.contains(" | java.lang.IllegalStateException: with stack")),
                        log.messages().toString());
            }
        });
    }

    @LoopTest(checkFds = true)
    void aMalformedRequestGetsItsStatusAndTheConnectionCloses(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("never"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").read();
                assertEquals(400, r.status());
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                RawClient.Reply r = c.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertEquals(414, r.status());
                assertTrue(c.closedByServer());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aClientThatGoesAwayCancelsItsHandler(LoopHarness h) {
        h.runBounded(() -> {
            Event started = new Event();
            List<String> outcome = new ArrayList<>();
            Event ended = new Event();
            HttpServer server = HttpServer.start(req -> {
                started.set();
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                    outcome.add("finished");
                } catch (CancelledError e) {
                    outcome.add("cancelled");
                    throw e;
                } finally {
                    ended.set();
                }
                return Response.text("late");
            }, LOCAL);
            try {
                RawClient c = RawClient.connect(server.port());
                c.get("/");
                started.await();
                c.close();
                ended.await();
                assertEquals(List.of("cancelled"), outcome);
                while (server.statistics().connections() > 0 || server.statistics().activeRequests() > 0) {
                    Asyncio.sleep(Duration.ofMillis(1));
                }
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aClientResettingMidBodyLeavesNothingBehind(LoopHarness h) {
        h.runBounded(() -> {
            Event reading = new Event();
            List<Throwable> seen = new ArrayList<>();
            HttpServer server = HttpServer.start(req -> {
                reading.set();
                try {
                    req.bytes();
                } catch (Throwable t) {
                    seen.add(t);
                    throw t;
                }
                return Response.text("never");
            }, LOCAL);
            try {
                RawClient c = RawClient.connect(server.port());
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n").send(new byte[5000]);
                reading.await();
                c.pair.writer().transport().abort();
                while (server.statistics().connections() > 0 || server.statistics().activeRequests() > 0) {
                    Asyncio.sleep(Duration.ofMillis(1));
                }
                assertEquals(1, seen.size());
                assertTrue(seen.getFirst() instanceof CancelledError || seen.getFirst() instanceof java.io.IOException, seen.toString());
            } finally {
                server.close();
            }
        });
    }
}
