package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link Streams#openConnection}, {@link Streams#startServer} and their Unix-domain twins over
 * real sockets, as CPython's test_streams checks them: lines echoed, half-close read to EOF,
 * large transfers through {@code drain}, a limit overrun, refused connects, many clients at once,
 * and no descriptor left open afterwards.
 */
class StreamsOverSocketsTest {
    /** Echoes line by line until the client half-closes, then closes. */
    private static final StreamHandler LINE_ECHO = (reader, writer) -> {
        try (writer) {
            for (byte[] line : reader.lines()) {
                writer.write(line);
                writer.drain();
            }
        }
    };


    @LoopTest(checkFds = true)
    void openConnectionTalksToStartServerLineByLine(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (Server server = Streams.startServer(LINE_ECHO, LOOPBACK, 0)) {
                StreamPair c = Streams.openConnection(LOOPBACK, port(server));
                for (String s : List.of("one\n", "two\n", "three\n")) {
                    c.writer().write(s.getBytes(UTF_8));
                    c.writer().drain();
                    assertEquals(s, new String(c.reader().readLine(), UTF_8));
                }
                c.writer().writeEof();
                assertArrayEquals(new byte[0], c.reader().read(), "the server closes after our EOF");
                assertTrue(c.reader().atEof());
                c.close();
                c.writer().waitClosed();
                server.close();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aLargeTransferEchoedThroughDrainArrivesWhole(LoopHarness h) throws Exception {
        byte[] data = pattern(4 * 1024 * 1024);
        h.runBounded(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                try (writer) {
                    byte[] chunk;
                    while ((chunk = reader.read(64 * 1024)).length > 0) {
                        writer.write(chunk);
                        writer.drain();
                    }
                }
            }, LOOPBACK, 0);
            StreamPair c = Streams.openConnection(LOOPBACK, port(server));
            // Write and read concurrently: writing all first would fill both directions' buffers.
            var writerTask = createTask(() -> {
                for (int off = 0; off < data.length; off += 100_000) {
                    c.writer().write(Arrays.copyOfRange(data, off, Math.min(data.length, off + 100_000)));
                    c.writer().drain();
                }
                c.writer().writeEof();
            });
            byte[] back = c.reader().readExactly(data.length);
            writerTask.await();
            assertArrayEquals(data, back);
            assertArrayEquals(new byte[0], c.reader().read());
            c.close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void aLineLongerThanTheLimitIsALimitOverrun(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                try (writer) {
                    writer.write(new byte[200]);            // no newline within the client's limit
                    writer.write("\n".getBytes(UTF_8));
                    writer.drain();
                }
            }, LOOPBACK, 0);
            StreamPair c = Streams.openConnection(LOOPBACK, port(server), ConnectOptions.DEFAULTS, 100);
            assertThrows(LimitOverrunError.class, c.reader()::readLine);
            c.close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void openConnectionToAPortNobodyListensOnNamesHostAndPort(LoopHarness h) throws Exception {
        int port = closedPort();
        h.runBounded(() -> {
            ConnectException e = assertThrows(ConnectException.class, () -> Streams.openConnection(LOOPBACK, port));
            assertTrue(e.getMessage().contains(LOOPBACK + ":" + port), e.getMessage());
        });
    }

    @LoopTest(checkFds = true)
    void manyClientsAtOnceEachGetTheirOwnLinesBack(LoopHarness h) throws Exception {
        int clients = 100;
        h.runBounded(() -> {
            Server server = Streams.startServer(LINE_ECHO, LOOPBACK, 0);
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String line = "client " + i + "\n";
                calls.add(() -> {
                    StreamPair c = Streams.openConnection(LOOPBACK, port(server));
                    try {
                        c.writer().write(line.getBytes(UTF_8));
                        c.writer().writeEof();
                        return new String(c.reader().read(), UTF_8);
                    } finally {
                        c.close();
                        c.writer().waitClosed();
                    }
                });
            }
            List<String> got = gather(calls.size(), calls);
            for (int i = 0; i < clients; i++) {
                assertEquals("client " + i + "\n", got.get(i));
            }
            server.close();
            server.waitClosed();
        });
    }

    @LoopTest(checkFds = true)
    void unixStreamsEchoAndTheSocketFileIsRemovedOnClose(LoopHarness h) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("echo.sock");
        try {
            h.runBounded(() -> {
                Server server = Streams.startUnixServer(LINE_ECHO, path);
                StreamPair c = Streams.openUnixConnection(path);
                c.writer().write("over unix\n".getBytes(UTF_8));
                assertEquals("over unix\n", new String(c.reader().readLine(), UTF_8));
                c.close();
                c.writer().waitClosed();
                server.close();
                server.waitClosed();
            });
            assertFalse(Files.exists(path));
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @LoopTest(checkFds = true)
    void aHandlerThatFailsClosesItsConnectionAndTheServerGoesOn(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            int[] served = {0};
            Server server = Streams.startServer((reader, writer) -> {
                if (served[0]++ == 0) {
                    throw new IllegalStateException("first handler fails");
                }
                LINE_ECHO.handle(reader, writer);
            }, LOOPBACK, 0);
            StreamPair first = Streams.openConnection(LOOPBACK, port(server));
            assertArrayEquals(new byte[0], first.reader().read(), "the failed handler's connection is closed");
            first.close();
            StreamPair second = Streams.openConnection(LOOPBACK, port(server));
            second.writer().write("still serving\n".getBytes(UTF_8));
            assertEquals("still serving\n", new String(second.reader().readLine(), UTF_8));
            second.close();
            second.writer().waitClosed();
            first.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
        List<ExceptionContext> reported = h.takeUnhandled();
        assertEquals(1, reported.size(), reported.toString());
        assertEquals("first handler fails", reported.getFirst().exception().getMessage());
    }

    @LoopTest(checkFds = true)
    void drainRaisesWhenThePeerResetsMidTransfer(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            var failure = getRunningLoop().<Throwable>createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                byte[] chunk = pattern(64 * 1024);
                try (writer) {
                    while (true) {                               // faster than the peer reads
                        writer.write(chunk);
                        writer.drain();
                    }
                } catch (IOException e) {
                    failure.setResult(e);
                }
            }, LOOPBACK, 0);
            java.nio.channels.SocketChannel peer = socket();
            Network.sockConnect(peer, new InetSocketAddress(LOOPBACK, port(server)));
            // Read a little so the writer is mid-transfer, then reset: SO_LINGER 0 sends RST.
            Network.sockRecv(peer, 1024);
            sleep(java.time.Duration.ofMillis(50));
            peer.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
            peer.close();
            Throwable e = failure.await();
            assertInstanceOf(IOException.class, e);
            assertTrue(e.getMessage() != null && (e.getMessage().contains("reset") || e.getMessage().contains("lost")
                    || e.getMessage().contains("Broken pipe")), e.getMessage());
            server.close();
            server.waitClosed();
        });
    }
}
