package io.jasyncio.http.client.peers;

import io.jasyncio.Asyncio;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The {@link ScriptedServer.Script}s of the misbehaving peers: one per client timeout, and a
 * server that closes keep-alive connections at random.
 */
final class Misbehaviours {
    private Misbehaviours() {
    }

    /** Reads the request and never answers: the client's first-byte timeout (or, with a busy pool, pool-acquire). */
    static ScriptedServer.Script silent() {
        return conn -> {
            conn.readRequest();
            conn.awaitClientClose();
        };
    }

    /**
     * Answers the head and {@code sent} of the {@code length} body bytes it announced, then
     * stalls: the client's read-idle timeout.
     */
    static ScriptedServer.Script headThenStall(int length, int sent) {
        return conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(sent));
            conn.awaitClientClose();
        };
    }

    /**
     * Answers with a {@code length}-byte body, one byte every {@code interval}: never idle for
     * long, never done in time; the client's total timeout.
     */
    static ScriptedServer.Script trickle(int length, Duration interval) {
        return conn -> {
            conn.readRequest();
            conn.send("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n");
            for (int i = 0; i < length; i++) {
                Asyncio.sleep(interval);
                conn.send("x");
            }
            conn.awaitClientClose();
        };
    }

    /**
     * Serves {@code GET /anything} with the target as the body, and closes keep-alive connections
     * at random (seeded): after a response, with probability {@code closeAfter}, it closes without
     * saying so (no {@code Connection: close}); and on a request that is not the connection's
     * first, with probability {@code dropRequest}, it closes without answering: the two ways a
     * pooled connection turns out dead, the second only an idempotent-request retry survives.
     *
     * @param stats counts what the server did, for the test's asserts
     */
    static ScriptedServer.Script randomCloses(RandomGenerator random, double closeAfter, double dropRequest,
                                              Counts stats) {
        return conn -> {
            int served = 0;
            for (String head = conn.readRequest(); head != null; head = conn.readRequest()) {
                if (served > 0 && random.nextDouble() < dropRequest) {
                    stats.dropped++;
                    return;
                }
                conn.respond(ScriptedServer.Conn.target(head), false);
                served++;
                stats.served++;
                if (served > 1) {
                    stats.reusedServes++;
                }
                if (random.nextDouble() < closeAfter) {
                    stats.closedAfter++;
                    return;
                }
            }
        };
    }

    /** What {@link #randomCloses} did; mutated on the loop thread only. */
    static final class Counts {
        int served;
        int reusedServes;
        int closedAfter;
        int dropped;

        @Override
        public String toString() {
            return "served " + served + " (" + reusedServes + " on reused connections), closed after a response "
                    + closedAfter + ", dropped a request " + dropped;
        }
    }
}
