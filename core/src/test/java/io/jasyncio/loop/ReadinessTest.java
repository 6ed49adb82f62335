package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers and writers on the loop ({@link EventLoop#addReader} and friends), as CPython's
 * test_selector_events checks add_reader/remove_reader: one callback per direction per channel,
 * replacing and removing, I/O callbacks running in the iteration whose poll found them, and a
 * closed channel leaving nothing registered. Pipes stand in for sockets.
 */
class ReadinessTest {
    /** Iterations a test lets run before it calls the loop stuck. */
    private static final int MAX_ITERATIONS = 1_000;

    private static Pipe pipe() throws IOException {
        Pipe p = Pipe.open();
        p.source().configureBlocking(false);
        p.sink().configureBlocking(false);
        return p;
    }

    private static void close(Pipe p) throws IOException {
        p.source().close();
        p.sink().close();
    }

    private static void put(Pipe p, String s) throws IOException {
        p.sink().write(ByteBuffer.wrap(s.getBytes()));
    }

    /** Runs the loop one iteration at a time until {@code done} holds, at most MAX_ITERATIONS. */
    private static void runUntil(LoopHarness h, java.util.function.BooleanSupplier done) {
        for (int i = 0; i < MAX_ITERATIONS && !done.getAsBoolean(); i++) {
            h.loop().callSoon(h.loop()::stop);
            h.loop().runForever();
        }
        assertTrue(done.getAsBoolean(), "the loop did not get there in " + MAX_ITERATIONS + " iterations");
    }

    @LoopTest(checkFds = true)
    void readerRunsWhenTheChannelHasDataUntilRemoved(LoopHarness h) throws IOException {
        Pipe p = pipe();
        List<String> got = new ArrayList<>();
        h.loop().addReader(p.source(), () -> {
            ByteBuffer b = ByteBuffer.allocate(16);
            try {
                p.source().read(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            got.add(new String(b.array(), 0, b.position()));
        });
        put(p, "hi");
        runUntil(h, () -> !got.isEmpty());
        assertEquals(List.of("hi"), got);
        assertTrue(h.loop().removeReader(p.source()));
        assertFalse(h.loop().removeReader(p.source()));
        close(p);
    }

    @LoopTest(checkFds = true)
    void writerRunsWhenTheChannelIsWritable(LoopHarness h) throws IOException {
        Pipe p = pipe();
        int[] calls = {0};
        h.loop().addWriter(p.sink(), () -> {
            calls[0]++;
            h.loop().removeWriter(p.sink());
        });
        runUntil(h, () -> calls[0] > 0);
        assertEquals(1, calls[0]);
        assertFalse(h.loop().removeWriter(p.sink()));
        close(p);
    }

    @LoopTest(checkFds = true)
    void addingAReaderReplacesThePreviousOne(LoopHarness h) throws IOException {
        Pipe p = pipe();
        List<String> calls = new ArrayList<>();
        h.loop().addReader(p.source(), () -> calls.add("first"));
        h.loop().addReader(p.source(), () -> {
            calls.add("second");
            h.loop().removeReader(p.source());
        });
        put(p, "x");
        runUntil(h, () -> !calls.isEmpty());
        assertEquals(List.of("second"), calls);
        close(p);
    }

    @LoopTest(checkFds = true)
    void removingAReaderSkipsItsCallAlreadyQueuedInThisIteration(LoopHarness h) throws IOException {
        Pipe a = pipe();
        Pipe b = pipe();
        List<String> calls = new ArrayList<>();
        // Whichever runs first removes the other: both were found ready by the same poll.
        h.loop().addReader(a.source(), () -> {
            calls.add("a");
            h.loop().removeReader(a.source());
            h.loop().removeReader(b.source());
        });
        h.loop().addReader(b.source(), () -> {
            calls.add("b");
            h.loop().removeReader(a.source());
            h.loop().removeReader(b.source());
        });
        put(a, "x");
        put(b, "y");
        runUntil(h, () -> !calls.isEmpty());
        h.drain(10);
        assertEquals(1, calls.size(), calls.toString());
        close(a);
        close(b);
    }

    @LoopTest(checkFds = true)
    void ioCallbacksRunInTheIterationOfThePollAfterCallbacksAlreadyReady(LoopHarness h) throws IOException {
        Pipe p = pipe();
        put(p, "x");
        List<String> order = new ArrayList<>();
        h.loop().callSoon(() -> {
            h.loop().addReader(p.source(), () -> {
                order.add("reader");
                h.loop().removeReader(p.source());
            });
            h.loop().callSoon(() -> {
                order.add("soon");
                h.loop().callSoon(() -> order.add("next"));
            });
        });
        runUntil(h, () -> order.size() == 3);
        assertEquals(List.of("soon", "reader", "next"), order);
        close(p);
    }

    @LoopTest(checkFds = true)
    void closingAWatchedChannelLeavesNothingRegistered(LoopHarness h) throws IOException {
        Pipe p = pipe();
        EventLoop loop = h.loop();
        loop.addReader(p.source(), () -> { });
        loop.addWriter(p.sink(), () -> { });
        assertEquals(2, loop.statistics().ioRegistrations());
        close(p);
        assertEquals(0, loop.statistics().ioRegistrations());
        // Removing after the close is harmless and still reports what was registered.
        assertTrue(loop.removeReader(p.source()));
        h.drain(5);
    }

    @LoopTest(checkFds = true)
    void aClosedOrBlockingChannelCannotBeWatched(LoopHarness h) throws IOException {
        Pipe p = Pipe.open();
        assertThrows(IllegalBlockingModeException.class, () -> h.loop().addReader(p.source(), () -> { }));
        close(p);
        assertThrows(UncheckedIOException.class, () -> h.loop().addReader(p.source(), () -> { }));
        Pipe q = pipe();
        assertThrows(IllegalArgumentException.class, () -> h.loop().addReader(q.sink(), () -> { }));
        assertThrows(IllegalArgumentException.class, () -> h.loop().addWriter(q.source(), () -> { }));
        close(q);
    }

    /** Regression: a virtual-time loop with a socket open never fired its timers. */
    @LoopTest(loops = LoopKind.VIRTUAL, checkFds = true)
    void virtualTimeStillPassesWhileAReaderWaits(LoopHarness h) throws IOException {
        Pipe p = pipe();
        h.loop().addReader(p.source(), () -> { });
        long start = h.loop().time();
        h.run(() -> {
            io.jasyncio.Asyncio.sleep(java.time.Duration.ofMillis(30));
            return null;
        });
        assertEquals(java.time.Duration.ofMillis(30).toNanos(), h.loop().time() - start,
                "the poll waited for real, so the virtual clock moves to the timer");
        h.loop().removeReader(p.source());
        close(p);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aReadyReaderAllocatesNothingPerEvent(LoopHarness h) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Pipe p = pipe();
        put(p, "never read: the reader is ready every iteration");
        int warmup = 20_000;
        int measured = 20_000;
        long[] at = new long[2];
        int[] calls = {0};
        long tid = Thread.currentThread().threadId();
        h.loop().addReader(p.source(), () -> {
            calls[0]++;
            if (calls[0] == warmup) {
                at[0] = threads.getThreadAllocatedBytes(tid);
            } else if (calls[0] == warmup + measured) {
                at[1] = threads.getThreadAllocatedBytes(tid);
                h.loop().removeReader(p.source());
                h.loop().stop();
            }
        });
        h.loop().runForever();
        long perEvent = (at[1] - at[0]) / measured;
        // A per-event object would cost at least 16 bytes each time; allow a few stray allocations.
        assertTrue(perEvent < 4, "bytes allocated per ready event: " + perEvent);
        close(p);
    }
}
