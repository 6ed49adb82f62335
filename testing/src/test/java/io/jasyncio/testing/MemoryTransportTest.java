package io.jasyncio.testing;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.stream.BaseTransport;
import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.stream.Protocol;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The in-memory transport pair itself: delivery in chunks, marks, pausing, EOF, close, abort, reset, failures. */
class MemoryTransportTest {
    static class Log implements Protocol {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<ByteBuffer> kept = new ArrayList<>();
        Throwable lostError;
        boolean keepOpen;

        @Override
        public void dataReceived(ByteBuffer b) {
            events.add("data" + b.remaining());
            kept.add(b);
            byte[] x = new byte[b.remaining()];
            b.duplicate().get(x);
            data.writeBytes(x);
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return keepOpen;
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lostError = exc;
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }
    }

    static void settle() {
        sleep(Duration.ofMillis(10));
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writesArriveInChunksOfTheConfiguredSizeAndTheLentBufferIsScribbledAfterwards(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            t.b().connect(b);
            t.a().setChunkSize(3).write(new byte[] {1, 2, 3, 4, 5, 6, 7});
            assertEquals(7, t.a().getWriteBufferSize());
            settle();
            assertEquals(List.of("data3", "data3", "data1"), b.events);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, b.data.toByteArray());
            assertEquals((byte) 0xEE, b.kept.get(0).get(0), "a kept lent buffer holds garbage");
            assertEquals(0, t.a().getWriteBufferSize());
            assertEquals(7, t.a().statistics().bytesWritten());
            t.a().abort();
            settle();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theWriterIsPausedAboveTheHighMarkAndResumedAtTheLowOne(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            t.b().connect(b);
            t.a().setWriteBufferLimits(10, 4);
            assertEquals(10, t.a().getWriteBufferHighWater());
            assertEquals(4, t.a().getWriteBufferLowWater());
            assertThrows(IllegalArgumentException.class, () -> t.a().setWriteBufferLimits(1, 2));
            t.b().pauseReading();
            assertFalse(t.b().isReading());
            t.a().setChunkSize(2).write(new byte[20]);
            settle();
            assertEquals(List.of("pause"), a.events, "the peer reads nothing while paused");
            t.b().resumeReading();
            settle();
            assertEquals(List.of("pause", "resume"), a.events);
            assertEquals(20, b.data.size());
            assertEquals(20, t.a().statistics().maxWriteBufferSize());
            t.a().close();
            settle();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeEofDeliversEofAfterTheDataAndThePeerClosesUnlessItKeepsOpen(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        b.keepOpen = true;
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            t.b().connect(b);
            assertTrue(t.a().canWriteEof());
            t.a().write(new byte[] {9});
            t.a().writeEof();
            assertThrows(IllegalStateException.class, () -> t.a().write(new byte[] {1}));
            settle();
            assertEquals(List.of("data1", "eof"), b.events);
            t.b().write(new byte[] {8}); // half-closed: the other direction still works
            settle();
            assertEquals(List.of("data1"), a.events);
            t.b().close();
            settle();
            assertEquals(List.of("data1", "eof", "lost"), b.events);
            assertTrue(t.b().isLost() && t.a().isLost(), "a got eof, returned false and closed too");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeFlushesThenTheirEndSeesEofAndBothLoseTheConnection(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            t.b().connect(b);
            t.a().write(new byte[5]);
            t.a().close();
            assertTrue(t.a().isClosing());
            assertFalse(t.a().isReading());
            settle();
            assertEquals(List.of("data5", "eof", "lost"), b.events);
            assertEquals(List.of("lost"), a.events);
            assertNull(a.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void abortDropsTheBufferAndResetsThePeerAndResetLosesBothEndsWithAnError(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        Log c = new Log();
        Log d = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            t.b().connect(b);
            t.a().write(new byte[5]);
            t.b().write(new byte[3]); // never read by a
            t.a().abort();
            settle();
            assertEquals(List.of("lost"), b.events, "unread bytes make an abort a reset, never an orderly end");
            assertInstanceOf(SocketException.class, b.lostError);
            assertEquals(List.of("lost"), a.events);
            assertNull(a.lostError);
            assertEquals(0, t.a().getWriteBufferSize());

            MemoryTransport.Pair u = MemoryTransport.pair(h.loop());
            u.a().connect(c);
            u.b().connect(d);
            u.a().reset();
            settle();
            assertInstanceOf(SocketException.class, c.lostError);
            assertInstanceOf(SocketException.class, d.lostError);
            assertEquals(List.of("lost"), d.events);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void protocolsExtraInfoAndLoopAreReported(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop());
            t.a().connect(a);
            assertSame(a, t.a().getProtocol());
            t.a().setProtocol(b);
            assertSame(b, t.a().getProtocol());
            assertEquals(new java.net.InetSocketAddress("127.0.0.1", 2222), t.a().getExtraInfo(BaseTransport.PEERNAME));
            assertNull(t.a().getExtraInfo(BaseTransport.SOCKET));
            assertSame(h.loop(), t.a().loop());
            assertThrows(IllegalArgumentException.class, () -> t.a().setChunkSize(0));
            t.b().connect(new Log());
            t.a().abort();
            settle();
        });
    }

    @LoopTest
    void aBufferedProtocolIsLentItsOwnBuffers(LoopHarness h) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer small = ByteBuffer.allocate(2);
        int[] updates = {0};
        BufferedProtocol reader = new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return small.clear();
            }

            @Override
            public void bufferUpdated(int n) {
                updates[0]++;
                got.write(small.array(), 0, n);
            }
        };
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), new Log(), reader);
            t.a().write(new byte[] {1, 2, 3, 4, 5});
            settle();
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, got.toByteArray());
            assertEquals(3, updates[0], "2 + 2 + 1 bytes");
            t.a().abort();
            settle();
        });
    }

    @LoopTest
    void eofWaitsWhileThePeerPausedReading(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        b.keepOpen = true;
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.b().pauseReading();
            t.a().write(new byte[] {1});
            t.a().writeEof();
            settle();
            assertEquals(List.of(), b.events);
            t.b().resumeReading();
            settle();
            assertEquals(List.of("data1", "eof"), b.events);
            assertEquals(1, t.b().statistics().pauseReadingCalls());
            assertEquals(1, t.b().statistics().resumeReadingCalls());
            t.b().close();
            settle();
            assertTrue(t.a().isLost() && t.b().isLost());
        });
    }

    @LoopTest
    void bytesSentToAClosedPeerResetTheSender(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        b.keepOpen = true;
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.b().close();
            t.a().write(new byte[] {1, 2});
            settle();
            assertEquals(List.of("lost"), b.events);
            assertNull(b.lostError);
            assertInstanceOf(SocketException.class, a.lostError);
            assertSame(a.lostError, t.a().lostWith());
        });
    }

    @LoopTest
    void connectionLostComesOnceFromACallbackWhateverIsCalled(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.a().close();
            t.a().abort();
            t.a().fail(new SocketException("late"));
            t.a().close();
            assertEquals(List.of(), a.events, "never inside the call");
            settle();
            assertEquals(List.of("lost"), a.events);
            t.a().abort();
            t.a().write(new byte[] {1});
            settle();
            assertEquals(List.of("lost"), a.events);
            assertEquals(0, t.a().getWriteBufferSize(), "a write after the end is dropped");
        });
    }

    @LoopTest
    void failLosesThisEndOnlyWithTheError(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        SocketException broken = new SocketException("Broken pipe");
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.a().write(new byte[3]);
            t.a().fail(broken);
            settle();
            assertSame(broken, a.lostError);
            assertEquals(List.of(), b.events, "the peer hears nothing of a local error");
            t.b().abort();
            settle();
        });
    }

    @LoopTest
    void loweringTheMarksBelowTheBufferPausesTheWriterAtOnce(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.b().pauseReading();
            t.a().write(new byte[8]);
            assertEquals(List.of(), a.events);
            t.a().setWriteBufferLimits(4, 0);
            assertEquals(List.of("pause"), a.events);
            assertEquals(1, t.a().statistics().pauseWritingCalls());
            t.b().resumeReading();
            settle();
            assertEquals(List.of("pause", "resume"), a.events);
            assertEquals(1, t.a().statistics().resumeWritingCalls());
            t.a().abort();
            settle();
        });
    }

    @LoopTest
    void aProtocolThatThrowsIsReportedAndAbortsItsEnd(LoopHarness h) {
        IllegalStateException boom = new IllegalStateException("boom");
        Log a = new Log();
        Log b = new Log() {
            @Override
            public void dataReceived(ByteBuffer data) {
                throw boom;
            }
        };
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.a().write(new byte[] {1});
            settle();
            assertSame(boom, b.lostError);
            assertTrue(t.b().isLost());
        });
        var reports = h.takeUnhandled();
        assertEquals(1, reports.size());
        assertSame(boom, reports.get(0).exception());
        assertEquals("Fatal error: protocol.dataReceived() call failed.", reports.get(0).message());
    }

    @LoopTest
    void aSinkSwallowsWhatItIsSent(LoopHarness h) {
        Log a = new Log();
        h.run(() -> {
            MemoryTransport t = MemoryTransport.sink(h.loop(), a);
            t.write(new byte[100]);
            t.writeEof();
            settle();
            assertEquals(0, t.getWriteBufferSize());
            assertFalse(t.peer().isClosing(), "the sink keeps its end open after EOF");
            assertSame(t, t.peer().peer());
            t.putExtra("answer", 42);
            assertEquals(42, t.getExtraInfo("answer"));
            assertTrue(t.toString().startsWith("MemoryTransport[a"), t.toString());
            t.abort();
            settle();
        });
    }

    @LoopTest
    void anAbortWithNothingUnreadReachesThePeerAsEof(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        b.keepOpen = true;
        h.run(() -> {
            MemoryTransport.Pair t = MemoryTransport.pair(h.loop(), a, b);
            t.a().write(new byte[5]);
            t.a().abort();
            settle();
            assertEquals(List.of("eof"), b.events, "the aborted buffer never left");
            t.b().write(new byte[] {1}); // to an end that is gone
            settle();
            assertEquals(List.of("eof", "lost"), b.events);
            assertInstanceOf(SocketException.class, b.lostError);
        });
    }
}
