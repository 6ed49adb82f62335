package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client against nginx ({@link NginxFixture}): a static file with a length, a binary file,
 * gzip decoded, a chunked response read whole and streamed by lines, request bodies with a length
 * and chunked (WebDAV PUT, read back), and nginx closing connections under the client
 * ({@code keepalive_requests}, {@code keepalive_timeout}) without a request failing.
 */
class NginxInteropTest {
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
    void staticFilesComeWithTheirLengthAndType(LoopHarness h) {
        h.runBounded(() -> {
            try (ClientSession s = ClientSession.create()) {
                try (ClientResponse r = s.get(nginx.url("/static/small.txt"))) {
                    assertEquals(200, r.status());
                    assertEquals("text/plain", r.contentType());
                    assertEquals(NginxFixture.SMALL, r.text());
                }
                try (ClientResponse r = s.get(nginx.url("/static/blob.bin"))) {
                    assertEquals("application/octet-stream", r.contentType());
                    assertEquals(NginxFixture.BLOB, r.contentLength());
                    assertArrayEquals(NginxFixture.blob(), r.bytes());
                }
                try (ClientResponse r = s.get(nginx.url("/static/missing.txt"))) {
                    assertEquals(404, r.status());
                    assertTrue(r.text().contains("404 Not Found"));
                }
                try (ClientResponse r = s.head(nginx.url("/static/blob.bin"))) {
                    assertEquals(200, r.status());
                    assertEquals(0, r.bytes().length, "HEAD has no body, whatever Content-Length says");
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void gzipIsAskedForAndDecoded(LoopHarness h) {
        h.runBounded(() -> {
            try (ClientSession s = ClientSession.create()) {
                try (ClientResponse r = s.get(nginx.url("/static/big.txt"))) {
                    assertEquals("gzip", r.headers().get("Content-Encoding"), "the session sent Accept-Encoding");
                    assertEquals(NginxFixture.bigText(), r.text());
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void chunkedResponsesReadWholeAndByLines(LoopHarness h) {
        h.runBounded(() -> {
            try (ClientSession s = ClientSession.create()) {
                try (ClientResponse r = s.get(nginx.url("/chunked/lines.html"))) {
                    assertEquals("chunked", r.headers().get("Transfer-Encoding"));
                    assertEquals(-1, r.contentLength());
                    assertEquals(NginxFixture.bigText(), r.text());
                }
                try (ClientResponse r = s.get(nginx.url("/chunked/lines.html"))) {
                    int n = 0;
                    for (String line : r.lines()) {
                        assertEquals("line " + n, line.strip());
                        n++;
                    }
                    assertEquals(NginxFixture.BIG_LINES, n);
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void requestBodiesWithALengthAndChunkedArriveWhole(LoopHarness h) {
        h.runBounded(() -> {
            byte[] blob = NginxFixture.blob();
            try (ClientSession s = ClientSession.create()) {
                try (ClientResponse r = s.put(nginx.url("/upload/sized.bin"), Payload.bytes(blob))) {
                    assertEquals(201, r.status());
                }
                List<ByteBuffer> pieces = new ArrayList<>();
                for (int off = 0; off < blob.length; off += 100_000) {
                    pieces.add(ByteBuffer.wrap(Arrays.copyOfRange(blob, off, Math.min(blob.length, off + 100_000))));
                }
                try (ClientResponse r = s.put(nginx.url("/upload/chunked.bin"), Payload.stream(pieces))) {
                    assertEquals(201, r.status());
                }
                for (String name : List.of("sized.bin", "chunked.bin")) {
                    assertArrayEquals(blob, Files.readAllBytes(nginx.uploaded(name)), name);
                    try (ClientResponse r = s.get(nginx.url("/upload/" + name))) {
                        assertArrayEquals(blob, r.bytes(), name + " read back");
                    }
                }
            }
        });
    }

    /** Counts connections, so the tests can see nginx's limits at work. */
    private static RandomClosePeersTest.Connections counting() {
        return new RandomClosePeersTest.Connections();
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void keepaliveRequestsClosesConnectionsUnderTheClientAndNoRequestFails(LoopHarness h) {
        h.runBounded(() -> {
            RandomClosePeersTest.Connections c = counting();
            int requests = 200;
            try (ClientSession s = ClientSession.builder().listener(c).pool(PoolOptions.DEFAULTS.withLimit(10)).build()) {
                String url = "http://127.0.0.1:" + nginx.limitedPort() + "/static/small.txt";
                List<String> bodies = Asyncio.mapConcurrently(IntStream.range(0, requests).boxed().toList(), 10, i -> {
                    try (ClientResponse r = s.get(url)) {
                        return r.text();
                    }
                });
                assertTrue(bodies.stream().allMatch(NginxFixture.SMALL::equals));
            }
            assertTrue(c.created >= requests / NginxFixture.KEEPALIVE_REQUESTS,
                    "nginx ends a connection after " + NginxFixture.KEEPALIVE_REQUESTS + " requests: " + c.created + " created");
            assertTrue(c.reused > 0, "and connections were reused until then");
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void anIdleConnectionNginxTimedOutIsNotUsed(LoopHarness h) {
        h.runBounded(() -> {
            RandomClosePeersTest.Connections c = counting();
            try (ClientSession s = ClientSession.builder().listener(c).build()) {
                String url = "http://127.0.0.1:" + nginx.limitedPort() + "/static/small.txt";
                try (ClientResponse r = s.get(url)) {
                    assertEquals(NginxFixture.SMALL, r.text());
                }
                // Past nginx's keepalive_timeout: it has closed the idle connection by now.
                Asyncio.sleep(Duration.ofSeconds(NginxFixture.KEEPALIVE_TIMEOUT_SECONDS).plusMillis(700));
                try (ClientResponse r = s.get(url)) {
                    assertEquals(NginxFixture.SMALL, r.text());
                }
            }
            assertEquals(2, c.created, "the second request went on a new connection");
        });
    }
}
