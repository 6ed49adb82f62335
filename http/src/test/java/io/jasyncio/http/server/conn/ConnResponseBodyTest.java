package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming and file responses: chunked, declared length, close-delimited for HTTP/1.0, drain. */
class ConnResponseBodyTest {
    static final ServerConfig LOCAL = ConnBasicsTest.LOCAL;

    @TempDir
    Path dir;

    static Response streaming(long length, String... parts) {
        return new Response(200).header("Content-Type", "text/plain").body(new ResponseBody.Streaming(out -> {
            for (String p : parts) {
                out.write(p);
                out.drain();
            }
        }, length));
    }

    @LoopTest(checkFds = true)
    void aStreamWithoutLengthIsChunkedForHttp11(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> streaming(-1, "one ", "", "two ", "three"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals("chunked", r.header("Transfer-Encoding"));
                assertNull(r.header("Content-Length"));
                assertEquals("one two three", r.text());
                assertEquals("one two three", c.get("/").read().text(), "the connection stays usable");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aStreamWithoutLengthIsCloseDelimitedForHttp10(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> streaming(-1, "old ", "client"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertNull(r.header("Transfer-Encoding"));
                assertEquals("close", r.header("Connection"));
                assertEquals("old client", r.text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aStreamWithALengthSendsItAndAShortOneClosesTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> req.target().equals("/short")
                    ? streaming(10, "abc") : streaming(6, "abc", "def"), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals("6", r.header("Content-Length"));
                assertEquals("abcdef", r.text());
                c.get("/short");
                String rest = new String(readUntilClose(c), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(rest.contains("Content-Length: 10\r\n"), rest);
                assertTrue(rest.endsWith("\r\n\r\nabc"), "3 of 10 bytes, then the server closed: " + rest);
            } finally {
                server.close();
            }
        });
    }

    private static byte[] readUntilClose(RawClient c) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] b = c.pair.reader().read(); b.length > 0; b = c.pair.reader().read()) {
            all.writeBytes(b);
        }
        return all.toByteArray();
    }

    @LoopTest(checkFds = true)
    void aLargeStreamRespectsDrainAndArrivesIntact(LoopHarness h) {
        h.runBounded(() -> {
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) 'x');
            int count = 64;
            HttpServer server = HttpServer.start(req -> new Response(200).body(new ResponseBody.Streaming(out -> {
                for (int i = 0; i < count; i++) {
                    out.write(ByteBuffer.wrap(piece));
                    out.drain();
                }
            }, -1)), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/");
                Asyncio.sleep(Duration.ofMillis(20));
                RawClient.Reply r = c.read();
                assertEquals(count * piece.length, r.body().length);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aFileRegionIsSentWithItsLengthAndHeadSendsNone(LoopHarness h) throws Exception {
        byte[] data = new byte[1_000_003];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        Path file = Files.write(dir.resolve("data.bin"), data);
        Files.createDirectory(dir.resolve("sub"));
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> req.target().equals("/missing")
                    ? new Response(200).body(new ResponseBody.FileRegion(dir.resolve("nope"), 0, 10))
                    : req.target().equals("/directory") ? new Response(200).body(new ResponseBody.FileRegion(dir.resolve("sub"), 0, 10))
                    : new Response(200).body(new ResponseBody.FileRegion(file, 3, data.length - 3)), LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.get("/").read();
                assertEquals(String.valueOf(data.length - 3), r.header("Content-Length"));
                assertArrayEquals(Arrays.copyOfRange(data, 3, data.length), r.body());
                r = c.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
                assertEquals(String.valueOf(data.length - 3), r.header("Content-Length"));
                assertEquals(404, c.get("/missing").read().status());
                try (var log = io.jasyncio.testing.LogCapture.start()) {
                    assertEquals(500, c.get("/directory").read().status(), "a region that cannot be opened as a file");
                    assertTrue(log.messages().stream().anyMatch(m -> m.contains("GET /directory")), log.messages().toString());
                }
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aProducerThatFailsAfterTheHeadClosesTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (var log = io.jasyncio.testing.LogCapture.start()) {
                HttpServer server = HttpServer.start(req -> new Response(200).body(new ResponseBody.Streaming(out -> {
                    out.write("partial");
                    throw new IllegalStateException("producer broke");
                }, -1)), LOCAL);
                try (RawClient c = RawClient.connect(server.port())) {
                    c.get("/");
                    RawClient.Reply head = readHeadOnly(c);
                    assertEquals(200, head.status());
                    assertTrue(c.line().startsWith("7"), "the chunk written before the failure");
                    c.line();
                    assertTrue(c.closedByServer(), "no last chunk: the connection is closed instead");
                } finally {
                    server.close();
                }
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("producer broke")), log.messages().toString());
            }
        });
    }

    private static RawClient.Reply readHeadOnly(RawClient c) throws Exception {
        String status = c.line();
        io.jasyncio.http.Headers headers = new io.jasyncio.http.Headers();
        for (String l = c.line(); l != null && !l.isEmpty(); l = c.line()) {
            headers.add(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1).trim());
        }
        return new RawClient.Reply(Integer.parseInt(status.split(" ")[1]), "", headers, new byte[0]);
    }
}
