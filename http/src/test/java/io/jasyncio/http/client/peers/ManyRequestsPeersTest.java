package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.Timeout;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.http.client.PoolStatistics;
import io.jasyncio.testing.FileDescriptors;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 10's "10,000 requests through 100 sockets leave 0 sockets and 0 tasks behind": 10,000
 * GETs to nginx with {@code mapConcurrently(..., 100, ...)} over one session whose pool allows 100
 * connections. While they run, the process never holds more than 100 descriptors beyond what it
 * had before (sampled from /proc/self/fd); the pool opened at most 100 connections; afterwards no
 * descriptor is left ({@link FileDescriptors}), the pool reports nothing open, and the only task
 * is the test's own (the {@link LoopTest} extension checks again after the loop closes, fds
 * included).
 */
class ManyRequestsPeersTest {
    static final int REQUESTS = 10_000;
    static final int SOCKETS = 100;
    /** Descriptors besides the sockets that a busy JVM may open meanwhile (a JIT thread, a jar). */
    static final int FD_SLACK = 20;
    /** The whole test's bound: about 10 s on a loaded 2-core machine. */
    static final Duration BOUND = Duration.ofMinutes(2);

    private static NginxFixture nginx;

    @BeforeAll
    static void startNginx() throws IOException {
        NginxFixture.assumeInstalled();
        nginx = NginxFixture.start();
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void tenThousandRequestsThroughAHundredSocketsLeaveNothingBehind(LoopHarness h) {
        h.run(() -> Timeout.after(BOUND).run(() -> {
            FileDescriptors before = FileDescriptors.snapshot();
            RandomClosePeersTest.Connections c = new RandomClosePeersTest.Connections();
            int[] peakFds = {0};
            int[] done = {0};
            PoolStatistics during;
            try (ClientSession s = ClientSession.builder().listener(c).pool(PoolOptions.DEFAULTS.withLimit(SOCKETS)).build()) {
                String url = nginx.url("/static/small.txt");
                List<Integer> lengths = Asyncio.mapConcurrently(IntStream.range(0, REQUESTS).boxed().toList(), SOCKETS, i -> {
                    try (ClientResponse r = s.get(url)) {
                        int n = r.bytes().length;
                        if (++done[0] % 500 == 0) {
                            peakFds[0] = Math.max(peakFds[0], FileDescriptors.snapshot().count());
                        }
                        return r.status() == 200 ? n : -r.status();
                    }
                });
                assertTrue(lengths.stream().allMatch(n -> n == NginxFixture.SMALL.length()), "every GET got the file");
                during = s.statistics();
            }
            assertEquals(REQUESTS, done[0]);
            assertTrue(c.created <= SOCKETS, "at most " + SOCKETS + " connections: " + c.created);
            assertTrue(c.reused >= REQUESTS - SOCKETS, "the rest reused them: " + c.reused);
            assertTrue(during.open() <= SOCKETS, during.toString());
            assertTrue(peakFds[0] - before.count() <= SOCKETS + FD_SLACK,
                    "descriptors while running: " + peakFds[0] + ", before: " + before.count());
            assertEquals(List.of(), before.leaked(), "no socket left open after the session closed");
            assertEquals(1, Asyncio.allTasks().size(), "only the test's own task is left: " + Asyncio.allTasks());
        }));
    }
}
