package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.http.Method;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.get;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idle expiry, connections the server closed while idle, and the one retry after a stale reuse. */
class PoolKeepAliveTest {
    /** Real time the tests wait for the pool's sweep: long enough that a loaded machine sees the connections idle first. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    private static Exchange send(ConnectionPool pool, OutgoingRequest r) throws IOException {
        return pool.send(r, ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
    }

    @LoopTest(checkFds = true)
    void idleConnectionsExpireAfterTheKeepAliveTimeoutUnderOneTimer(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.ok("x"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withKeepAliveTimeout(KEEP_ALIVE), null);
                try {
                    int timersBefore = h.loop().statistics().liveTimers();
                    List<Task<String>> three = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        three.add(Asyncio.createTask(() -> text(send(pool, get(s.url("/"))))));
                    }
                    for (Task<String> t : three) {
                        assertEquals("x", t.await());
                    }
                    assertEquals(new PoolStatistics(3, 3, 0, 0), pool.statistics());
                    assertEquals(timersBefore + 1, h.loop().statistics().liveTimers());
                    LoopHarness.eventually(() -> pool.statistics().open() == 0);
                    assertEquals(timersBefore, h.loop().statistics().liveTimers());
                    assertEquals(3, s.conns.size());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aConnectionTheServerClosedWhileIdleLeavesThePoolAndIsNotReused(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"),
                    LOCAL.withKeepAliveTimeout(Duration.ofMillis(100)));
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                assertEquals("x", text(send(pool, get(url))));
                assertEquals(1, pool.statistics().idle());
                LoopHarness.eventually(() -> pool.statistics().open() == 0);
                Exchange e = send(pool, get(url));
                assertFalse(e.reused());
                assertEquals("x", text(e));
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anIdleConnectionResetByTheServerLeavesThePoolAndItsBooksBalance(LoopHarness h) {
        h.runBounded(() -> {
            List<Task<Void>> resets = new ArrayList<>();
            try (RawServer s = RawServer.start((c, head, n) -> {
                c.ok("x");
                resets.add(Asyncio.createTask(() -> {
                    Asyncio.sleep(Duration.ofMillis(50));
                    // SO_LINGER 0: the close sends a RST, so the client sees a reset, not an end of stream.
                    ((java.nio.channels.SocketChannel) c.transport.getExtraInfo(io.jasyncio.stream.Transport.SOCKET))
                            .setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                    c.transport.abort();
                }));
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    assertEquals("x", text(send(pool, get(s.url("/")))));
                    assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                    for (Task<Void> r : resets) {
                        r.await();
                    }
                    LoopHarness.eventually(() -> pool.statistics().open() == 0);
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                    Exchange e = send(pool, get(s.url("/")));
                    assertFalse(e.reused());
                    assertEquals("x", text(e));
                    for (Task<Void> r : resets) {
                        r.await();
                    }
                } finally {
                    pool.close();
                }
            }
        });
    }

    /** Answers the first request on each connection; closes without a word on the second, as a server that timed the connection out just then. */
    private static RawServer closesOnSecondRequest() throws IOException {
        return RawServer.start((c, head, n) -> {
            if (n == 1) {
                c.ok("fine");
            } else {
                c.transport.abort();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anIdempotentRequestOnAStaleReusedConnectionIsRetriedOnceOnAFreshOne(LoopHarness h) {
        h.runBounded(() -> {
            List<String> events = new ArrayList<>();
            ClientListener l = new ClientListener() {
                @Override
                public void connectionCreated(Origin origin, InetSocketAddress remote) {
                    events.add("created");
                }

                @Override
                public void connectionReused(Origin origin, InetSocketAddress remote) {
                    events.add("reused");
                }
            };
            try (RawServer s = closesOnSecondRequest()) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, l);
                try {
                    assertEquals("fine", text(send(pool, get(s.url("/")))));
                    Exchange e = send(pool, PoolTesting.request(Method.PUT, s.url("/"), PoolTesting.bytes(new byte[10], false)));
                    assertFalse(e.reused());
                    assertEquals("fine", text(e));
                    assertEquals(List.of("created", "reused", "created"), events);
                    assertEquals(2, s.conns.size());
                    assertEquals(3, s.heads.size());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aPostOrAStreamedBodyIsNotRetried(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = closesOnSecondRequest()) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    assertEquals("fine", text(send(pool, get(s.url("/")))));
                    ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class,
                            () -> send(pool, PoolTesting.request(Method.POST, s.url("/"), PoolTesting.bytes(new byte[3], false))));
                    assertTrue(e.getMessage().contains("127.0.0.1:" + s.port()), e.getMessage());
                    assertEquals("fine", text(send(pool, get(s.url("/")))));
                    Payload once = new Payload() {
                        @Override
                        public long length() {
                            return -1;
                        }

                        @Override
                        public String contentType() {
                            return null;
                        }

                        @Override
                        public boolean replayable() {
                            return false;
                        }

                        @Override
                        public void writeTo(PayloadSink sink) throws IOException {
                            sink.write(ByteBuffer.wrap("once".getBytes(StandardCharsets.US_ASCII)));
                        }
                    };
                    assertThrows(ServerDisconnectedException.class, () -> send(pool, PoolTesting.request(Method.PUT, s.url("/"), once)));
                    assertEquals(4, s.heads.size());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aFreshConnectionClosedBeforeTheResponseIsNotRetried(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.transport.abort())) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class, () -> send(pool, get(s.url("/"))));
                    assertTrue(e.getMessage().contains("127.0.0.1:" + s.port()), e.getMessage());
                    assertEquals(1, s.heads.size());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aBodyThatLiesAboutItsLengthFailsTheRequest(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.ok("never"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Payload shortBody = new Payload() {
                        @Override
                        public long length() {
                            return 10;
                        }

                        @Override
                        public String contentType() {
                            return null;
                        }

                        @Override
                        public boolean replayable() {
                            return true;
                        }

                        @Override
                        public void writeTo(PayloadSink sink) throws IOException {
                            sink.write(ByteBuffer.wrap(new byte[4]));
                        }
                    };
                    IOException e = assertThrows(IOException.class, () -> send(pool, PoolTesting.request(Method.PUT, s.url("/"), shortBody)));
                    assertEquals("the request body wrote 4 of its 10 bytes", e.getMessage());
                    assertEquals(0, pool.statistics().open());
                } finally {
                    pool.close();
                }
            }
        });
    }
}
