package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each of the client's timeouts raises its own exception, naming itself and its value. */
class PoolTimeoutsTest {
    private static final Duration SHORT = Duration.ofMillis(150);

    private static void check(ClientTimeoutException e, String which, String messageStart) {
        assertEquals(which, e.which());
        assertEquals(SHORT, e.limit());
        assertInstanceOf(AsyncTimeoutException.class, e);
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    @LoopTest(checkFds = true)
    void theConnectTimeoutCoversTheNameLookup(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache slowDns = new DnsCache(Duration.ofSeconds(10), host -> {
                Asyncio.sleep(Duration.ofHours(1));
                return List.of(InetAddress.getLoopbackAddress());
            });
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null, slowDns);
            try {
                ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class,
                        () -> pool.send(get("http://slow.test:81/"), ClientTimeouts.DEFAULTS.withConnect(SHORT), Long.MAX_VALUE));
                check(e, "connect", "connect timeout (150 ms) expired connecting to slow.test:81");
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
            } finally {
                pool.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void theFirstByteTimeoutCoversTheWaitForTheHead(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> { })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    FirstByteTimeoutException e = assertThrows(FirstByteTimeoutException.class,
                            () -> pool.send(get(s.url("/")), ClientTimeouts.DEFAULTS.withFirstByte(SHORT), Long.MAX_VALUE));
                    check(e, "first byte", "first byte timeout (150 ms) expired waiting for the response head from http://127.0.0.1:"
                            + s.port());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void theReadIdleTimeoutCoversAPauseInsideTheBody(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Exchange x = pool.send(get(s.url("/")), ClientTimeouts.DEFAULTS.withReadIdle(SHORT), Long.MAX_VALUE);
                    assertEquals(4, x.read().remaining());
                    ReadTimeoutException e = assertThrows(ReadTimeoutException.class, x::read);
                    check(e, "read idle", "read idle timeout (150 ms) expired reading the response body from http://127.0.0.1:"
                            + s.port());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void theTotalTimeoutCoversTheHeadAndTheBody(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                if (head.contains("/body")) {
                    c.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
                }
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                ClientTimeouts t = ClientTimeouts.DEFAULTS.withTotal(SHORT).withFirstByte(Duration.ofHours(1));
                try {
                    TotalTimeoutException e = assertThrows(TotalTimeoutException.class,
                            () -> pool.send(get(s.url("/head")), t, h.loop().time() + SHORT.toNanos()));
                    check(e, "total", "total timeout (150 ms) expired waiting for the response head");
                    Exchange x = pool.send(get(s.url("/body")), t, h.loop().time() + SHORT.toNanos());
                    x.read();
                    e = assertThrows(TotalTimeoutException.class, x::read);
                    check(e, "total", "total timeout (150 ms) expired reading the response body");
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void theTotalTimeoutAlsoCoversConnectingAndWaitingForThePool(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache slowDns = new DnsCache(Duration.ofSeconds(10), host -> {
                Asyncio.sleep(Duration.ofHours(1));
                return List.of(InetAddress.getLoopbackAddress());
            });
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null, slowDns);
            ClientTimeouts t = ClientTimeouts.DEFAULTS.withTotal(SHORT);
            try {
                TotalTimeoutException e = assertThrows(TotalTimeoutException.class,
                        () -> pool.send(get("http://slow.test/"), t, h.loop().time() + SHORT.toNanos()));
                check(e, "total", "total timeout (150 ms) expired connecting to slow.test:80");
                // The only slot, held by a connect that never ends (no deadline of its own).
                var holder = Asyncio.createTask(() -> pool.send(get("http://slow.test/"), ClientTimeouts.NONE, Long.MAX_VALUE));
                Asyncio.sleep(Duration.ZERO);
                assertEquals(new PoolStatistics(1, 0, 1, 0), pool.statistics());
                e = assertThrows(TotalTimeoutException.class,
                        () -> pool.send(get("http://other.test/"), t, h.loop().time() + SHORT.toNanos()));
                check(e, "total", "total timeout (150 ms) expired waiting for a connection to http://other.test");
                holder.cancel();
                assertThrows(io.jasyncio.CancelledError.class, holder::await);
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
            } finally {
                pool.close();
            }
        });
    }
}
