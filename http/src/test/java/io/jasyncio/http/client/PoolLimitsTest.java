package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.jasyncio.http.client.PoolTesting.LOCAL;
import static io.jasyncio.http.client.PoolTesting.get;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The total and per-host limits: waiting, FIFO order, the pool-acquire timeout, cancellation, eviction. */
class PoolLimitsTest {
    private static Exchange send(ConnectionPool pool, String url) throws IOException {
        return pool.send(get(url), ClientTimeouts.DEFAULTS, Long.MAX_VALUE);
    }

    /** Lets the waiting tasks run until they are queued. */
    private static void settle() {
        for (int i = 0; i < 5; i++) {
            Asyncio.sleep(Duration.ZERO);
        }
    }

    @LoopTest(checkFds = true)
    void requestsOverTheTotalLimitWaitAndAreServedInArrivalOrder(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text(req.target()), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Exchange held = send(pool, base + "/held");
                List<String> order = new ArrayList<>();
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String path = "/w" + i;
                    tasks.add(Asyncio.createTask(() -> {
                        Exchange e = send(pool, base + path);
                        order.add(text(e));
                    }));
                    settle();
                }
                assertEquals(new PoolStatistics(1, 0, 1, 4), pool.statistics());
                assertEquals("/held", text(held));
                for (Task<Void> t : tasks) {
                    t.await();
                }
                assertEquals(List.of("/w0", "/w1", "/w2", "/w3"), order);
                assertEquals(1, server.statistics().connections());
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void thePerHostLimitHoldsOneHostWithoutHoldingAnother(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer a = HttpServer.start(req -> Response.text("a"), LOCAL);
            HttpServer b = HttpServer.start(req -> Response.text("b"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimitPerHost(1), null);
            try {
                Exchange heldA = send(pool, "http://127.0.0.1:" + a.port() + "/");
                Task<String> secondA = Asyncio.createTask(() -> text(send(pool, "http://127.0.0.1:" + a.port() + "/")));
                settle();
                assertFalse(secondA.isDone());
                assertEquals(1, pool.statistics().waiting());
                assertEquals("b", text(send(pool, "http://127.0.0.1:" + b.port() + "/")));
                assertFalse(secondA.isDone());
                heldA.release();
                assertEquals("a", secondA.await());
                assertEquals(1, a.statistics().connections());
                assertEquals(new PoolStatistics(2, 2, 0, 0), pool.statistics());
            } finally {
                pool.close();
                a.close();
                b.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void thePoolAcquireTimeoutRaisesItsOwnException(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                Exchange held = send(pool, url);
                ClientTimeouts t = ClientTimeouts.DEFAULTS.withPoolAcquire(Duration.ofMillis(100));
                PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.send(get(url), t, Long.MAX_VALUE));
                assertEquals("pool acquire", e.which());
                assertEquals(Duration.ofMillis(100), e.limit());
                assertTrue(e.getMessage().startsWith("pool acquire timeout (100 ms) expired waiting for a connection to http://127.0.0.1:"
                        + server.port()), e.getMessage());
                assertInstanceOf(io.jasyncio.AsyncTimeoutException.class, e);
                assertEquals(new PoolStatistics(1, 0, 1, 0), pool.statistics());
                held.release();
                assertEquals("x", text(send(pool, url)));
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aCancelledWaiterLeaksNoSlotWhetherOrNotItWasAlreadyGranted(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                Exchange held = send(pool, url);
                Task<String> early = Asyncio.createTask(() -> text(send(pool, url)));
                settle();
                early.cancel();
                assertThrows(CancelledError.class, early::await);
                assertEquals(new PoolStatistics(1, 0, 1, 0), pool.statistics());

                Task<String> granted = Asyncio.createTask(() -> text(send(pool, url)));
                Task<String> next = Asyncio.createTask(() -> text(send(pool, url)));
                settle();
                assertEquals(2, pool.statistics().waiting());
                assertEquals("x", text(held)); // hands the connection to `granted`...
                granted.cancel();              // ...which is cancelled before it runs: it must pass it on
                assertThrows(CancelledError.class, granted::await);
                assertEquals("x", next.await());
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                assertEquals(1, server.statistics().connections());
            } finally {
                pool.close();
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void atTheTotalLimitAnIdleConnectionOfAnotherHostIsClosedToMakeRoom(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer a = HttpServer.start(req -> Response.text("a"), LOCAL);
            HttpServer b = HttpServer.start(req -> Response.text("b"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null);
            try {
                assertEquals("a", text(send(pool, "http://127.0.0.1:" + a.port() + "/")));
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                assertEquals("b", text(send(pool, "http://127.0.0.1:" + b.port() + "/")));
                assertEquals(new PoolStatistics(1, 1, 0, 0), pool.statistics());
                LoopHarness.eventually(() -> a.statistics().connections() == 0);
            } finally {
                pool.close();
                a.close();
                b.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void closingThePoolFailsWaitersAndLaterSends(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), LOCAL);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/";
                Exchange held = send(pool, url);
                Task<String> waiting = Asyncio.createTask(() -> text(send(pool, url)));
                settle();
                pool.close();
                CompletionException e = assertThrows(CompletionException.class, waiting::await);
                assertEquals("the connection pool was closed", e.getCause().getMessage());
                assertThrows(IOException.class, () -> send(pool, url));
                assertEquals("x", text(held));
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
            } finally {
                pool.close();
                server.close();
            }
        });
    }
}
