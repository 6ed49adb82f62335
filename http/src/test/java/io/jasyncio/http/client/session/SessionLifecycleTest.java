package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.ClientTimeouts;
import io.jasyncio.http.client.RequestOptions;
import io.jasyncio.http.client.TotalTimeoutException;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closing, the unclosed-session report, an abandoned response, and the total timeout across redirects and the body. */
class SessionLifecycleTest {
    /** How long a test waits for the garbage collector to notice an unreachable object. */
    private static final Duration GC_PATIENCE = Duration.ofSeconds(20);
    /** A total timeout far shorter than the server's stall, so the outcome does not depend on scheduling. */
    private static final Duration TOTAL = Duration.ofMillis(600);
    private static final Duration STALL = Duration.ofSeconds(5);

    @Test
    void anUnclosedSessionIsReportedWithWhereItWasMade() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            makeAndDropASession();
            long until = System.nanoTime() + GC_PATIENCE.toNanos();
            while (log.messages().stream().noneMatch(m -> m.contains("makeAndDropASession")) && System.nanoTime() < until) {
                System.gc();
                Thread.sleep(20);
            }
            List<String> reports = log.messages().stream().filter(m -> m.contains("makeAndDropASession")).toList();
            assertEquals(1, reports.size(), log.messages().toString());
            assertTrue(reports.getFirst().startsWith("WARNING"), reports.getFirst());
            assertTrue(reports.getFirst().contains("unclosed ClientSession was garbage-collected"), reports.getFirst());
        }
    }

    private static void makeAndDropASession() {
        ClientSession.builder().build();
    }

    @Test
    void aClosedSessionIsNotReported() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            Asyncio.run(() -> {
                ClientSession s = ClientSession.create();
                s.close();
                s.close();
                assertTrue(s.isClosed());
                assertThrows(IllegalStateException.class, () -> s.get("http://127.0.0.1:1/"));
                assertTrue(s.toString().contains("closed"));
            });
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertTrue(log.messages().stream().noneMatch(m -> m.contains("unclosed ClientSession")), log.messages().toString());
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void anAbandonedResponseIsReportedAndItsConnectionDropped(LoopHarness h) {
        try (LogCapture log = LogCapture.start()) {
            int inUse = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
                try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                    abandon(s);
                    long until = System.nanoTime() + GC_PATIENCE.toNanos();
                    while (s.statistics().inUse() > 0 && System.nanoTime() < until) {
                        System.gc();
                        Asyncio.sleep(Duration.ofMillis(20));
                    }
                    return s.statistics().inUse();
                }
            }));
            assertEquals(0, inUse);
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("WARNING") && m.contains("garbage-collected neither read")),
                    log.messages().toString());
        }
    }

    private static void abandon(ClientSession s) throws java.io.IOException {
        s.get("/big/10000000");
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void theTotalTimeoutCoversRedirectsAndTheBody(LoopHarness h) {
        Application app = new Application()
                .get("/slow-hop/{n}", r -> {
                    Asyncio.sleep(TOTAL.dividedBy(3));
                    return Response.redirect(302, "/slow-hop/" + (Integer.parseInt(r.pathParam("n")) + 1));
                })
                .get("/stall-body", r -> Response.stream(200, "text/plain", out -> {
                    out.write(ByteBuffer.wrap(new byte[] {'a'}));
                    out.drain();
                    Asyncio.sleep(STALL);
                }));
        List<String> got = h.runBounded(() -> TestApp.serve(app, base -> {
            List<String> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).timeouts(ClientTimeouts.DEFAULTS.withTotal(TOTAL)).build()) {
                long t0 = System.nanoTime();
                TotalTimeoutException hops = assertThrows(TotalTimeoutException.class, () -> s.get("/slow-hop/0"));
                out.add(hops.which() + " " + ((System.nanoTime() - t0) < STALL.toNanos()));
                ClientResponse r = s.get("/stall-body");
                t0 = System.nanoTime();
                assertThrows(TotalTimeoutException.class, r::bytes);
                out.add("body " + ((System.nanoTime() - t0) < STALL.toNanos()) + " " + r.isReleased());
                try (ClientResponse fine = s.get("/stall-body", RequestOptions.of().timeouts(ClientTimeouts.NONE))) {
                    out.add("own timeouts " + (char) fine.readChunk().get());
                }
                out.add("in use " + s.statistics().inUse());
            }
            return out;
        }));
        assertEquals(List.of("total true", "body true true", "own timeouts a", "in use 0"), got);
    }
}
