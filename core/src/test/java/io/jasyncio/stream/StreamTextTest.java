package io.jasyncio.stream;

import static io.jasyncio.Asyncio.getRunningLoop;
import static io.jasyncio.Asyncio.timeout;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text methods of the streams (issue 8): {@link StreamReader#readTextLine(java.nio.charset.Charset)},
 * {@link StreamReader#textLines(java.nio.charset.Charset)} and {@link StreamWriter#writeLine(String)}.
 * The reader is fed directly, so multi-byte characters can be split across chunks; the writer
 * goes over a real loopback connection (only public API).
 */
class StreamTextTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Feeds {@code data} one byte per loop iteration, then EOF: every split a peer can make. */
    private static void feedBytewise(StreamReader r, byte[] data) {
        var loop = getRunningLoop();
        for (int i = 0; i <= data.length; i++) {
            int at = i;
            loop.callSoon(() -> {
                if (at < data.length) {
                    r.feedData(Arrays.copyOfRange(data, at, at + 1));
                } else {
                    r.feedEof();
                }
            });
        }
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineDecodesCharactersSplitAcrossChunksAndDropsTheTerminator(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.run(() -> timeout(BOUND, (VoidBody<Exception>) () -> {
            feedBytewise(r, "héllo wörld\n€ and 🐍\r\n".getBytes(UTF_8));
            assertEquals("héllo wörld", r.readTextLine(UTF_8));
            assertEquals("€ and 🐍", r.readTextLine(UTF_8), "\\r\\n is dropped whole");
            assertNull(r.readTextLine(UTF_8), "the end of the stream is null");
        }));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void anEmptyLineIsEmptyAndALastLineWithoutNewlineIsReturnedAsItIs(LoopHarness h) {
        StreamReader r = new StreamReader();
        r.feedData("\nlast".getBytes(UTF_8));
        r.feedEof();
        h.run(() -> {
            assertEquals("", r.readTextLine(UTF_8));
            assertEquals("last", r.readTextLine(UTF_8));
            assertNull(r.readTextLine(UTF_8));
            assertNull(r.readTextLine(UTF_8), "still null after the end");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineUsesTheCharsetItIsGiven(LoopHarness h) {
        StreamReader r = new StreamReader();
        r.feedData(new byte[] {(byte) 0xE9, '\n', (byte) 0xE9, '\n'});
        r.feedEof();
        h.run(() -> {
            assertEquals("é", r.readTextLine(ISO_8859_1));
            assertEquals("\uFFFD", r.readTextLine(UTF_8), "malformed UTF-8 is replaced, not thrown");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCharsetThatDoesNotEncodeNewlineAsOneByteIsRefusedBeforeReading(LoopHarness h) {
        StreamReader r = new StreamReader();
        r.feedData("a\n".getBytes(UTF_8));
        h.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readTextLine(UTF_16));
            assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.textLines(UTF_16));
            assertEquals(2, r.buffered(), "nothing was consumed");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aLineOverTheLimitThrowsLimitOverrunAsTheByteReadDoes(LoopHarness h) {
        StreamReader r = new StreamReader(4);
        r.feedData("toolong\nok\n".getBytes(UTF_8));
        r.feedEof();
        h.run(() -> {
            assertThrows(LimitOverrunError.class, () -> r.readTextLine(UTF_8));
            assertEquals("ok", r.readTextLine(UTF_8), "the overlong line was discarded");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void linesIteratesDecodedLinesUntilTheEnd(LoopHarness h) {
        StreamReader r = new StreamReader();
        List<String> got = new ArrayList<>();
        h.run(() -> timeout(BOUND, (VoidBody<Exception>) () -> {
            feedBytewise(r, "ä\n\nö".getBytes(UTF_8));
            for (String line : r.textLines(UTF_8)) {
                got.add(line);
            }
        }));
        assertEquals(List.of("ä", "", "ö"), got, "an empty line does not end the iteration");
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void writeLineSendsTheEncodedLineAndANewline(LoopHarness h) {
        List<String> received = new ArrayList<>();
        h.run(() -> timeout(BOUND, (VoidBody<Exception>) () -> {
            Server server = Streams.startServer((reader, writer) -> {
                try (writer) {
                    for (String line : reader.textLines(UTF_8)) {
                        writer.writeLine("écho " + line);
                        writer.writeLine(line, ISO_8859_1);
                        writer.drain();
                    }
                }
            }, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.sockets().get(0)).getPort();
            StreamPair c = Streams.openConnection("127.0.0.1", port);
            assertThrows(NullPointerException.class, () -> c.writer().writeLine(null));
            assertThrows(NullPointerException.class, () -> c.writer().writeLine("x", null));
            c.writer().writeLine("grüß 🐍");
            c.writer().drain();
            received.add(c.reader().readTextLine(UTF_8));
            received.add(new String(c.reader().readLine(), ISO_8859_1));
            c.writer().writeEof();
            assertNull(c.reader().readTextLine(UTF_8));
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        }));
        assertEquals(List.of("écho grüß 🐍", "grüß ?\n"), received,
                "the second line is ISO-8859-1, where the snake is unmappable and replaced by '?'");
    }
}
