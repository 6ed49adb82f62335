package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.LoopKind;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Bodies streamed both ways with backpressure: a large body never sits in memory whole. */
class SessionStreamingTest {
    private static final long BIG = 64L << 20;
    /** Socket buffers, the pool's and the server's high-water marks: far below the body's size. */
    private static final long AHEAD_BOUND = 16L << 20;

    @TempDir
    Path dir;

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aLargeUploadIsPacedByTheServer(LoopHarness h) {
        long[] consumed = {0};
        long[] produced = {0};
        long[] maxAhead = {0};
        Application app = new Application().post("/sink", r -> {
            for (ByteBuffer b; (b = r.body().read()) != null; ) {
                consumed[0] += b.remaining();
                io.jasyncio.Asyncio.sleep(java.time.Duration.ZERO);
            }
            return Response.text(Long.toString(consumed[0]));
        });
        String got = h.runBounded(() -> TestApp.serve(app, base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                AsyncGenerator<ByteBuffer> gen = AsyncGenerator.of(out -> {
                    while (produced[0] < BIG) {
                        maxAhead[0] = Math.max(maxAhead[0], produced[0] - consumed[0]);
                        produced[0] += 1 << 20;
                        out.emit(ByteBuffer.allocate(1 << 20));
                    }
                });
                try (ClientResponse r = s.post("/sink", Payload.stream(gen))) {
                    return r.text();
                }
            }
        }));
        assertEquals(Long.toString(BIG), got);
        assertTrue(maxAhead[0] < AHEAD_BOUND, "the producer ran " + maxAhead[0] + " bytes ahead of the server");
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aLargeDownloadIsReadAsFastAsItIsConsumed(LoopHarness h) {
        long[] sent = {0};
        long[] maxAhead = {0};
        Application app = new Application().get("/source", r -> Response.stream(200, "application/octet-stream", out -> {
            while (sent[0] < BIG) {
                out.write(ByteBuffer.allocate(1 << 16));
                sent[0] += 1 << 16;
                out.drain();
            }
        }));
        long got = h.runBounded(() -> TestApp.serve(app, base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                try (ClientResponse r = s.get("/source")) {
                    long received = 0;
                    for (ByteBuffer b : r.chunks()) {
                        received += b.remaining();
                        maxAhead[0] = Math.max(maxAhead[0], sent[0] - received);
                        io.jasyncio.Asyncio.sleep(java.time.Duration.ZERO);
                    }
                    assertTrue(r.isReleased());
                    return received;
                }
            }
        }));
        assertEquals(BIG, got);
        assertTrue(maxAhead[0] < AHEAD_BOUND, "the server ran " + maxAhead[0] + " bytes ahead of the reader");
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void linesAndFilesAndChunks(LoopHarness h) throws Exception {
        Path target = dir.resolve("saved.bin");
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<Object> out = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                try (ClientResponse r = s.get("/lines/1000")) {
                    for (String line : r.lines()) {
                        lines.add(line);
                    }
                    out.add(r.isReleased());
                }
                out.add(lines);
                try (ClientResponse r = s.get("/big/5000001")) {
                    out.add(r.saveTo(target));
                    out.add(r.isReleased());
                }
                try (ClientResponse r = s.get("/lines/3")) {
                    out.add(r.readLine());
                    ByteBuffer rest = r.readChunk();
                    out.add(rest == null ? "" : "more");
                }
                return out;
            }
        }));
        assertEquals(true, got.get(0));
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) got.get(1);
        assertEquals(1001, lines.size());
        assertEquals("line 0", lines.get(0));
        assertEquals("line 999", lines.get(999));
        assertEquals("tail", lines.get(1000));
        assertEquals(5_000_001L, got.get(2));
        assertEquals(true, got.get(3));
        byte[] saved = Files.readAllBytes(target);
        assertEquals(5_000_001, saved.length);
        for (int i = 0; i < saved.length; i += 4999) {
            assertEquals((byte) i, saved[i], "byte " + i);
        }
        assertEquals("line 0", got.get(4));
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aBodyArrivingOneByteAtATimeSplitsIntoTheSameLinesAndDecodes(LoopHarness h) {
        byte[] text = "first\r\nsécond\n\nlast".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String plain = "gzip, one byte per write ".repeat(20);
        Application app = new Application()
                .get("/trickle", r -> Response.stream(200, "text/plain; charset=utf-8", out -> {
                    for (byte b : text) {
                        out.write(ByteBuffer.wrap(new byte[] {b}));
                        out.drain();
                    }
                }))
                .get("/trickle-gzip", r -> {
                    byte[] gz = TestApp.gzip(plain.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    return Response.stream(200, "text/plain", out -> {
                        for (byte b : gz) {
                            out.write(ByteBuffer.wrap(new byte[] {b}));
                            out.drain();
                        }
                    }).header("Content-Encoding", "gzip");
                });
        List<Object> got = h.runBounded(() -> TestApp.serve(app, base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<String> lines = new ArrayList<>();
                try (ClientResponse r = s.get("/trickle")) {
                    r.lines().forEach(lines::add);
                }
                out.add(lines);
                try (ClientResponse r = s.get("/trickle-gzip")) {
                    out.add(r.text().equals(plain));
                }
            }
            return out;
        }));
        assertEquals(List.of(List.of("first", "sécond", "", "last"), true), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aResponseThatCannotHaveABodyIsReleasedAtOnce(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    out.add(s.head("/echo").isReleased());
                    out.add(s.get("/status/204").isReleased());
                    try (ClientResponse withBody = s.get("/echo")) {
                        out.add(withBody.isReleased());
                    }
                }
                out.add(s.statistics().inUse());
                return out;
            }
        }));
        assertEquals(List.of(true, true, false, true, true, false, true, true, false, 0), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aResponseClosedUnreadIsNotLeakedAndTheSessionGoesOn(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ClientResponse big = s.get("/big/" + (32 << 20));
                    ByteBuffer first = big.readChunk();
                    out.add(first != null);
                    big.close();
                    out.add(big.isReleased());
                    assertThrows(IllegalStateException.class, big::readChunk);
                    try (ClientResponse small = s.get("/echo")) {
                        small.close();
                    }
                    ClientResponse aborted = s.get("/big/1000000");
                    aborted.abort();
                    out.add(aborted.isReleased());
                }
                out.add(s.get("/json").json(Map.class).get("n"));
                out.add(s.statistics().inUse());
                return out;
            }
        }));
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, 7L, 0).toString(), got.toString());
    }
}
