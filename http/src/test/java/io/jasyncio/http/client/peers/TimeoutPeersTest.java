package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.ClientTimeoutException;
import io.jasyncio.http.client.ClientTimeouts;
import io.jasyncio.http.client.ConnectTimeoutException;
import io.jasyncio.http.client.FirstByteTimeoutException;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.http.client.PoolTimeoutException;
import io.jasyncio.http.client.ReadTimeoutException;
import io.jasyncio.http.client.TotalTimeoutException;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.time.Duration;

/**
 * Every client timeout against a peer that makes exactly it expire, over real sockets: a
 * connect to a full accept queue, a pool whose only connection is busy, a server that reads the
 * request and never answers, one that stalls after part of the body, one that trickles a byte at
 * a time. Each raises its own type, which is an {@link AsyncTimeoutException}, names itself and
 * its value, and leaves nothing open (fd-checked).
 *
 * <p>The limits are short ({@link #LIMIT}) but the peers never do what would beat them (they
 * never answer, or would take {@link #TRICKLE_SECONDS}), so a loaded machine only makes a
 * test slower, never wrong. The other timeouts are left unset (null = none) in each test, so
 * only the one under test can fire.
 */
class TimeoutPeersTest {
    /** The limit under test. */
    static final Duration LIMIT = Duration.ofMillis(200);
    /** How long the trickling server would take to finish its body: far beyond {@link #LIMIT}. */
    static final int TRICKLE_SECONDS = 20;

    private static ClientSession session(ClientTimeouts timeouts, int poolLimit) {
        return ClientSession.builder().timeouts(timeouts).pool(PoolOptions.DEFAULTS.withLimit(poolLimit)).build();
    }

    private static void assertNamed(ClientTimeoutException e, String which) {
        assertInstanceOf(AsyncTimeoutException.class, e);
        assertEquals(which, e.which());
        assertEquals(LIMIT, e.limit());
        assertTrue(e.getMessage().startsWith(which + " timeout (200 ms) expired"), e.getMessage());
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aConnectThatHangsRaisesConnectTimeout(LoopHarness h) throws Exception {
        try (FullBacklog backlog = FullBacklog.open()) {
            h.runBounded(() -> {
                try (ClientSession s = session(ClientTimeouts.NONE.withConnect(LIMIT), 10)) {
                    ConnectTimeoutException e = assertThrows(ConnectTimeoutException.class, () -> s.get(backlog.url("/")));
                    assertNamed(e, "connect");
                    assertTrue(e.getMessage().contains("127.0.0.1:" + backlog.port()), e.getMessage());
                    assertEquals(0, s.statistics().open(), "the half-open socket was closed");
                }
            });
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aBusyPoolRaisesPoolTimeout(LoopHarness h) {
        h.runBounded(() -> {
            ScriptedServer server = ScriptedServer.start(Misbehaviours.silent());
            try (ClientSession s = session(ClientTimeouts.NONE.withPoolAcquire(LIMIT), 1)) {
                Task<ClientResponse> holder = Asyncio.createTask(() -> s.get(server.url("/hold")));
                while (s.statistics().inUse() == 0) {
                    Asyncio.sleep(Duration.ofMillis(5));
                }
                PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> s.get(server.url("/second")));
                assertNamed(e, "pool acquire");
                assertEquals(1, server.accepted(), "the second request never got a connection");
                holder.cancel();
                Asyncio.gatherReturnExceptions(java.util.List.of(holder));
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aServerThatNeverAnswersRaisesFirstByteTimeout(LoopHarness h) {
        h.runBounded(() -> {
            ScriptedServer server = ScriptedServer.start(Misbehaviours.silent());
            try (ClientSession s = session(ClientTimeouts.NONE.withFirstByte(LIMIT), 10)) {
                FirstByteTimeoutException e = assertThrows(FirstByteTimeoutException.class, () -> s.get(server.url("/")));
                assertNamed(e, "first byte");
                assertEquals(0, s.statistics().open(), "a connection in an unknown state is not kept");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aBodyThatStallsRaisesReadTimeout(LoopHarness h) {
        h.runBounded(() -> {
            ScriptedServer server = ScriptedServer.start(Misbehaviours.headThenStall(100, 10));
            try (ClientSession s = session(ClientTimeouts.NONE.withReadIdle(LIMIT), 10)) {
                try (ClientResponse r = s.get(server.url("/"))) {
                    assertEquals(200, r.status(), "the head arrives; the body stalls");
                    ReadTimeoutException e = assertThrows(ReadTimeoutException.class, r::bytes);
                    assertNamed(e, "read idle");
                }
                assertEquals(0, s.statistics().open());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aBodyThatTricklesRaisesTotalTimeoutNotReadTimeout(LoopHarness h) {
        h.runBounded(() -> {
            int length = TRICKLE_SECONDS * 50;
            ScriptedServer server = ScriptedServer.start(Misbehaviours.trickle(length, Duration.ofMillis(20)));
            // readIdle well above the trickle's pace: only the total can expire.
            try (ClientSession s = session(ClientTimeouts.NONE.withTotal(LIMIT).withReadIdle(Duration.ofSeconds(10)), 10)) {
                TotalTimeoutException e = assertThrows(TotalTimeoutException.class, () -> {
                    try (ClientResponse r = s.get(server.url("/"))) {
                        r.bytes();
                    }
                });
                assertNamed(e, "total");
            } finally {
                server.close();
            }
        });
    }
}
