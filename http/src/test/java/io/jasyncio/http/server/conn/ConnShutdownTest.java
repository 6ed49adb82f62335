package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.http.server.Handler;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Lifecycle;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.sync.Event;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful shutdown as Lifecycle's Javadoc orders it, and serveForever. */
class ConnShutdownTest {
    static final Duration GRACE = Duration.ofMillis(300);
    static final ServerConfig CONFIG = ConnBasicsTest.LOCAL.withShutdownGrace(GRACE);

    /** Records hooks and request outcomes; /slow takes 50 ms, /stuck never ends. */
    static final class App implements Handler, Lifecycle {
        final List<String> events = new ArrayList<>();
        final Event slowStarted = new Event();
        final Event stuckStarted = new Event();

        @Override
        public Response handle(Request req) throws Exception {
            switch (req.target()) {
                case "/slow" -> {
                    slowStarted.set();
                    Asyncio.sleep(Duration.ofMillis(50));
                    events.add("slow done");
                }
                case "/stuck" -> {
                    stuckStarted.set();
                    try {
                        Asyncio.sleep(Duration.ofHours(1));
                    } catch (CancelledError e) {
                        events.add("stuck cancelled");
                        throw e;
                    }
                }
                default -> {
                }
            }
            return Response.text(req.target());
        }

        @Override
        public void startup() {
            events.add("startup");
        }

        @Override
        public void shutdown() {
            events.add("shutdown");
        }

        @Override
        public void cleanup() {
            events.add("cleanup");
        }
    }

    @LoopTest(checkFds = true)
    void inFlightFinishesIdleClosesStragglersAreCancelledAndHooksRunInOrder(LoopHarness h) {
        h.runBounded(() -> {
            App app = new App();
            HttpServer server = HttpServer.start(app, CONFIG);
            assertEquals(List.of("startup"), app.events);
            int port = server.port();
            RawClient idle = RawClient.connect(port);
            RawClient slow = RawClient.connect(port);
            RawClient stuck = RawClient.connect(port);
            idle.get("/").read();
            slow.get("/slow");
            stuck.get("/stuck");
            app.slowStarted.await();
            app.stuckStarted.await();
            long start = Asyncio.time();
            Task<Void> closing = Asyncio.createTask(() -> {
                server.close();
                return null;
            });
            assertTrue(idle.closedByServer(), "an idle keep-alive connection is closed at once");
            RawClient.Reply r = slow.read();
            assertEquals("/slow", r.text());
            assertEquals("close", r.header("Connection"), "a response during shutdown closes its connection");
            assertTrue(slow.closedByServer());
            assertThrows(ConnectException.class, () -> RawClient.connect(port), "no longer listening");
            assertTrue(stuck.closedByServer(), "the straggler's connection is aborted after the grace");
            closing.await();
            assertTrue(Asyncio.time() - start >= GRACE.toNanos());
            assertEquals(List.of("startup", "shutdown", "slow done", "stuck cancelled", "cleanup"), app.events);
            assertEquals(0, server.statistics().connections());
            assertEquals(0, server.statistics().activeRequests());
            idle.close();
            slow.close();
            stuck.close();
        });
    }

    @LoopTest(checkFds = true)
    void closeReturnsBeforeTheGraceWhenNothingIsInFlight(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("x"), ConnBasicsTest.LOCAL.withShutdownGrace(Duration.ofHours(1)));
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                server.close();
                assertTrue(c.closedByServer());
            }
            server.close(); // idempotent
        });
    }

    @LoopTest(checkFds = true)
    void serveForeverReturnsWhenAnotherTaskClosesAndClosesWhenCancelled(LoopHarness h) {
        h.runBounded(() -> {
            App app = new App();
            HttpServer server = HttpServer.start(app, CONFIG);
            Task<Void> serving = Asyncio.createTask(() -> {
                server.serveForever();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            server.close();
            serving.await();
            assertEquals(List.of("startup", "shutdown", "cleanup"), app.events);

            App app2 = new App();
            HttpServer server2 = HttpServer.start(app2, CONFIG);
            Task<Void> serving2 = Asyncio.createTask(() -> {
                server2.serveForever();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            serving2.cancel();
            assertThrows(CancelledError.class, serving2::await);
            assertEquals(List.of("startup", "shutdown", "cleanup"), app2.events);
            assertTrue(!server2.isServing());
        });
    }

    @LoopTest(checkFds = true)
    void aFailingStartupHookStopsTheStartAndFailingShutdownHooksAreLogged(LoopHarness h) {
        h.runBounded(() -> {
            class Both implements Handler, Lifecycle {
                @Override
                public Response handle(Request r) {
                    return Response.text("x");
                }

                @Override
                public void startup() {
                    throw new IllegalStateException("no database");
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HttpServer.start(new Both(), CONFIG));
            assertEquals("no database", e.getMessage());

            class NoisyShutdown implements Handler, Lifecycle {
                @Override
                public Response handle(Request r) {
                    return Response.text("x");
                }

                @Override
                public void shutdown() {
                    throw new IllegalStateException("shutdown hook broke");
                }
            }
            try (LogCapture log = LogCapture.start()) {
                HttpServer.start(new NoisyShutdown(), CONFIG).close();
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("shutdown hook failed") && m.contains("shutdown hook broke")),
                        log.messages().toString());
            }
        });
    }
}
