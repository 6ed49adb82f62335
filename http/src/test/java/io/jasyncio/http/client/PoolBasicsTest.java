package io.jasyncio.http.client;

import io.jasyncio.http.Method;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.charset.StandardCharsets;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.fetch;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's happy path against the project's own server: send, read, keep-alive reuse, close. */
class PoolBasicsTest {
    @LoopTest(checkFds = true)
    void sendsAGetAndReusesTheKeepAliveConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("hello " + req.target()), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Exchange first = pool.send(PoolTesting.get(base + "/a?x=1"), ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
                assertEquals(200, first.head().status());
                assertFalse(first.reused());
                assertNotNull(first.remoteAddress());
                assertEquals(new PoolStatistics(1, 0, 1, 0), pool.statistics());
                assertEquals("hello /a?x=1", text(first));
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                first.release();
                Exchange second = pool.send(PoolTesting.get(base + "/b"), ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
                assertTrue(second.reused());
                assertEquals("hello /b", text(second));
                assertEquals(1, server.statistics().connections());
                assertEquals(2, server.statistics().requests());
            } finally {
                pool.close();
                server.close();
            }
            assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
        });
    }

    @LoopTest(checkFds = true)
    void sendsBodiesWithLengthOrChunked(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text(req.headers().get("Content-Length", "-") + " "
                    + req.headers().get("Transfer-Encoding", "-") + " " + req.text()), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                byte[] data = "abcdefghij".getBytes(StandardCharsets.UTF_8);
                assertEquals("10 - abcdefghij", text(pool.send(PoolTesting.request(Method.POST, url, PoolTesting.bytes(data, false)),
                        ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                assertEquals("- chunked abcdefghij", text(pool.send(PoolTesting.request(Method.PUT, url, PoolTesting.bytes(data, true)),
                        ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                assertEquals("0 - ", text(pool.send(PoolTesting.request(Method.POST, url, null), ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                assertEquals("- - ", fetch(pool, url));
                assertEquals(1, server.statistics().connections());
            } finally {
                pool.close();
                server.close();
            }
        });
    }
}
