package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.StreamTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamReader} over a (fake) transport: pausing and resuming its reading at the
 * thresholds, the one-waiter rule, and cancellation of each waiting read losing no data, also
 * under seeded schedules.
 */
class StreamReaderFlowTest {
    private static final int LIMIT = 10;

    @LoopTest(loops = LoopKind.VIRTUAL)
    void bufferingMoreThanTwiceTheLimitPausesTheTransport(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1, 1, LIMIT);
            c.b().writer().write(new byte[25]);
            sleep(Duration.ofSeconds(1));
            assertEquals(2 * LIMIT + 1, c.a().reader().buffered(), "paused right after passing 2 * limit");
            assertFalse(c.ta().isReading());
            assertEquals(1, c.ta().statistics().pauseReadingCalls());
            assertEquals(4, c.tb().getWriteBufferSize(), "the rest waits in the sender's buffer");
            c.a().writer().close();
            c.b().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readingDownToTheLimitResumesTheTransport(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), Integer.MAX_VALUE, 1, LIMIT);
            StreamReader r = c.a().reader();
            c.b().writer().write(new byte[25]);
            sleep(Duration.ofSeconds(1));
            assertEquals(21, r.buffered());
            r.readExactly(10);
            assertEquals(11, r.buffered());
            assertFalse(c.ta().isReading(), "11 bytes is still above the limit");
            r.readExactly(1);
            assertTrue(c.ta().isReading(), "at the limit the transport resumes");
            assertEquals(1, c.ta().statistics().resumeReadingCalls());
            sleep(Duration.ofSeconds(1));
            assertEquals(14, r.buffered(), "the held-back bytes arrived");
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aReadThatMustWaitResumesAPausedTransport(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1, 1, LIMIT);
            c.b().writer().write(new byte[50]);
            sleep(Duration.ofSeconds(1));
            assertFalse(c.ta().isReading());
            byte[] got = c.a().reader().readExactly(50);
            assertEquals(50, got.length, "readExactly beyond 2 * limit would deadlock without the resume");
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void readMinusOneOfMuchMoreThanTheLimitNeverBuffersMoreThanTwiceTheLimitPlusAChunk(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 3, 3, LIMIT);
            StreamReader r = c.a().reader();
            int[] maxBuffered = {0};
            Task<Void> watcher = createTask(() -> {
                while (!r.atEof()) {
                    maxBuffered[0] = Math.max(maxBuffered[0], r.buffered());
                    sleep(Duration.ZERO);
                }
            });
            byte[] data = new byte[1000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            c.b().writer().write(data);
            c.b().writer().writeEof();
            assertArrayEquals(data, r.read());
            watcher.await();
            assertTrue(maxBuffered[0] <= 2 * LIMIT + 3, "buffered " + maxBuffered[0]);
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aTransportThatCannotPauseIsNotAskedAgain(LoopHarness h) {
        int[] calls = {0};
        MemoryTransport t = MemoryTransport.sink(h.loop(), new StreamReaderProtocol(new StreamReader(1)) {
            @Override
            public void connectionMade(Transport transport) {
                super.connectionMade(new ForwardingTransport(transport) {
                    @Override
                    public void pauseReading() {
                        calls[0]++;
                        throw new UnsupportedOperationException();
                    }
                });
            }
        });
        StreamReader r = ((StreamReaderProtocol) t.getProtocol()).reader();
        r.feedData(new byte[5]);
        r.feedData(new byte[5]);
        assertEquals(1, calls[0]);
        assertEquals(10, r.buffered());
        t.abort();
        h.drain(10);
    }

    @Test
    void settingASecondTransportThrows() {
        StreamReader r = new StreamReader();
        Transport t = new ForwardingTransport(null);
        r.setTransport(t);
        assertThrows(IllegalStateException.class, () -> r.setTransport(t));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aSecondReadThatWouldWaitWhileOneWaitsIsRefused(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            Task<byte[]> first = createTask(() -> r.read(5));
            sleep(Duration.ZERO);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.readLine());
            assertEquals("readUntil() called while another task is already waiting for incoming data", e.getMessage());
            assertThrows(IllegalStateException.class, () -> r.read(1));
            assertThrows(IllegalStateException.class, () -> r.readExactly(1));
            assertThrows(IllegalStateException.class, () -> r.readUntil(b("x")));
            r.feedData(b("abc"));
            assertEquals("abc", s(first.await()));
        });
    }

    /** Each kind of waiting read, as a function of the reader. */
    private static final List<Function<StreamReader, Callable<byte[]>>> READS = List.of(
            r -> () -> r.read(100),
            r -> r::readLine,
            r -> () -> r.readExactly(10),
            r -> () -> r.readUntil(b("\n")));

    @LoopTest(loops = LoopKind.VIRTUAL)
    void cancellingAWaitingReadOfEachKindLosesNoData(LoopHarness h) {
        h.runBounded(() -> {
            for (var read : READS) {
                for (boolean waitsAgain : new boolean[] {false, true}) {
                    StreamReader r = new StreamReader();
                    Task<byte[]> t = createTask(read.apply(r));
                    sleep(Duration.ZERO);
                    r.feedData(b("ab"));
                    if (waitsAgain) {
                        // The read ran, found its data incomplete (all but read(100)) and waits again.
                        sleep(Duration.ZERO);
                        if (t.isDone()) {
                            assertEquals("ab", s(t.await()));
                            continue;
                        }
                    }
                    t.cancel();
                    r.feedData(b("cd"));
                    assertThrows(CancelledError.class, t::await);
                    r.feedEof();
                    assertEquals("abcd", s(r.read()), "waitsAgain " + waitsAgain);
                }
            }
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aCancelledReadFreesTheWaitingSlot(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            Task<byte[]> t = createTask(r::readLine);
            sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancelledError.class, t::await);
            getRunningLoop().callSoon(() -> r.feedData(b("x\n")));
            assertEquals("x\n", s(r.readLine()));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aReadCancelledByATimeoutLosesNothingAndTheNextReadGetsIt(LoopHarness h) {
        StreamReader r = new StreamReader();
        h.runBounded(() -> {
            feedSoon(getRunningLoop(), r, b("partial"), 1, false);
            assertThrows(AsyncTimeoutException.class, () -> timeout(Duration.ofSeconds(1), () -> r.readExactly(10)));
            r.feedData(b("!!!"));
            assertEquals("partial!!!", s(r.readExactly(10)));
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 50)
    void readsInterruptedByTimeoutsAtRandomPointsLoseNoBytes(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1, 1, 8);
            StringBuilder sent = new StringBuilder();
            Task<Void> producer = createTask(() -> {
                for (int i = 0; i < 40; i++) {
                    String line = "line" + i + "\n";
                    sent.append(line);
                    c.b().writer().write(b(line));
                    c.b().writer().drain();
                    sleep(Duration.ofMillis(i % 3));
                }
                c.b().writer().writeEof();
            });
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int timeouts = 0;
            StreamReader r = c.a().reader();
            while (true) {
                try {
                    byte[] line = timeout(Duration.ofNanos(700_000), r::readLine);
                    if (line.length == 0) {
                        break;
                    }
                    got.write(line);
                } catch (AsyncTimeoutException e) {
                    timeouts++;
                }
            }
            producer.await();
            assertEquals(sent.toString(), got.toString());
            assertTrue(timeouts > 0, "the test must interrupt some reads");
            c.a().writer().close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL, seeds = 50)
    void concurrentWritersAndAReaderSeeEveryByteInOrderUnderAnySchedule(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), 1, 1, 16);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                expected.append("msg").append(i).append(';');
            }
            Task<String> reader = createTask(() -> {
                StringBuilder got = new StringBuilder();
                for (int i = 0; i < 30; i++) {
                    got.append(s(c.a().reader().readUntil(b(";"))));
                }
                return got.toString();
            });
            for (int i = 0; i < 30; i++) {
                c.b().writer().write(b("msg" + i + ";"));
                if (i % 5 == 0) {
                    c.b().writer().drain();
                    sleep(Duration.ZERO);
                }
            }
            assertEquals(expected.toString(), reader.await());
            c.a().writer().close();
            c.b().writer().close();
            c.b().writer().waitClosed();
        });
    }

    /** Regression (review of 2026-12-02): 2 * limit overflowed for limits above 2^30. */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void aLimitOfIntegerMaxValueDoesNotPauseTheTransportAfterEveryChunk(LoopHarness h) {
        h.runBounded(() -> {
            var c = connect(getRunningLoop(), Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
            c.b().writer().write(new byte[10]);
            sleep(Duration.ofSeconds(1));
            assertEquals(10, c.a().reader().buffered());
            assertTrue(c.ta().isReading(), "10 bytes are far below twice the limit");
            c.a().writer().close();
            c.b().writer().close();
        });
    }
}
