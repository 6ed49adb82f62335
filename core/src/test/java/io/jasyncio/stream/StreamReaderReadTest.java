package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.StreamTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamReader}'s {@code read}, {@code readExactly}, EOF and exceptions, fed directly
 * (no transport), with the data arriving before and after the call, in one-byte chunks, small
 * chunks and one chunk. Ports the matching tests of CPython's
 * {@code Lib/test/test_asyncio/test_streams.py}.
 */
class StreamReaderReadTest {
    private static final byte[] DATA = b("line1\nline2\nline3\n");

    @Test
    void aLimitOfZeroOrLessIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
        assertEquals(StreamReader.DEFAULT_LIMIT, new StreamReader().limit());
        assertEquals(7, new StreamReader(7).limit());
    }

    @Test
    void feedingEmptyDataBuffersNothing() {
        StreamReader r = new StreamReader();
        r.feedData(new byte[0]);
        r.feedData(ByteBuffer.allocate(0));
        assertEquals(0, r.buffered());
        assertFalse(r.atEof());
    }

    @Test
    void feedingDataBuffersIt() {
        StreamReader r = new StreamReader();
        r.feedData(DATA);
        assertEquals(DATA.length, r.buffered());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void feedDataCopiesTheLentBufferAndConsumesIt(LoopHarness h) {
        StreamReader r = new StreamReader();
        ByteBuffer lent = ByteBuffer.wrap(b("xxabcxx"), 2, 3);
        r.feedData(lent);
        assertEquals(5, lent.position(), "the lent buffer's position moves to its limit");
        lent.clear();
        lent.put(b("zzzzzzz"));
        h.runBounded(() -> assertEquals("abc", s(r.read(10))));
    }

    @Test
    void feedDataAfterEofThrows() {
        StreamReader r = new StreamReader();
        r.feedEof();
        assertThrows(IllegalStateException.class, () -> r.feedData(b("x")));
        assertThrows(IllegalStateException.class, () -> r.feedData(ByteBuffer.wrap(b("x"))));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readZeroReturnsEmptyWithoutWaiting(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            assertEquals(0, r.read(0).length);
            r.feedData(DATA);
            assertEquals(0, r.read(0).length);
            assertEquals(DATA.length, r.buffered());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readReturnsBufferedBytesWithoutYielding(LoopHarness h) {
        StreamReader r = new StreamReader();
        List<String> log = new ArrayList<>();
        h.runBounded(() -> {
            r.feedData(DATA);
            Task<Void> other = createTask(() -> {
                log.add("other");
            });
            assertArrayEquals(DATA, r.read(30));
            log.add("read");
            other.await();
            assertEquals(0, r.buffered());
        });
        assertEquals(List.of("read", "other"), log);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readWaitsForDataAndReturnsTheFirstChunk(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, DATA, chunk, false);
                byte[] got = r.read(30);
                assertEquals(s(DATA).substring(0, Math.min(chunk, DATA.length)), s(got), "chunk " + chunk);
                sleep(Duration.ofSeconds(1));
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readReturnsAtMostNBytes(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(b("line1"));
            r.feedData(b("line2"));
            assertEquals("line1", s(r.read(5)));
            assertEquals("line2", s(r.read(5)));
            assertEquals(0, r.buffered());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readWaitingAtEofReturnsEmpty(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            getRunningLoop().callSoon(r::feedEof);
            assertEquals(0, r.read(1024).length);
            assertTrue(r.atEof());
            assertEquals(0, r.read(1024).length, "later reads return at once");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readMinusOneReadsEverythingUntilEof(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader(4);
                r.feedData(b("pre:"));
                feedSoon(getRunningLoop(), r, DATA, chunk, true);
                assertEquals("pre:" + s(DATA), s(r.read()), "chunk " + chunk);
                assertTrue(r.atEof());
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readThrowsTheExceptionSetAfterEarlierReads(LoopHarness h) {
        StreamReader r = new StreamReader();
        IOException boom = new IOException("boom");
        h.runBounded(() -> {
            r.feedData(b("line\n"));
            assertEquals("li", s(r.read(2)));
            r.setException(boom);
            assertSame(boom, assertThrows(IOException.class, () -> r.read(2)));
            assertSame(boom, assertThrows(IOException.class, r::readLine));
            assertSame(boom, assertThrows(IOException.class, () -> r.readExactly(1)));
            assertSame(boom, assertThrows(IOException.class, () -> r.readUntil(b("\n"))));
            assertSame(boom, r.exception());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readMinusOneThrowsAnExceptionSetWhileItWaits(LoopHarness h) {
        StreamReader r = new StreamReader();
        IOException boom = new IOException("boom");
        h.runBounded(() -> {
            r.feedData(b("part"));
            getRunningLoop().callSoon(() -> r.setException(boom));
            assertSame(boom, assertThrows(IOException.class, r::read));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyOfZeroReturnsEmptyAndOfANegativeCountThrows(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            assertEquals(0, r.readExactly(0).length);
            assertThrows(IllegalArgumentException.class, () -> r.readExactly(-1));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyWaitsUntilEveryByteArrived(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                byte[] twice = b(s(DATA) + s(DATA));
                feedSoon(getRunningLoop(), r, twice, chunk, false);
                assertEquals(s(DATA), s(r.readExactly(DATA.length)), "chunk " + chunk);
                assertEquals(s(DATA), s(r.readExactly(DATA.length)), "chunk " + chunk);
                sleep(Duration.ofSeconds(1));
                assertEquals(0, r.buffered());
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyFromBufferedDataDoesNotWait(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            r.feedData(DATA);
            long t0 = time();
            assertEquals("line1\n", s(r.readExactly(6)));
            assertEquals(DATA.length - 6, r.buffered());
            assertEquals(t0, time());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyLongerThanTheLimitCompletes(LoopHarness h) {
        StreamReader r = new StreamReader(3);
        h.runBounded(() -> {
            feedSoon(getRunningLoop(), r, DATA, 2, false);
            assertArrayEquals(DATA, r.readExactly(DATA.length));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyAtEofThrowsIncompleteReadErrorWithThePartialBytes(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, DATA, chunk, true);
                IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readExactly(2 * DATA.length));
                assertArrayEquals(DATA, e.partial());
                assertEquals(2 * DATA.length, e.expected());
                assertEquals("18 bytes read on a total of 36 expected bytes", e.getMessage());
                assertEquals(0, r.buffered(), "the partial bytes are consumed");
                assertTrue(r.atEof());
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readExactlyThrowsAnExceptionSetWhileItWaits(LoopHarness h) {
        StreamReader r = new StreamReader();
        IOException boom = new IOException("boom");
        h.runBounded(() -> {
            r.feedData(b("line\n"));
            assertEquals("line\n", s(r.readExactly(5)));
            getRunningLoop().callSoon(() -> r.setException(boom));
            assertSame(boom, assertThrows(IOException.class, () -> r.readExactly(2)));
        });
    }

    @Test
    void atEofIsTrueOnlyOnceEofWasFedAndEverythingRead() throws Exception {
        StreamReader r = new StreamReader();
        assertFalse(r.atEof());
        r.feedData(b("line\n"));
        assertFalse(r.atEof());
        r.feedEof();
        assertFalse(r.atEof(), "bytes are still buffered");
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readExactly(10));
        assertEquals("line\n", s(e.partial()));
        assertTrue(r.atEof());
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void setExceptionWakesTheWaitingRead(LoopHarness h) {
        StreamReader r = new StreamReader();
        IllegalArgumentException boom = new IllegalArgumentException("unchecked");
        h.runBounded(() -> {
            Task<byte[]> t = createTask(() -> r.readLine());
            sleep(Duration.ZERO);
            r.setException(boom);
            RuntimeException e = assertThrows(RuntimeException.class, t::await);
            assertSame(boom, e, "an unchecked exception reaches the reader as it is");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void setExceptionAfterTheWaitingReadWasCancelledIsHarmless(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            Task<byte[]> t = createTask(() -> r.readLine());
            sleep(Duration.ZERO);
            t.cancel();
            sleep(Duration.ZERO);
            r.setException(new IOException("after"));
            assertThrows(CancelledError.class, t::await);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCheckedExceptionThatIsNotAnIOExceptionIsWrappedInOne(LoopHarness h) {
        StreamReader r = new StreamReader();
        Exception odd = new Exception("odd");
        r.setException(odd);
        h.runBounded(() -> {
            IOException e = assertThrows(IOException.class, () -> r.read(1));
            assertSame(odd, e.getCause());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void dataAndEofArrivingInOneStepAreBothSeen(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            getRunningLoop().callSoon(() -> {
                r.feedData(b("last"));
                r.feedEof();
            });
            assertEquals("last", s(r.read(100)));
            assertEquals(0, r.read(100).length);
            assertTrue(r.atEof());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aWaitingReadOutsideATaskIsRefused(LoopHarness h) {
        StreamReader r = new StreamReader();
        assertThrows(IllegalStateException.class, () -> r.read(1));
        r.feedData(b("ok"));
        assertDoesNotThrow(() -> assertEquals("ok", s(r.read(5))), "a read that needs no wait works anywhere");
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void linesIteratesOverEveryLineUntilEof(LoopHarness h) {
        h.runBounded(() -> {
            for (int chunk : CHUNKINGS) {
                StreamReader r = new StreamReader();
                feedSoon(getRunningLoop(), r, b("a\nbb\nccc"), chunk, true);
                List<String> lines = new ArrayList<>();
                for (byte[] line : r.lines()) {
                    lines.add(s(line));
                }
                assertEquals(List.of("a\n", "bb\n", "ccc"), lines, "chunk " + chunk);
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void linesThrowsAnIOExceptionUnchecked(LoopHarness h) {
        StreamReader r = new StreamReader();
        IOException boom = new IOException("boom");
        h.runBounded(() -> {
            r.feedData(b("one\n"));
            var it = r.lines().iterator();
            assertEquals("one\n", s(it.next()));
            r.setException(boom);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);
            assertSame(boom, e.getCause());
        });
    }

    @Test
    void toStringDescribesTheState() {
        StreamReader r = new StreamReader(5);
        assertEquals("StreamReader[0 bytes, limit=5]", r.toString());
        r.feedData(b("abc"));
        r.feedEof();
        r.setException(new IOException("x"));
        assertEquals("StreamReader[3 bytes, eof, limit=5, exception=java.io.IOException: x]", r.toString());
    }

    @Test
    void theErrorsCarryWhatTheyReport() {
        IncompleteReadError e = new IncompleteReadError(b("ab"), -1);
        assertEquals("2 bytes read on a total of undefined expected bytes", e.getMessage());
        assertEquals(-1, e.expected());
        assertInstanceOf(java.io.EOFException.class, e);
        LimitOverrunError o = new LimitOverrunError("msg", 10);
        assertEquals("msg", o.getMessage());
        assertEquals(10, o.consumed());
    }
}
