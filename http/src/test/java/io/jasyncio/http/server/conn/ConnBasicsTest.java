package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.http.Method;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests and responses on a real connection: framing, keep-alive, pipelining, HEAD. */
class ConnBasicsTest {
    static final ServerConfig LOCAL = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0);

    @LoopTest(checkFds = true)
    void answersAGetWithLengthDateServerAndKeepsTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("Hello, World!"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals(200, r.status());
                assertEquals("OK", r.reason());
                assertEquals("Hello, World!", r.text());
                assertEquals("13", r.header("Content-Length"));
                assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
                assertEquals("jasyncio", r.header("Server"));
                assertTrue(r.header("Date").endsWith(" GMT"), r.header("Date"));
                assertNull(r.header("Connection"));
                assertEquals("Hello, World!", c.get("/again").read().text());
                assertEquals(2, server.statistics().requests());
                assertEquals(1, server.statistics().connections());
            } finally {
                server.close();
            }
            assertEquals(0, server.statistics().connections());
        });
    }

    @LoopTest(checkFds = true)
    void pipelinedRequestsAreAnsweredInOrderEvenWhenALaterHandlerIsFaster(LoopHarness h) {
        h.runBounded(() -> {
            List<String> started = new ArrayList<>();
            HttpServer server = HttpServer.start(req -> {
                started.add(req.target());
                Asyncio.sleep(Duration.ofMillis(req.target().equals("/slow") ? 50 : 0));
                return Response.text(req.target());
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\nGET /last HTTP/1.1\r\nHost: a\r\n\r\n");
                assertEquals("/slow", c.read().text());
                assertEquals("/fast", c.read().text());
                assertEquals("/last", c.read().text());
                assertEquals(List.of("/slow", "/fast", "/last"), started);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void headGetsTheSameHeadersAndNoBody(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                assertEquals(Method.HEAD, req.method());
                return Response.text("twelve bytes");
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
                assertEquals("12", r.header("Content-Length"));
                r = c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
                assertEquals(200, r.status(), "the first HEAD left no body bytes behind");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void noContentAndNotModifiedCarryNoBodyAndNoLength(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> new Response(req.target().equals("/204") ? 204 : 304)
                    .body(new ResponseBody.Bytes(ByteBuffer.wrap("ignored".getBytes()))), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/204").read();
                assertEquals(204, r.status());
                assertNull(r.header("Content-Length"));
                assertNull(r.header("Transfer-Encoding"));
                r = c.get("/304").read();
                assertEquals(304, r.status());
                assertNull(r.header("Content-Length"));
                assertEquals(200 / 100, c.get("/204").read().status() / 100, "no stray body bytes in between");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void connectionCloseAndHttp10CloseAfterTheResponse(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("bye"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").read();
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("GET / HTTP/1.0\r\n\r\n").read();
                assertEquals("bye", r.text());
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertEquals("keep-alive", r.header("Connection"));
                assertEquals("bye", c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void handlerFieldsAreSentAndFramingFieldsAreTheServers(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("abc").header("X-Test", "yes")
                    .header("Content-Length", "999").header("Connection", "upgrade").header("Server", "mine"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals("yes", r.header("X-Test"));
                assertEquals("3", r.header("Content-Length"));
                assertEquals(1, r.headers().count("Content-Length"));
                assertEquals("mine", r.header("Server"));
                assertEquals(1, r.headers().count("Server"));
                assertNull(r.header("Connection"));
                assertEquals("abc", r.text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void largeBytesBodiesAndEmptyBodies(LoopHarness h) {
        h.runBounded(() -> {
            byte[] big = new byte[300_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31 % 251);
            }
            HttpServer server = HttpServer.start(req -> req.target().equals("/big")
                    ? Response.bytes(200, big, "application/octet-stream") : new Response(200), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/big").read();
                assertEquals(String.valueOf(big.length), r.header("Content-Length"));
                assertTrue(java.util.Arrays.equals(big, r.body()));
                r = c.get("/empty").read();
                assertEquals("0", r.header("Content-Length"));
                assertEquals(0, r.body().length);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void startAndPortAndSockets(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            try {
                assertTrue(server.port() > 0);
                assertEquals(1, server.sockets().size());
                assertTrue(server.isServing());
                assertNotNull(server.toString());
            } finally {
                server.close();
            }
            assertFalse(server.isServing());
        });
    }
}
