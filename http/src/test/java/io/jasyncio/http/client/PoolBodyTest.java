package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.http.Method;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jasyncio.http.client.PoolTesting.get;
import static io.jasyncio.http.client.PoolTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies under backpressure, failing bodies, and cancellation at each step of a send. */
class PoolBodyTest {
    private static final int PIECE = 64 * 1024;
    private static final long BIG = 256L * 1024 * 1024;
    /** How long the body must make no progress to count as held back. */
    private static final Duration STALL_CHECK = Duration.ofMillis(300);

    /** A server that counts what it receives, reads only when told, and answers once it has {@code expected} bytes. */
    static final class Sink implements Protocol {
        static final List<Sink> all = new ArrayList<>();
        Transport transport;
        long received;
        long expected = Long.MAX_VALUE;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            t.pauseReading();
            all.add(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received += data.remaining();
            data.position(data.limit());
            if (received >= expected) {
                transport.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** A body of {@code BIG} zero bytes in 64 KiB pieces that counts how many it has written. */
    static final class Zeros implements Payload {
        long written;

        @Override
        public long length() {
            return BIG;
        }

        @Override
        public String contentType() {
            return null;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public void writeTo(PayloadSink sink) throws IOException {
            byte[] piece = new byte[PIECE];
            while (written < BIG) {
                sink.write(ByteBuffer.wrap(piece));
                written += PIECE;
            }
        }
    }

    @LoopTest(checkFds = true)
    void aLargeBodyWaitsForTheServerToReadInsteadOfBuffering(LoopHarness h) {
        h.runBounded(() -> {
            Sink.all.clear();
            Server server = Network.createServer(Sink::new, "127.0.0.1", 0);
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
            try {
                int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
                Zeros body = new Zeros();
                Task<String> put = Asyncio.createTask(() -> text(pool.send(
                        PoolTesting.request(Method.PUT, "http://127.0.0.1:" + port + "/", body), ClientTimeouts.DEFAULTS, Long.MAX_VALUE)));
                LoopHarness.eventually(() -> body.written > 0 && !Sink.all.isEmpty());
                // Wait until the writes stop: the kernel's buffers and the transport's high-water mark are full.
                long stalled = -1;
                while (stalled != body.written) {
                    stalled = body.written;
                    Asyncio.sleep(STALL_CHECK);
                }
                assertTrue(stalled < BIG / 2, "the body kept writing while the server did not read: " + stalled);
                Sink s = Sink.all.getFirst();
                s.expected = BIG + 1;  // the head's bytes too: answer once the body is in
                s.transport.resumeReading();
                assertEquals("done", put.await());
                assertEquals(BIG, body.written);
            } finally {
                pool.close();
                server.close();
                server.abortClients();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aBodyThatFailsFailsTheRequestAndClosesTheConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> c.ok("x"))) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Payload broken = new Payload() {
                        @Override
                        public long length() {
                            return -1;
                        }

                        @Override
                        public String contentType() {
                            return null;
                        }

                        @Override
                        public boolean replayable() {
                            return true;
                        }

                        @Override
                        public void writeTo(PayloadSink sink) throws IOException {
                            sink.write(ByteBuffer.wrap(new byte[10]));
                            throw new IOException("disk gone");
                        }
                    };
                    IOException e = assertThrows(IOException.class,
                            () -> pool.send(PoolTesting.request(Method.PUT, s.url("/"), broken), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                    assertEquals("disk gone", e.getMessage());
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aSendCancelledWhileWaitingForTheHeadLeavesNoConnection(LoopHarness h) {
        h.runBounded(() -> {
            try (RawServer s = RawServer.start((c, head, n) -> { })) {
                ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS, null);
                try {
                    Task<Exchange> t = Asyncio.createTask(() -> pool.send(get(s.url("/")), ClientTimeouts.DEFAULTS, Long.MAX_VALUE));
                    LoopHarness.eventually(() -> s.heads.size() == 1);
                    assertEquals(1, pool.statistics().inUse());
                    t.cancel();
                    assertThrows(CancelledError.class, t::await);
                    assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                } finally {
                    pool.close();
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void aSendCancelledWhileConnectingGivesItsSlotBack(LoopHarness h) {
        h.runBounded(() -> {
            DnsCache slow = new DnsCache(Duration.ofSeconds(10), host -> {
                Asyncio.sleep(Duration.ofHours(1));
                return List.of();
            });
            ConnectionPool pool = new ConnectionPool(PoolOptions.DEFAULTS.withLimit(1), null, slow);
            try {
                Task<Exchange> t = Asyncio.createTask(() -> pool.send(get("http://slow.test/"), ClientTimeouts.NONE, Long.MAX_VALUE));
                Asyncio.sleep(Duration.ZERO);
                assertEquals(new PoolStatistics(1, 0, 1, 0), pool.statistics());
                t.cancel();
                assertThrows(CancelledError.class, t::await);
                assertEquals(new PoolStatistics(0, 0, 0, 0), pool.statistics());
                assertFalse(pool.isClosed());
            } finally {
                pool.close();
            }
            assertTrue(pool.isClosed());
        });
    }
}
