package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.jasyncio.http.client.PoolTesting.fetch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many requests through a small pool to a server that ends keep-alive connections in every way:
 * politely (Connection: close), and silently on a later request (as a server that timed the
 * connection out just then). Every request succeeds, no more sockets than the limit are ever
 * open, and the pool's books balance at the end.
 */
class PoolChurnTest {
    private static final int REQUESTS = 400;
    private static final int IN_FLIGHT = 50;
    private static final int LIMIT = 8;

    @LoopTest(checkFds = true)
    void everyRequestSucceedsWithinTheLimitWhileTheServerDropsConnections(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> {
                if (n % 7 == 0) {
                    c.transport.abort();
                } else if (n % 5 == 0) {
                    String body = head.substring(4, head.indexOf(' ', 4));
                    c.send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                    c.close();
                } else {
                    c.ok(head.substring(4, head.indexOf(' ', 4)));
                }
            })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(LIMIT), null);
                try {
                    List<Integer> ids = IntStream.range(0, REQUESTS).boxed().toList();
                    List<Integer> maxOpen = new ArrayList<>();
                    List<String> bodies = Asyncio.mapConcurrently(ids, IN_FLIGHT, i -> {
                        String b = fetch(pool, s.url("/" + i));
                        maxOpen.add(pool.statistics().open());
                        return b;
                    });
                    for (int i = 0; i < REQUESTS; i++) {
                        assertEquals("/" + i, bodies.get(i));
                    }
                    assertTrue(maxOpen.stream().allMatch(n -> n <= LIMIT), maxOpen.toString());
                    PoolStatistics end = pool.statistics();
                    assertEquals(end.open(), end.idle());
                    assertEquals(0, end.waiting());
                    assertTrue(s.conns.size() > REQUESTS / 7, "connections: " + s.conns.size());
                } finally {
                    pool.close();
                }
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
            }
        });
    }
}
