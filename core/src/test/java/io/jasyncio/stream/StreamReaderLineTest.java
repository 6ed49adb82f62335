package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.StreamTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;

/**
 * {@link StreamReader#readLine()} and {@link StreamReader#readUntil(byte[]...)}: separators split
 * across chunks, limits and overruns, EOF with partial data. Ports CPython's
 * {@code test_readline*} and {@code test_readuntil*} of {@code test_streams.py}.
 */
class StreamReaderLineTest {
    private static final byte[] DATA = b("line1\nline2\nline3\n");

    /** Reads what is buffered without waiting (the reader's buffer, as asyncio's tests inspect {@code _buffer}). */
    private static String rest(StreamReader r) throws IOException {
        return s(r.read(r.buffered()));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineWaitsForTheNewlineAcrossChunks(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("chunk1 "));
            getRunningLoop().callSoon(() -> {
                r.feedData(b("chunk2 "));
                r.feedData(b("chunk3 "));
                r.feedData(b("\n chunk4"));
            });
            assertEquals("chunk1 chunk2 chunk3 \n", s(r.readLine()));
            assertEquals(" chunk4", rest(r));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineInEveryChunkingReturnsTheSameLines(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, DATA, chunk, true);
                assertEquals("line1\n", s(r.readLine()), "chunk " + chunk);
                assertEquals("line2\n", s(r.readLine()), "chunk " + chunk);
                assertEquals("line3\n", s(r.readLine()), "chunk " + chunk);
                assertEquals("", s(r.readLine()), "chunk " + chunk);
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineOverTheLimitWithDataBufferedDiscardsTheLineAndKeepsTheRest(LoopHarness h) {
        h.runBounded(() -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("li"));
            r.feedData(b("ne1\nline2\n"));
            assertThrows(LimitOverrunError.class, r::readLine);
            assertEquals("line2\n", rest(r));

            StreamReader r2 = new StreamReader(3);
            r2.feedData(b("li"));
            r2.feedData(b("ne1"));
            r2.feedData(b("li"));
            assertThrows(LimitOverrunError.class, r2::readLine);
            assertEquals(0, r2.buffered(), "no newline: the whole buffer is discarded");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineOverTheLimitWhileWaitingDiscardsWhatItSearched(LoopHarness h) {
        h.runBounded(() -> {
            StreamReader r = new StreamReader(7);
            getRunningLoop().callSoon(() -> {
                r.feedData(b("chunk1"));
                r.feedData(b("chunk2"));
                r.feedData(b("chunk3\n"));
                r.feedEof();
            });
            assertThrows(LimitOverrunError.class, r::readLine);
            assertEquals(0, r.buffered());

            StreamReader r2 = new StreamReader(7);
            getRunningLoop().callSoon(() -> {
                r2.feedData(b("chunk1"));
                r2.feedData(b("chunk2\n"));
                r2.feedData(b("chunk3\n"));
                r2.feedEof();
            });
            assertThrows(LimitOverrunError.class, r2::readLine);
            assertEquals("chunk3\n", rest(r2));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineLimitIsStrict(LoopHarness h) {
        StreamReader r = new StreamReader(7);
        h.runBounded(() -> {
            r.feedData(b("1234567\n"));
            assertEquals("1234567\n", s(r.readLine()), "a line of exactly the limit plus newline fits");
            r.feedData(b("12345678\n"));
            assertThrows(LimitOverrunError.class, r::readLine);
            assertEquals(0, r.buffered());
            r.feedData(b("12345678"));
            assertThrows(LimitOverrunError.class, r::readLine);
            assertEquals(0, r.buffered());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineWithBufferedDataDoesNotWait(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("line1\nli"));
            r.feedData(b("ne2\n"));
            long t0 = time();
            assertEquals("line1\n", s(r.readLine()));
            assertEquals("line2\n", rest(r));
            assertEquals(t0, time());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineAtEofReturnsThePartialLine(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("some data"));
            r.feedEof();
            assertEquals("some data", s(r.readLine()));
            assertTrue(r.atEof());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineAtAnEmptyEofReturnsEmpty(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            getRunningLoop().callSoon(r::feedEof);
            assertEquals(0, r.readLine().length);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readAfterReadLineCountsBytes(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(DATA);
            r.readLine();
            assertEquals("line2\nl", s(r.read(7)));
            assertEquals("ine3\n", rest(r));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readLineThrowsTheExceptionSetAfterASuccessfulLine(LoopHarness h) {
        StreamReader r = new StreamReader();
        IOException boom = new IOException("boom");
        h.runBounded(() -> {
            r.feedData(b("line\n"));
            assertEquals("line\n", s(r.readLine()));
            r.setException(boom);
            assertSame(boom, assertThrows(IOException.class, r::readLine));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilRejectsAnEmptyOrMissingSeparator(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> r.readUntil());
            assertThrows(IllegalArgumentException.class, () -> r.readUntil(b("a"), new byte[0]));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilReturnsThroughAMultiByteSeparator(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("lineAAA"));
            assertEquals("lineAAA", s(r.readUntil(b("AAA"))));
            assertEquals(0, r.buffered());
            r.feedData(b("lineAAAxxx"));
            assertEquals("lineAAA", s(r.readUntil(b("AAA"))));
            assertEquals("xxx", rest(r));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilFindsASeparatorSplitAcrossChunks(LoopHarness h) {
        StreamReader r = new StreamReader();
        byte[] sep = b("aaa");
        h.runBounded(() -> {
            r.feedData(b("QWEaa"));
            r.feedData(b("XYaa"));
            r.feedData(b("a"));
            assertEquals("QWEaaXYaaa", s(r.readUntil(sep)));
            r.feedData(b("QWEaa"));
            r.feedData(b("XYa"));
            r.feedData(b("aa"));
            assertEquals("QWEaaXYaaa", s(r.readUntil(sep)));
            r.feedData(b("aaa"));
            assertEquals("aaa", s(r.readUntil(sep)));
            r.feedData(b("Xaaa"));
            assertEquals("Xaaa", s(r.readUntil(sep)));
            r.feedData(b("XXX"));
            r.feedData(b(""));
            r.feedData(b("XXXaaa"));
            assertEquals("XXXXXXaaa", s(r.readUntil(sep)));
            assertEquals(0, r.buffered());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilWaitsForASeparatorArrivingByteByByte(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, b("head\r\n\r\nbody"), chunk, false);
                assertEquals("head\r\n\r\n", s(r.readUntil(b("\r\n\r\n"))), "chunk " + chunk);
                assertEquals("body", s(r.readExactly(4)), "chunk " + chunk);
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilAtEofThrowsIncompleteReadErrorWithEverythingLeft(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("some dataAA"));
            r.feedEof();
            IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readUntil(b("AAA")));
            assertEquals("some dataAA", s(e.partial()));
            assertEquals(-1, e.expected());
            assertEquals(0, r.buffered());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilPastTheLimitThrowsLimitOverrunAndKeepsTheData(LoopHarness h) {
        StreamReader r = new StreamReader(3);
        h.runBounded(() -> {
            r.feedData(b("some dataAA"));
            LimitOverrunError notFound = assertThrows(LimitOverrunError.class, () -> r.readUntil(b("AAA")));
            assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
            assertEquals(9, notFound.consumed());
            assertEquals(11, r.buffered());

            r.feedData(b("A"));
            LimitOverrunError found = assertThrows(LimitOverrunError.class, () -> r.readUntil(b("AAA")));
            assertEquals("Separator is found, but chunk is longer than limit", found.getMessage());
            assertEquals(9, found.consumed());
            assertEquals("some dataAAA", rest(r), "nothing was consumed");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilOverrunsWhileWaitingForMoreData(LoopHarness h) {
        StreamReader r = new StreamReader(5);
        h.runBounded(() -> {
            feedSoon(getRunningLoop(), r, b("0123456789"), 1, false);
            LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> r.readUntil(b("\n")));
            assertEquals(6, e.consumed(), "it gives up as soon as the searched bytes pass the limit");
            sleep(java.time.Duration.ofSeconds(1));
            assertEquals("0123456789", rest(r));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilWithSeveralSeparatorsReturnsTheShortestMatch(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("line1\nline2\r\nline3"));
            assertEquals("line1\n", s(r.readUntil(b("\r\n"), b("\n"))));
            assertEquals("line2\r\n", s(r.readUntil(b("\r\n"), b("\n"))), "\\n also ends at the same place; the match is the same line");
            r.feedData(b("xyz--ab"));
            assertEquals("line3xyz--", s(r.readUntil(b("--"), b("xyz--ab"))), "the shorter result wins even for a longer separator starting earlier");
            assertEquals("ab", rest(r));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readUntilWithSeveralSeparatorsWaitsForTheFirstCompleteOne(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, b("abc<END>tail"), chunk, true);
                assertEquals("abc<END>", s(r.readUntil(b("<END>"), b("<STOP>"))), "chunk " + chunk);
                IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readUntil(b("<END>"), b("<STOP>")));
                assertEquals("tail", s(e.partial()));
            }
        });
    }
}
