package io.jasyncio.http.server.conn;

import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies: declared length, chunked, streamed with backpressure, 413, 100-continue, discarding. */
class ConnBodyTest {
    static final ServerConfig LOCAL = ConnBasicsTest.LOCAL;

    static Response echo(Request req) throws Exception {
        return Response.bytes(200, req.bytes(), "application/octet-stream");
    }

    @LoopTest(checkFds = true)
    void aDeclaredLengthBodyAndAChunkedOneAreReadWhole(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(ConnBodyTest::echo, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                assertEquals("hello", c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").read().text());
                c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                assertEquals("hello world", c.read().text());
                assertEquals("after", c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nafter").read().text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aBodySentOneByteAtATimeArrivesIntact(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(ConnBodyTest::echo, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                byte[] all = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
                for (byte b : all) {
                    c.send(new byte[] {b});
                    c.pair.writer().drain();
                    io.jasyncio.Asyncio.sleep(java.time.Duration.ZERO);
                }
                assertEquals("abcde", c.read().text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aStreamingReaderGetsPiecesAndTheServerPausesReadingWhileNobodyReads(LoopHarness h) {
        h.runBounded(() -> {
            io.jasyncio.sync.Event go = new io.jasyncio.sync.Event();
            List<Integer> pieces = new ArrayList<>();
            HttpServer server = HttpServer.start(req -> {
                go.await();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (ByteBuffer b = req.body().read(); b != null; b = req.body().read()) {
                    pieces.add(b.remaining());
                    all.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                }
                assertTrue(req.body().isComplete());
                return Response.text(Integer.toString(all.size()));
            }, LOCAL.withBodyBufferLimit(16 * 1024));
            int size = 4 << 20;
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + size + "\r\n\r\n");
                c.send(new byte[size]);
                // The handler does not read: the server stops reading once its buffer is full
                // (the rest waits in the kernel's socket buffers and the client's).
                while (server.statistics().readingPaused() == 0) {
                    io.jasyncio.Asyncio.sleep(java.time.Duration.ofMillis(1));
                }
                go.set();
                assertEquals(Integer.toString(size), c.read().text());
                assertTrue(pieces.size() > 1);
                assertEquals(0, server.statistics().readingPaused(), "reading resumed as the handler read");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void readAllBeyondTheLimitIs413AndADeclaredOversizeIsRefusedUnread(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                req.setMaxBody(10);
                return echo(req);
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                RawClient.Reply r = c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n0123456789A").read();
                assertEquals(413, r.status());
                assertTrue(r.text().contains("10 bytes"), r.text());
                // 11 bytes were buffered and discarded: the connection goes on.
                assertEquals("ok", c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok").read().text());
                c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n01234567\r\n");
                assertEquals(413, c.read().status());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void expectContinueIsAnsweredOnTheFirstRead(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(ConnBodyTest::echo, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Reply interim = c.read();
                assertEquals(100, interim.status());
                assertEquals(0, interim.headers().size());
                assertEquals("body", c.send("body").read().text());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void expectContinueUnreadIsNotAskedForAndTheConnectionCloses(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                throw new HttpException(401, "no");
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Reply r = c.read();
                assertEquals(401, r.status(), "no 100 Continue before the final answer");
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void expectContinueWithAnOversizeDeclaredLengthIs413WithoutAContinue(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(ConnBodyTest::echo, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
                assertEquals(413, c.read().status());
                assertTrue(c.closedByServer());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anUnreadSmallBodyIsDiscardedAndALargeOneClosesTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> Response.text("ignored the body"), LOCAL.withDiscardLimit(1000));
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 600\r\n\r\n");
                RawClient.Reply r = c.read();
                assertNull(r.header("Connection"), "600 bytes are cheap to discard");
                c.send(new byte[600]);
                assertEquals("ignored the body", c.get("/next").read().text());
            }
            try (RawClient c = RawClient.connect(server.port())) {
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n");
                RawClient.Reply r = c.read();
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void bodyAccessorsTellLengthAndCompletion(LoopHarness h) {
        h.runBounded(() -> {
            List<String> seen = new ArrayList<>();
            HttpServer server = HttpServer.start(req -> {
                seen.add(req.body().contentLength() + " " + req.body().isComplete());
                byte[] b = req.bytes();
                seen.add(b.length + " " + req.body().isComplete());
                assertNull(req.body().read());
                assertArrayEquals(new byte[0], req.body().readAll(0));
                return Response.text("k");
            }, LOCAL);
            try (RawClient c = RawClient.connect(server.port())) {
                c.get("/").read();
                c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc").read();
                c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n").read();
            } finally {
                server.close();
            }
            assertEquals(List.of("0 true", "0 true", "3 false", "3 true", "-1 false", "1 true"), seen);
            assertFalse(seen.isEmpty());
        });
    }
}
