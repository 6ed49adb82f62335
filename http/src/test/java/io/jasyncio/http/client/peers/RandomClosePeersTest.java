package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientListener;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.Origin;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A server that closes keep-alive connections at random (seeded): after a response without
 * saying so, or on a later request without answering it. Every idempotent request must still
 * succeed (the pool notices a closed idle connection, or retries once on a fresh one when a
 * reused connection dies before the first response byte), and a POST on a dropped connection
 * must fail rather than be sent twice.
 */
class RandomClosePeersTest {
    static final int REQUESTS = 1_000;
    static final int IN_FLIGHT = 10;

    /** Counts the connections the pool opened and reused; called on the loop thread. */
    static final class Connections implements ClientListener {
        int created;
        int reused;

        @Override
        public void connectionCreated(Origin origin, InetSocketAddress remote) {
            created++;
        }

        @Override
        public void connectionReused(Origin origin, InetSocketAddress remote) {
            reused++;
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void everyGetSucceedsWhileTheServerDropsConnectionsAtRandom(LoopHarness h) {
        for (long seed : new long[] {1, 2, 3}) {
            h.runBounded(() -> {
                Misbehaviours.Counts counts = new Misbehaviours.Counts();
                ScriptedServer server = ScriptedServer.start(Misbehaviours.randomCloses(new SplittableRandom(seed), 0.1, 0.1, counts));
                Connections connections = new Connections();
                try (ClientSession s = ClientSession.builder().listener(connections)
                        .pool(PoolOptions.DEFAULTS.withLimit(IN_FLIGHT)).build()) {
                    List<String> bodies = Asyncio.mapConcurrently(IntStream.range(0, REQUESTS).boxed().toList(), IN_FLIGHT, i -> {
                        try (ClientResponse r = s.get(server.url("/item/" + i))) {
                            return r.status() + " " + r.text();
                        }
                    });
                    for (int i = 0; i < REQUESTS; i++) {
                        assertEquals("200 /item/" + i, bodies.get(i), "seed " + seed);
                    }
                } finally {
                    server.close();
                }
                String what = "seed " + seed + ": " + counts + "; client created " + connections.created + ", reused "
                        + connections.reused;
                assertTrue(counts.dropped > 0 && counts.closedAfter > 0, "both kinds of close happened: " + what);
                assertTrue(counts.reusedServes > REQUESTS / 2, "keep-alive still carried most requests: " + what);
                assertTrue(connections.created < REQUESTS / 2, what);
            });
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aPostOnADroppedConnectionFailsInsteadOfBeingSentTwice(LoopHarness h) {
        h.runBounded(() -> {
            Misbehaviours.Counts counts = new Misbehaviours.Counts();
            // Never closes after a response, always drops the second request of a connection.
            ScriptedServer server = ScriptedServer.start(Misbehaviours.randomCloses(new SplittableRandom(7), 0.0, 1.0, counts));
            try (ClientSession s = ClientSession.builder().pool(PoolOptions.DEFAULTS.withLimit(1)).build()) {
                try (ClientResponse r = s.get(server.url("/first"))) {
                    assertEquals("/first", r.text());
                }
                assertThrows(IOException.class, () -> s.post(server.url("/once"), Payload.text("pay")).close());
                assertEquals(1, counts.dropped, "the POST reached the server once and was not retried");
                assertEquals(1, server.accepted(), "no second connection for a retry");
                try (ClientResponse r = s.get(server.url("/after"))) {
                    assertEquals("/after", r.text(), "the session is still usable");
                }
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aGetOnADroppedConnectionIsRetriedOnce(LoopHarness h) {
        h.runBounded(() -> {
            Misbehaviours.Counts counts = new Misbehaviours.Counts();
            ScriptedServer server = ScriptedServer.start(Misbehaviours.randomCloses(new SplittableRandom(7), 0.0, 1.0, counts));
            try (ClientSession s = ClientSession.builder().pool(PoolOptions.DEFAULTS.withLimit(1)).build()) {
                for (int i = 0; i < 5; i++) {
                    try (ClientResponse r = s.get(server.url("/g" + i))) {
                        assertEquals("/g" + i, r.text());
                    }
                }
                assertEquals(4, counts.dropped, "every request after the first on a connection was dropped once");
                assertEquals(5, server.accepted(), "and retried on a fresh connection");
            } finally {
                server.close();
            }
        });
    }
}
