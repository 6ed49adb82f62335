package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.VoidBody;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.CookieJar;
import io.jasyncio.http.client.PoolOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client against aiohttp's server ({@link AiohttpFixture}; the routes are in
 * {@code src/test/python/client/aiohttp_server.py}): keep-alive, JSON, POST bodies with a length
 * and chunked (checked by their SHA-256 on the server), a chunked response by lines, gzip and
 * deflate decoded, a 5 MiB body streamed, a redirect, cookies, and {@code Connection: close}.
 */
class AiohttpInteropTest {
    private static AiohttpFixture aiohttp;

    @BeforeAll
    static void startAiohttp() throws Exception {
        AiohttpFixture.assumeInstalled();
        aiohttp = AiohttpFixture.start();
    }

    @AfterAll
    static void stopAiohttp() {
        if (aiohttp != null) {
            aiohttp.close();
        }
    }

    /** Runs {@code body} bounded; a failure carries what aiohttp logged (its handler errors). */
    private static void withServerLog(LoopHarness h, VoidBody<Exception> body) {
        try {
            h.runBounded(body);
        } catch (AssertionError | RuntimeException e) {
            String log = aiohttp.errors();
            if (!log.isBlank()) {
                e.addSuppressed(new AssertionError("aiohttp_server.py stderr:\n" + log));
            }
            throw e;
        }
    }

    private static String lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("line ").append(i).append('\n');
        }
        return sb.toString();
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void keepAliveJsonAndConnectionClose(LoopHarness h) {
        withServerLog(h, () -> {
            RandomClosePeersTest.Connections c = new RandomClosePeersTest.Connections();
            try (ClientSession s = ClientSession.builder().baseUrl(aiohttp.url("/")).listener(c)
                    .pool(PoolOptions.DEFAULTS.withLimit(1)).build()) {
                for (int i = 0; i < 3; i++) {
                    try (ClientResponse r = s.get("hello")) {
                        assertEquals("Hello, World!", r.text());
                        assertEquals("text/plain", r.contentType());
                    }
                }
                assertEquals(1, c.created, "three GETs on one connection");
                try (ClientResponse r = s.get("json")) {
                    Map<?, ?> doc = r.json(Map.class);
                    assertEquals("jasyncio", doc.get("name"));
                    assertEquals("[1, 2, 3]", doc.get("n").toString());
                }
                try (ClientResponse r = s.get("close")) {
                    assertEquals("bye", r.text());
                }
                try (ClientResponse r = s.get("hello")) {
                    assertEquals("Hello, World!", r.text());
                }
                assertEquals(2, c.created, "Connection: close was honoured, the next GET opened a new one");
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void postBodiesWithALengthAndChunkedArriveWhole(LoopHarness h) {
        withServerLog(h, () -> {
            byte[] payload = new byte[256 * 8192];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
            try (ClientSession s = ClientSession.create()) {
                try (ClientResponse r = s.post(aiohttp.url("/digest"), Payload.bytes(payload))) {
                    assertEquals(payload.length + " " + digest + " " + payload.length, r.text());
                }
                List<ByteBuffer> pieces = new ArrayList<>();
                for (int off = 0; off < payload.length; off += 50_000) {
                    pieces.add(ByteBuffer.wrap(payload, off, Math.min(50_000, payload.length - off)));
                }
                try (ClientResponse r = s.post(aiohttp.url("/digest"), Payload.stream(pieces))) {
                    assertEquals(payload.length + " " + digest + " -1", r.text(), "chunked: no Content-Length");
                }
                try (ClientResponse r = s.post(aiohttp.url("/digest"), Payload.text("héllo"))) {
                    assertTrue(r.text().startsWith("6 "), "UTF-8 text body");
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void chunkedGzipDeflateAndAStreamedBody(LoopHarness h) {
        withServerLog(h, () -> {
            try (ClientSession s = ClientSession.builder().baseUrl(aiohttp.url("/")).build()) {
                try (ClientResponse r = s.get("chunked?n=100")) {
                    assertEquals("chunked", r.headers().get("Transfer-Encoding"));
                    List<String> got = new ArrayList<>();
                    for (String line : r.lines()) {
                        got.add(line);
                    }
                    assertEquals(lines(100), String.join("", got.stream().map(l -> l.endsWith("\n") ? l : l + "\n").toList()));
                }
                for (String coding : List.of("gzip", "deflate")) {
                    try (ClientResponse r = s.get(coding + "?n=5000")) {
                        assertEquals(coding, r.headers().get("Content-Encoding"));
                        assertEquals(lines(5000), r.text(), coding);
                    }
                }
                int n = 5 * 1024 * 1024 + 123;
                try (ClientResponse r = s.get("bytes?n=" + n)) {
                    long got = 0;
                    int expected = 0;
                    for (ByteBuffer piece : r.chunks()) {
                        while (piece.hasRemaining()) {
                            assertEquals((byte) (expected++ % 251), piece.get());
                            got++;
                        }
                    }
                    assertEquals(n, got);
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void redirectsAndCookies(LoopHarness h) {
        withServerLog(h, () -> {
            try (ClientSession s = ClientSession.builder().baseUrl(aiohttp.url("/")).cookieJar(new CookieJar()).build()) {
                try (ClientResponse r = s.get("redirect")) {
                    assertEquals(200, r.status());
                    assertEquals("Hello, World!", r.text());
                    assertEquals(1, r.history().size());
                    assertEquals(302, r.history().getFirst().status());
                    assertTrue(r.url().toString().endsWith("/hello"), r.url().toString());
                }
                try (ClientResponse r = s.get("set-cookie")) {
                    assertEquals("set", r.text());
                }
                try (ClientResponse r = s.get("cookies")) {
                    assertEquals("a=1; b=2", r.text(), "the jar sent back what aiohttp set");
                }
            }
        });
    }
}
