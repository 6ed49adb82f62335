package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.Headers;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.SimpleJsonCodec;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The builder's options reach the requests: headers, pool limits, the JSON codec, the per-host rate. */
class SessionBuilderTest {
    /** Requests per period in the rate-limit test; the run can only be slower than the bound, never faster. */
    private static final int RATE = 2;
    private static final Duration PERIOD = Duration.ofMillis(200);

    @Test
    void refusesBadSettings() {
        ClientSession.Builder b = ClientSession.builder();
        assertThrows(IllegalArgumentException.class, () -> b.baseUrl("/relative"));
        assertThrows(IllegalArgumentException.class, () -> b.maxRedirects(-1));
        assertThrows(IllegalArgumentException.class, () -> b.rateLimitPerHost(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> b.rateLimitPerHost(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.header("bad header", "x"));
        assertThrows(NullPointerException.class, () -> b.pool(null));
        assertThrows(NullPointerException.class, () -> b.timeouts(null));
        assertThrows(NullPointerException.class, () -> b.listener(null));
        assertThrows(NullPointerException.class, () -> b.jsonCodec(null));
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void optionsReachTheRequests(LoopHarness h) {
        AtomicInteger encodes = new AtomicInteger();
        JsonCodec counting = new JsonCodec() {
            private final SimpleJsonCodec inner = new SimpleJsonCodec();

            @Override
            public byte[] encode(Object value) {
                encodes.incrementAndGet();
                return inner.encode(value);
            }

            @Override
            public <T> T decode(byte[] json, Class<T> type) {
                encodes.incrementAndGet();
                return inner.decode(json, type);
            }
        };
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base + "/")
                    .headers(Headers.of("X-Test", "a", "X-Test", "b", "User-Agent", "ua"))
                    .pool(PoolOptions.DEFAULTS.withLimit(1))
                    .jsonCodec(counting)
                    .build()) {
                out.add(s.baseUrl().toString().equals(base + "/"));
                List<ClientResponse> held = new ArrayList<>();
                held.add(s.post("echo", Payload.json(List.of(1))));
                var second = io.jasyncio.Asyncio.createTask(() -> s.get("echo"));
                Asyncio.sleep(Duration.ofMillis(50));
                out.add(s.statistics().waiting() + " " + second.isDone());
                Map<?, ?> first = held.getFirst().json(Map.class);
                out.add(first.get("x") + " " + first.get("userAgent") + " " + first.get("body"));
                try (ClientResponse r = second.await()) {
                    out.add(r.status());
                }
                out.add(encodes.get());
                out.add(held.getFirst().bytes() == held.getFirst().bytes());
            }
            return out;
        }));
        assertEquals(List.of(true, "1 false", "a,b ua [1]", 200, 2, true), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void theRateLimitSpacesRequestsToAHost(LoopHarness h) {
        long elapsed = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).rateLimitPerHost(RATE, PERIOD).build()) {
                long t0 = System.nanoTime();
                List<Integer> five = List.of(1, 2, 3, 4, 5);
                Asyncio.mapConcurrently(five, 5, i -> {
                    try (ClientResponse r = s.get("/echo")) {
                        return r.status();
                    }
                });
                return System.nanoTime() - t0;
            }
        }));
        assertTrue(elapsed >= PERIOD.multipliedBy(2).toNanos(), "5 requests at 2 per 200 ms took only " + elapsed / 1_000_000 + " ms");
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void aSessionWithEveryDefault(LoopHarness h) {
        String s = h.runBounded(() -> {
            try (ClientSession session = ClientSession.create()) {
                return session.toString() + " " + session.baseUrl() + " " + (session.cookieJar() != null) + " " + session.isClosed();
            }
        });
        assertEquals("ClientSession(open) null true false", s);
    }
}
