package io.jasyncio.testing;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Transport;
import java.time.Duration;
import java.util.Random;

/**
 * The behaviour every stream {@link Transport} owes its protocols, as a JUnit suite to extend:
 * trio's {@code check_one_way_stream} / {@code check_two_way_stream} for asyncio's transports.
 * A subclass says how to connect two ends; every test here then runs against them.
 *
 * {@snippet :
 * class MemoryTransportContractTest extends TransportContract {
 *     @Override
 *     protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) {
 *         MemoryTransport.pair(EventLoop.getRunningLoop(), a, b);
 *         return () -> { };          // nothing to release once both ends are closed
 *     }
 * }
 * }
 *
 * <p>What is checked: bytes arrive complete and in order whatever the write sizes (one byte,
 * small, megabytes) and for {@code Protocol} and {@code BufferedProtocol} receivers; empty
 * writes mean nothing; {@code writeEof} is a half-close that delivers EOF after the data and
 * leaves the other direction open (on a one-way pair it is a close, as asyncio's write pipe), and a
 * write after it throws; {@code close} sends what is
 * buffered, then EOF, and is idempotent; a write after {@code close} is dropped without an error,
 * as asyncio drops it; {@code abort} drops buffered data; {@code connectionLost} is called exactly
 * once per end, with null on a clean close; {@code isClosing} is true from {@code close} on;
 * paused reading delivers nothing until resumed; the writer is paused above the high-water mark
 * and resumed at or below the low one; extra info, {@code loop()} and {@code setProtocol}.
 *
 * <p>The tests run on the {@link LoopKind#SELECTOR} and {@link LoopKind#URING} loops (real
 * transports need real I/O; URING where {@code jasyncio-uring} is on the class path), each
 * under {@link LoopHarness#runBounded}, with the leak checks of {@link LoopTest}. Where a
 * transport cannot meet one behaviour, its subclass overrides that test method, annotated
 * {@code @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}) @Disabled("why")} (an override without
 * {@code @LoopTest} is not a test at all).
 */
public abstract class TransportContract {
    /*
     * Implementation notes.
     *
     * Each test connects a fresh pair inside its main task, waits for both connectionMade calls,
     * runs its scenario, and then, whatever happened, aborts what is still open, waits for both
     * current protocols' connectionLost and runs the subclass's cleanup, so a failing scenario
     * leaves no leak report on top of its own failure. Waits poll (LoopHarness.eventually):
     * transports built on threads (pipes) report from other threads' callbacks.
     */

    /**
     * A real delay after which bytes that were going to arrive have arrived: used only to check
     * that nothing arrives (a paused reader). Generous for a loaded machine; a slow machine can
     * only make such a check pass wrongly, never fail wrongly.
     */
    protected static final Duration SETTLE = Duration.ofMillis(100);
    private static final int HIGH = 64 * 1024;
    private static final int LOW = 16 * 1024;
    /** How much the abort test leaves in the write buffer: more than a pipe through a child holds. */
    private static final int ABORTED_BUFFER = 1 << 20;
    /** How much a test writes into a paused peer before it gives up waiting for pauseWriting. */
    private static final long MAX_FILL = 128L * 1024 * 1024;

    /** For subclasses. */
    protected TransportContract() {
    }

    /**
     * Connects two ends, {@code a} and {@code b}: each protocol's {@code connectionMade} is called
     * with its end, now or soon; what {@code a} writes reaches {@code b} (and, if
     * {@link #twoWay()}, the reverse). Runs in the test's main task on the test's loop and may
     * suspend. Returns what to run once both ends are closed (stop a server, reap a child).
     *
     * @throws Exception if connecting fails
     */
    protected abstract AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception;

    /** Whether {@code b} can write to {@code a} too; false for a pipe pair. */
    protected boolean twoWay() {
        return true;
    }

    /** Whether the receiving end accepts a {@code BufferedProtocol}. */
    protected boolean acceptsBufferedProtocol() {
        return true;
    }

    /** A scenario over two connected ends and their recorders. */
    @FunctionalInterface
    private interface Scenario {
        /** Runs the scenario in the test's main task. */
        void run(Transport a, Transport b, RecordingProtocol ra, RecordingProtocol rb) throws Exception;
    }

    private void check(LoopHarness h, RecordingProtocol ra, RecordingProtocol rb, Scenario scenario) {
        h.runBounded(() -> {
            AsyncRunnable cleanUp = connect(ra.protocol(), rb.protocol());
            try {
                eventually(() -> ra.transport != null && rb.transport != null);
                assertEquals("made", ra.events.getFirst());
                scenario.run(ra.transport, rb.transport, ra, rb);
            } finally {
                end(ra.transport);
                end(rb.transport);
                cleanUp.run();
            }
        });
    }

    private static void end(Transport t) {
        if (t == null) {
            return;
        }
        if (!t.isClosing()) {
            t.abort();
        }
        eventually(() -> !(t.getProtocol() instanceof RecordingProtocol r) || r.lost());
    }

    private void check(LoopHarness h, Scenario scenario) {
        check(h, RecordingProtocol.plain(), RecordingProtocol.plain(), scenario);
    }

    /** Byte {@code i} of the stream a test sends: a pattern that shows loss and reordering. */
    static byte at(long i) {
        return (byte) (i * 31 + (i >>> 8));
    }

    static byte[] pattern(long from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = at(from + i);
        }
        return b;
    }

    private static void assertPattern(byte[] got, long expectedLength) {
        assertEquals(expectedLength, got.length, "bytes received");
        for (int i = 0; i < got.length; i++) {
            if (got[i] != at(i)) {
                fail("byte " + i + " is " + got[i] + ", expected " + at(i) + ": data was lost or reordered");
            }
        }
    }

    /** Writes {@code total} pattern bytes in writes of sizes drawn by {@code sizes}, then closes {@code a}. */
    private static void sendAndCheck(Transport a, RecordingProtocol rb, int total, java.util.function.IntSupplier sizes) {
        long sent = 0;
        while (sent < total) {
            int n = (int) Math.min(total - sent, sizes.getAsInt());
            a.write(pattern(sent, n));
            sent += n;
        }
        a.close();
        eventually(rb::lost);
        assertPattern(rb.data.toByteArray(), total);
        assertEquals(1, rb.count("eof"), rb.events.toString());
        assertNull(rb.lostError, "a clean close ends the receiver's connection with null");
    }

    /** Three thousand one-byte writes arrive complete and in order, then EOF and a clean end. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void oneByteWritesArriveInOrder(LoopHarness h) {
        check(h, (a, b, ra, rb) -> sendAndCheck(a, rb, 3000, () -> 1));
    }

    /** Writes of 1 to 700 bytes arrive complete and in order. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void smallWritesOfMixedSizesArriveInOrder(LoopHarness h) {
        Random r = new Random(8);
        check(h, (a, b, ra, rb) -> sendAndCheck(a, rb, 200_000, () -> 1 + r.nextInt(700)));
    }

    /** One 4 MiB write arrives complete and in order. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void aLargeWriteArrivesComplete(LoopHarness h) {
        check(h, (a, b, ra, rb) -> sendAndCheck(a, rb, 4 << 20, () -> 4 << 20));
    }

    /** A {@code BufferedProtocol} that lends 7-byte buffers receives the same bytes. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void aBufferedProtocolReceivesTheSameBytes(LoopHarness h) {
        assumeTrue(acceptsBufferedProtocol(), "this transport delivers to a Protocol only");
        check(h, RecordingProtocol.plain(), RecordingProtocol.buffered(7),
                (a, b, ra, rb) -> sendAndCheck(a, rb, 300_000, () -> 65_536));
    }

    /** Empty writes send nothing, end nothing and throw nothing. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void emptyWritesMeanNothing(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            a.write(new byte[0]);
            a.write(java.nio.ByteBuffer.allocate(0));
            a.write(pattern(0, 1));
            a.write(new byte[0]);
            eventually(() -> rb.received() == 1);
            assertEquals(java.util.List.of("made"), rb.events, "no EOF, no end");
            a.close();
            eventually(rb::lost);
            assertPattern(rb.data.toByteArray(), 1);
        });
    }

    /** {@code writeEof} delivers EOF after the data; a write after it throws {@link IllegalStateException}; the other direction stays open (a transport that cannot half-close throws {@link UnsupportedOperationException}). */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void writeEofDeliversEofAfterTheDataAndKeepsTheOtherDirectionOpen(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            if (!a.canWriteEof()) {
                assertThrows(UnsupportedOperationException.class, a::writeEof);
                return;
            }
            rb.keepOpenOnEof = true;
            a.write(pattern(0, 1000));
            a.writeEof();
            a.writeEof();
            assertThrows(IllegalStateException.class, () -> a.write(new byte[] {1}), "a write after writeEof fails");
            eventually(() -> rb.count("eof") == 1);
            assertPattern(rb.data.toByteArray(), 1000);
            if (twoWay()) {
                assertFalse(a.isClosing(), "a half-closed end is still open");
                b.write(pattern(0, 10));
                eventually(() -> ra.received() == 10);
                b.close();
                eventually(() -> ra.lost() && rb.lost());
                assertNull(ra.lostError);
                assertNull(rb.lostError);
            }
        });
    }

    /** {@code close} sends the buffer, then EOF; closing again (or aborting) changes nothing; {@code connectionLost(null)} comes once per end. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void closeIsIdempotentAndConnectionLostComesOnceWithNull(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            assertFalse(a.isClosing());
            a.write(pattern(0, 100));
            a.close();
            assertTrue(a.isClosing(), "closing from close() on");
            assertFalse(a.isReading());
            a.close();
            eventually(() -> ra.lost() && rb.lost());
            a.close();
            a.abort();
            Asyncio.sleep(SETTLE);
            assertEquals(1, ra.lostCalls);
            assertNull(ra.lostError);
            assertEquals(1, rb.lostCalls);
            assertTrue(a.isClosing(), "still closing once lost");
            assertPattern(rb.data.toByteArray(), 100);
        });
    }

    /** A write after the connection was closed is dropped and throws nothing, as in asyncio. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void aWriteAfterCloseIsDroppedWithoutAnError(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            a.write(pattern(0, 10));
            a.close();
            eventually(ra::lost);
            a.write(new byte[] {1, 2, 3});
            eventually(rb::lost);
            assertPattern(rb.data.toByteArray(), 10);
            assertEquals(1, ra.lostCalls);
        });
    }

    /** {@code abort} drops what is buffered; this end gets {@code connectionLost(null)} once, the peer its one end. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void abortDropsBufferedDataAndEndsBothSidesOnce(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            b.pauseReading();
            // Far more than the end to end path can hold once the buffer shows anything: a transport
            // that writes from a thread (a pipe) still counts what that thread wrote but has not reported.
            long written = fillUntil(a, () -> a.getWriteBufferSize() > ABORTED_BUFFER);
            a.abort();
            assertTrue(a.isClosing());
            a.abort();
            a.close();
            eventually(ra::lost);
            assertEquals(0, a.getWriteBufferSize(), "nothing stays buffered once the connection is lost");
            assertNull(ra.lostError, "an abort is not an error of this end");
            b.resumeReading();
            eventually(rb::lost);
            assertTrue(rb.received() < written, "bytes buffered at the abort never arrived");
            Asyncio.sleep(SETTLE);
            assertEquals(1, ra.lostCalls);
            assertEquals(1, rb.lostCalls);
        });
    }

    /** While reading is paused nothing is delivered; resuming delivers what waited. Both calls are idempotent. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void pausedReadingDeliversNothingUntilResumed(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            assertTrue(b.isReading());
            b.pauseReading();
            b.pauseReading();
            assertFalse(b.isReading());
            a.write(pattern(0, 50));
            Asyncio.sleep(SETTLE);
            assertEquals(0, rb.received(), "nothing is delivered while reading is paused");
            b.resumeReading();
            b.resumeReading();
            assertTrue(b.isReading());
            eventually(() -> rb.received() == 50);
            a.close();
            eventually(rb::lost);
            assertPattern(rb.data.toByteArray(), 50);
        });
    }

    /** The protocol's {@code pauseWriting} comes once the buffer is above the high-water mark, {@code resumeWriting} once it is at or below the low one, and no byte is lost. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void theWriterIsPausedAboveTheHighMarkAndResumedAtTheLowOne(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            a.setWriteBufferLimits(HIGH, LOW);
            assertEquals(HIGH, a.getWriteBufferHighWater());
            assertEquals(LOW, a.getWriteBufferLowWater());
            b.pauseReading();
            long written = fillUntil(a, () -> ra.count("pause") > 0);
            assertTrue(ra.bufferAtPause > HIGH, "paused with " + ra.bufferAtPause + " bytes buffered");
            b.resumeReading();
            eventually(() -> ra.count("resume") > 0);
            assertTrue(ra.bufferAtResume <= LOW, "resumed with " + ra.bufferAtResume + " bytes buffered");
            assertEquals(java.util.List.of("made", "pause", "resume"), ra.events);
            a.close();
            eventually(rb::lost);
            assertPattern(rb.data.toByteArray(), written);
        });
    }

    /** Write-buffer limits are validated, and one mark sets the low one to a quarter of it. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void writeBufferLimitsAreChecked(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            assertThrows(IllegalArgumentException.class, () -> a.setWriteBufferLimits(10, 20));
            assertThrows(IllegalArgumentException.class, () -> a.setWriteBufferLimits(10, -1));
            a.setWriteBufferLimits(4000);
            assertEquals(4000, a.getWriteBufferHighWater());
            assertEquals(1000, a.getWriteBufferLowWater(), "low = high / 4, as asyncio");
            assertEquals(0, a.getWriteBufferSize());
        });
    }

    /** Unknown extra info is null (or the fallback); {@code loop()} and {@code getProtocol()} are reported; {@code setProtocol} sends later events to the new protocol. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void extraInfoLoopAndProtocolAreReported(LoopHarness h) {
        check(h, (a, b, ra, rb) -> {
            assertSame(EventLoop.getRunningLoop(), a.loop());
            assertSame(ra.protocol(), a.getProtocol());
            assertNull(a.getExtraInfo("no such key"));
            assertEquals("fallback", a.getExtraInfo("no such key", "fallback"));
            RecordingProtocol next = RecordingProtocol.plain();
            next.transport = b;
            b.setProtocol(next.protocol());
            assertSame(next.protocol(), b.getProtocol());
            a.write(pattern(0, 5));
            a.close();
            eventually(next::lost);
            assertPattern(next.data.toByteArray(), 5);
            assertEquals(0, rb.received(), "the old protocol hears nothing more");
            assertFalse(rb.lost());
        });
    }

    /** Both ends send 1 MiB at once, in random write sizes, and each receives the other's bytes in order. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    protected void bothDirectionsCarryDataAtOnce(LoopHarness h) {
        assumeTrue(twoWay(), "a one-way pair");
        Random r = new Random(20);
        int total = 1 << 20;
        check(h, (a, b, ra, rb) -> {
            for (long sent = 0; sent < total; ) {
                int n = (int) Math.min(total - sent, 1 + r.nextInt(16384));
                a.write(pattern(sent, n));
                b.write(pattern(sent, n));
                sent += n;
            }
            eventually(() -> ra.received() == total && rb.received() == total);
            assertPattern(ra.data.toByteArray(), total);
            assertPattern(rb.data.toByteArray(), total);
            a.close();
            eventually(() -> ra.lost() && rb.lost());
            assertNull(ra.lostError);
            assertNull(rb.lostError);
        });
    }

    /** Writes pattern chunks of 64 KiB until {@code done} holds; returns how many bytes it wrote. */
    private static long fillUntil(Transport a, java.util.function.BooleanSupplier done) {
        long written = 0;
        while (!done.getAsBoolean()) {
            if (written >= MAX_FILL) {
                fail("still not there after writing " + written + " bytes into a paused reader");
            }
            a.write(pattern(written, 65_536));
            written += 65_536;
            if (written % (1 << 20) == 0) {
                Asyncio.sleep(Duration.ZERO); // let a transport with a writer thread take its part
            }
        }
        return written;
    }

}
