package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.http.Method;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.get;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One exchange's framing, reading, releasing, aborting and upgrading, against scripted servers. */
class PoolExchangeTest {
    private static Exchange send(ConnectionPool pool, OutgoingRequest r) throws IOException {
        return pool.send(r, ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
    }

    @LoopTest(checkFds = true)
    void headAnd204And304HaveNoBodyAndKeepTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                if (head.startsWith("HEAD")) {
                    c.send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                } else if (head.contains("/204")) {
                    c.send("HTTP/1.1 204 No Content\r\n\r\n");
                } else {
                    c.send("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n");
                }
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange e = send(pool, PoolTesting.request(Method.HEAD, s.url("/"), null));
                    assertEquals("1000", e.head().headers().get("Content-Length"));
                    assertNull(e.read());
                    Exchange e204 = send(pool, get(s.url("/204")));
                    assertEquals(204, e204.head().status());
                    assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                    assertNull(e204.read());
                    Exchange e304 = send(pool, get(s.url("/304")));
                    assertEquals("", text(e304));
                    assertEquals(1, s.conns.size());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aBodyUntilCloseAndConnectionCloseAreReadButNotReused(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                if (head.contains("/eof")) {
                    c.send("HTTP/1.1 200 OK\r\n\r\nuntil the end");
                    c.close();
                } else {
                    c.send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
                }
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    assertEquals("until the end", text(send(pool, get(s.url("/eof")))));
                    assertEquals("ok", text(send(pool, get(s.url("/close")))));
                    assertEquals(0, pool.statistics().open());
                    assertEquals(2, s.conns.size());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aRequestThatAsksToCloseDoesNotReuseTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.ok("x"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    OutgoingRequest r = new OutgoingRequest(Method.GET, io.jasyncio.http.Url.parseTarget(s.url("/")),
                            io.jasyncio.http.Headers.of("Connection", "keep-alive, Close"), null);
                    assertEquals("x", text(send(pool, r)));
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void chunkedResponsesAreDechunkedAndInterimResponsesSkipped(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.send("HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange e = send(pool, get(s.url("/")));
                    assertEquals(200, e.head().status());
                    assertEquals("hello world", text(e));
                    assertEquals(1, pool.statistics().idle());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aResponseArrivingOneByteAtATimeIsReadWhole(LoopHarness h) {
        String response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n"
                + "3\r\nabc\r\n1;ext=1\r\nd\r\n0\r\nTrailer: t\r\n\r\n";
        h.runBounded(() -> {
            List<Task<Void>> writers = new ArrayList<>();
            try (RawServer s = RawServer.start((c, head, n) -> writers.add(Asyncio.createTask(() -> {
                for (byte b : response.getBytes(StandardCharsets.ISO_8859_1)) {
                    c.transport.write(new byte[] {b});
                    Asyncio.sleep(Duration.ofMillis(1));
                }
            })))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    for (int i = 0; i < 2; i++) {
                        Exchange e = send(pool, get(s.url("/")));
                        assertEquals("b", e.head().headers().get("X-A"));
                        assertEquals("abcd", text(e));
                    }
                    assertEquals(1, s.conns.size());
                    for (Task<Void> w : writers) {
                        w.await();
                    }
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aMalformedResponseFailsAndClosesTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.send("SMTP ready\r\n\r\n"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    IOException e = assertThrows(IOException.class, () -> send(pool, get(s.url("/"))));
                    assertTrue(e.getMessage().startsWith("invalid response from 127.0.0.1:" + s.port()), e.getMessage());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aBodyCutShortIsAServerDisconnect(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                c.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
                c.close();
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange e = send(pool, get(s.url("/")));
                    ServerDisconnectedException x = assertThrows(ServerDisconnectedException.class, () -> text(e));
                    assertTrue(x.getMessage().contains("inside the response body"), x.getMessage());
                    assertThrows(IOException.class, e::read);
                    assertEquals(0, pool.statistics().open());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void readingPausesTheSocketWhileUnreadBytesPileUp(LoopHarness h) {
        byte[] big = new byte[4 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.bytes(200, big, "application/octet-stream"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                Exchange e = send(pool, get("http://127.0.0.1:" + server.port() + "/"));
                LoopHarness.eventually(() -> e.buffered() >= ClientConnection.READ_HIGH);
                Asyncio.sleep(Duration.ofMillis(200));
                // The client stopped reading at its high-water mark: the rest waits in the server and the kernel.
                assertTrue(e.buffered() < ClientConnection.READ_HIGH + 512 * 1024, "buffered " + e.buffered());
                ByteBuffer all = ByteBuffer.allocate(big.length);
                ByteBuffer b;
                while ((b = e.read()) != null) {
                    all.put(b);
                }
                assertArrayEquals(big, all.array());
                assertEquals(1, pool.statistics().idle());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void releaseDrainsASmallRestAndKeepsTheConnectionButClosesOnALargeOne(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x".repeat(Integer.parseInt(req.query("n")))), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                String base = "http://127.0.0.1:" + server.port() + "/?n=";
                send(pool, get(base + 1000)).release();
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                send(pool, get(base + 1_000_000)).release();
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                assertEquals(2, server.statistics().requests());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void abortClosesTheConnectionAndLaterReadsFail(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("body"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                Exchange e = send(pool, get("http://127.0.0.1:" + server.port() + "/"));
                e.abort();
                e.abort();
                assertEquals(0, pool.statistics().open());
                assertThrows(IOException.class, e::read);
                e.release();
                assertThrows(IllegalStateException.class, e::upgrade);
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    /** The far end of an upgraded connection: echoes what it gets, in upper case. */
    static final class Shout implements Protocol {
        Transport transport;
        final StringBuilder got = new StringBuilder();

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            got.append(StandardCharsets.ISO_8859_1.decode(data));
        }
    }

    @LoopTest(checkFds = true)
    void a101HandsTheTransportAndTheBytesAfterTheHeadOver(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                c.send("HTTP/1.1 101 Switching Protocols\r\nUpgrade: shout\r\nConnection: Upgrade\r\n\r\nfirst");
                c.transport.setProtocol(new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        c.transport.write(StandardCharsets.ISO_8859_1.decode(data).toString().toUpperCase()
                                .getBytes(StandardCharsets.ISO_8859_1));
                    }
                });
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange e = send(pool, get(s.url("/ws")));
                    assertEquals(101, e.head().status());
                    assertNull(e.read());
                    Asyncio.sleep(Duration.ofMillis(50));
                    Exchange.Upgraded up = e.upgrade();
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                    Shout shout = new Shout();
                    up.transport().setProtocol(shout);
                    shout.transport = up.transport();
                    assertEquals("first", StandardCharsets.ISO_8859_1.decode(up.leftover()).toString());
                    up.transport().write("hi there".getBytes(StandardCharsets.ISO_8859_1));
                    LoopHarness.eventually(() -> shout.got.toString().equals("HI THERE"));
                    up.transport().close();
                    assertThrows(IllegalStateException.class, e::upgrade);
                    e.release();
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void onlyA101OrAConnect2xxCanBeUpgraded(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                if (head.startsWith("CONNECT")) {
                    c.send("HTTP/1.1 200 Connection Established\r\n\r\ntunnel");
                } else {
                    c.ok("plain");
                }
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange plain = send(pool, get(s.url("/")));
                    assertThrows(IllegalStateException.class, plain::upgrade);
                    plain.release();
                    Exchange tunnel = send(pool, new OutgoingRequest(Method.CONNECT, io.jasyncio.http.Url.parseTarget(s.url("/")),
                            new io.jasyncio.http.Headers(), null));
                    assertEquals(200, tunnel.head().status());
                    Exchange.Upgraded up = tunnel.upgrade();
                    assertEquals("tunnel", StandardCharsets.ISO_8859_1.decode(up.leftover()).toString());
                    assertFalse(up.transport().isClosing());
                    up.transport().close();
                    assertTrue(tunnel.reused());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }
}
