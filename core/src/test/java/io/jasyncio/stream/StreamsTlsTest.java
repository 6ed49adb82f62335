package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static io.jasyncio.stream.TlsNetTestSupport.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.sync.Event;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * Streams over TLS on real sockets, as the TLS parts of CPython's test_streams check them:
 * {@code open_connection} / {@code start_server} with {@code ssl=}, {@code StreamWriter.start_tls}
 * upgrading a live connection, a large transfer through {@code drain}, Unix sockets, and an
 * upgrade against a peer that never answers.
 */
class StreamsTlsTest {
    /** Echoes line by line until the peer's EOF, then closes. */
    private static final StreamHandler LINE_ECHO = (reader, writer) -> {
        try (writer) {
            for (byte[] line : reader.lines()) {
                writer.write(line);
                writer.drain();
            }
        }
    };

    /** A handshake timeout short enough for a test that waits for it in real time. */
    private static final Duration SHORT_HANDSHAKE = Duration.ofMillis(300);

    @LoopTest(checkFds = true)
    void openConnectionWithTlsTalksToStartServerWithTlsLineByLine(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            try (Server server = Streams.startServer(LINE_ECHO, LOOPBACK, 0, tlsServer(), StreamReader.DEFAULT_LIMIT)) {
                StreamPair c = Streams.openConnection(LOOPBACK, port(server), tlsConnect(), StreamReader.DEFAULT_LIMIT);
                assertNotNull(c.writer().getExtraInfo(BaseTransport.CIPHER));
                for (String s : new String[] {"one\n", "two\n", "three\n"}) {
                    c.writer().write(s.getBytes(UTF_8));
                    c.writer().drain();
                    assertEquals(s, new String(c.reader().readLine(), UTF_8));
                }
                c.close();
                c.writer().waitClosed();
                assertTrue(c.reader().atEof(), "a clean close_notify ends the reader at EOF");
                server.close();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void fourMebibytesEchoedOverTlsThroughDrainArriveWhole(LoopHarness h) throws Exception {
        byte[] data = pattern(4 * 1024 * 1024);
        h.runBounded(() -> {
            StreamHandler echo = (reader, writer) -> {
                try (writer) {
                    byte[] chunk;
                    while ((chunk = reader.read(64 * 1024)).length > 0) {
                        writer.write(chunk);
                        writer.drain();
                    }
                }
            };
            try (Server server = Streams.startServer(echo, LOOPBACK, 0, tlsServer(), StreamReader.DEFAULT_LIMIT)) {
                StreamPair c = Streams.openConnection(LOOPBACK, port(server), tlsConnect(), StreamReader.DEFAULT_LIMIT);
                // TLS has no half-close: the client reads exactly what it sent, then closes.
                Task<Void> sender = createTask(() -> {
                    for (int off = 0; off < data.length; off += 100_000) {
                        c.writer().write(Arrays.copyOfRange(data, off, Math.min(data.length, off + 100_000)));
                        c.writer().drain();
                        assertTrue(c.writer().transport().getWriteBufferSize()
                                <= c.writer().transport().getWriteBufferHighWater() + 100_000, "drain bounds the buffer");
                    }
                    return null;
                });
                byte[] back = c.reader().readExactly(data.length);
                sender.await();
                assertArrayEquals(data, back);
                c.close();
                c.writer().waitClosed();
                server.close();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void startTlsUpgradesALiveStreamConnectionAndTheReaderKeepsReading(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            // A STARTTLS dialogue: plain lines, the upgrade on both sides, then lines over TLS.
            StreamHandler starttls = (reader, writer) -> {
                try (writer) {
                    assertEquals("STARTTLS\n", new String(reader.readLine(), UTF_8));
                    writer.write("GO\n".getBytes(UTF_8));
                    writer.startTls(serverTls());
                    for (byte[] line : reader.lines()) {
                        writer.write(("tls:" + new String(line, UTF_8)).getBytes(UTF_8));
                        writer.drain();
                    }
                }
            };
            try (Server server = Streams.startServer(starttls, LOOPBACK, 0)) {
                StreamPair c = Streams.openConnection(LOOPBACK, port(server));
                Transport plain = c.writer().transport();
                c.writer().write("STARTTLS\n".getBytes(UTF_8));
                assertEquals("GO\n", new String(c.reader().readLine(), UTF_8));
                assertNull(c.writer().getExtraInfo(BaseTransport.SSL_OBJECT));
                c.writer().startTls(TlsOptions.client(SelfSignedCertificates.trusting(SelfSignedCertificates.localhost()),
                        "localhost"));
                assertNotSame(plain, c.writer().transport());
                assertNotNull(c.writer().getExtraInfo(BaseTransport.SSL_OBJECT));
                assertFalse(c.writer().canWriteEof());
                c.writer().write("hello\n".getBytes(UTF_8));
                assertEquals("tls:hello\n", new String(c.reader().readLine(), UTF_8));
                assertThrows(IllegalStateException.class, () -> c.writer().startTls(clientTls()), "already TLS");
                c.close();
                c.writer().waitClosed();
                server.close();
                server.waitClosed();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aStartTlsThatFailsClosesTheConnectionAndTheReaderGetsTheError(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            StreamHandler upgrader = (reader, writer) -> {
                reader.readLine();
                writer.write("GO\n".getBytes(UTF_8));
                writer.startTls(TlsOptions.server(SelfSignedCertificates.stranger().serverContext()));
            };
            // The handler's own failure (the client rejected its certificate) is expected: taken
            // here and checked below, so it is neither logged nor counted as unhandled.
            List<ExceptionContext> handlerFailures = new ArrayList<>();
            Event handlerFailed = new Event();
            var harnessHandler = h.loop().getExceptionHandler();
            h.loop().setExceptionHandler((loop, ctx) -> {
                handlerFailures.add(ctx);
                handlerFailed.set();
            });
            try (Server server = Streams.startServer(upgrader, LOOPBACK, 0)) {
                StreamPair c = Streams.openConnection(LOOPBACK, port(server));
                c.writer().write("STARTTLS\n".getBytes(UTF_8));
                assertEquals("GO\n", new String(c.reader().readLine(), UTF_8));
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> c.writer().startTls(clientTls().withServerHostname("localhost")));
                assertThrows(SSLHandshakeException.class, () -> c.reader().read(), "the reader fails with the same error");
                assertSame(e, c.reader().exception());
                assertThrows(SSLHandshakeException.class, () -> c.writer().waitClosed());
                server.close();
                server.waitClosed();
                handlerFailed.await();
                assertEquals(1, handlerFailures.size(), handlerFailures::toString);
                assertEquals("Unhandled exception in client_connected_cb", handlerFailures.get(0).message());
                assertInstanceOf(SSLHandshakeException.class, handlerFailures.get(0).exception());
            } finally {
                h.loop().setExceptionHandler(harnessHandler);
            }
        });
    }

    @LoopTest(checkFds = true)
    void aStartTlsAgainstAPeerThatNeverAnswersTimesOutOrIsCancelledWithoutLeaks(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            // test_start_tls_slow_client_cancel, and the handshake timeout on a real socket.
            try (ServerSocketChannel silent = listener()) {
                Task<SocketChannel> peer = createTask(() -> Network.sockAccept(silent));
                StreamPair c = Streams.openConnection(LOOPBACK, port(silent));
                try (SocketChannel p = peer.await()) {
                    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.writer().startTls(
                            clientTls().withServerHostname("localhost").withHandshakeTimeout(SHORT_HANDSHAKE)));
                    assertSame(e, c.reader().exception());
                    NetworkTlsTest.readToEof(p);
                }
                Task<SocketChannel> peer2 = createTask(() -> Network.sockAccept(silent));
                StreamPair c2 = Streams.openConnection(LOOPBACK, port(silent));
                try (SocketChannel p = peer2.await()) {
                    assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofMillis(50),
                            () -> c2.writer().startTls(clientTls().withServerHostname("localhost"))));
                    assertTrue(c2.writer().isClosing(), "a cancelled upgrade aborts the connection");
                    NetworkTlsTest.readToEof(p);
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void unixStreamsCarryTlsWithTheHostnameGivenInTheOptions(LoopHarness h) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-tls-unix");
        Path path = dir.resolve("s.sock");
        try {
            h.runBounded(() -> {
                try (Server server = Streams.startUnixServer(LINE_ECHO, path, tlsServer())) {
                    StreamPair c = Streams.openUnixConnection(path, clientTls().withServerHostname("localhost"));
                    assertNotNull(c.writer().getExtraInfo(BaseTransport.CIPHER));
                    c.writer().write("over unix\n".getBytes(UTF_8));
                    assertEquals("over unix\n", new String(c.reader().readLine(), UTF_8));
                    c.close();
                    c.writer().waitClosed();
                    SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                            () -> Streams.openUnixConnection(path, clientTls().withServerHostname("wrong.example")));
                    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
                    server.close();
                    server.waitClosed();
                }
            });
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @LoopTest(checkFds = true)
    void aTlsHandlerRunsOnlyForConnectionsWhoseHandshakeSucceeded(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            int[] handled = new int[1];
            StreamHandler counting = (reader, writer) -> {
                handled[0]++;
                writer.close();
            };
            try (Server server = Streams.startServer(counting, LOOPBACK, 0, tlsServer(), StreamReader.DEFAULT_LIMIT)) {
                StreamPair plain = Streams.openConnection(LOOPBACK, port(server));
                plain.writer().write("not a client hello\r\n\r\n".getBytes(UTF_8));
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] b;
                while ((b = plain.reader().read()).length > 0) {
                    got.writeBytes(b);
                }
                assertEquals(0x15, got.toByteArray()[0], "the server answered with a TLS alert record, then closed");
                plain.close();
                StreamPair c = Streams.openConnection(LOOPBACK, port(server), tlsConnect(), StreamReader.DEFAULT_LIMIT);
                assertArrayEquals(new byte[0], c.reader().read(), "the handler closed at once");
                c.close();
                server.close();
                server.waitClosed();
                assertEquals(1, handled[0]);
            }
        });
    }
}
