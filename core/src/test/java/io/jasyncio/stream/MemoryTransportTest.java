package io.jasyncio.stream;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The in-memory test transport itself: delivery in chunks, marks, pausing, EOF, close, abort, reset. */
class MemoryTransportTest {
    static final class Log implements Protocol {
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
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            t[1].connect(b);
            t[0].setChunkSize(3).write(new byte[] {1, 2, 3, 4, 5, 6, 7});
            assertEquals(7, t[0].getWriteBufferSize());
            settle();
            assertEquals(List.of("data3", "data3", "data1"), b.events);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, b.data.toByteArray());
            assertEquals((byte) 0xEE, b.kept.get(0).get(0), "a kept lent buffer holds garbage");
            assertEquals(0, t[0].getWriteBufferSize());
            assertEquals(7, t[0].bytesWritten());
            t[0].abort();
            settle();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theWriterIsPausedAboveTheHighMarkAndResumedAtTheLowOne(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            t[1].connect(b);
            t[0].setWriteBufferLimits(10, 4);
            assertEquals(10, t[0].getWriteBufferHighWater());
            assertEquals(4, t[0].getWriteBufferLowWater());
            assertThrows(IllegalArgumentException.class, () -> t[0].setWriteBufferLimits(1, 2));
            t[1].pauseReading();
            assertFalse(t[1].isReading());
            t[0].setChunkSize(2).write(new byte[20]);
            settle();
            assertEquals(List.of("pause"), a.events, "the peer reads nothing while paused");
            t[1].resumeReading();
            settle();
            assertEquals(List.of("pause", "resume"), a.events);
            assertEquals(20, b.data.size());
            assertEquals(20, t[0].maxWriteBufferSize());
            t[0].close();
            settle();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void writeEofDeliversEofAfterTheDataAndThePeerClosesUnlessItKeepsOpen(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        b.keepOpen = true;
        h.run(() -> {
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            t[1].connect(b);
            assertTrue(t[0].canWriteEof());
            t[0].write(new byte[] {9});
            t[0].writeEof();
            assertThrows(IllegalStateException.class, () -> t[0].write(new byte[] {1}));
            settle();
            assertEquals(List.of("data1", "eof"), b.events);
            t[1].write(new byte[] {8}); // half-closed: the other direction still works
            settle();
            assertEquals(List.of("data1"), a.events);
            t[1].close();
            settle();
            assertEquals(List.of("data1", "eof", "lost"), b.events);
            assertTrue(t[1].isLost() && t[0].isLost(), "a got eof, returned false and closed too");
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void closeFlushesThenTheirEndSeesEofAndBothLoseTheConnection(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        h.run(() -> {
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            t[1].connect(b);
            t[0].write(new byte[5]);
            t[0].close();
            assertTrue(t[0].isClosing());
            assertFalse(t[0].isReading());
            settle();
            assertEquals(List.of("data5", "eof", "lost"), b.events);
            assertEquals(List.of("lost"), a.events);
            assertNull(a.lostError);
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void abortDropsTheBufferAndResetLosesBothEndsWithAnError(LoopHarness h) {
        Log a = new Log();
        Log b = new Log();
        Log c = new Log();
        Log d = new Log();
        h.run(() -> {
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            t[1].connect(b);
            t[0].write(new byte[5]);
            t[0].abort();
            settle();
            assertEquals(List.of("eof", "lost"), b.events);
            assertEquals(List.of("lost"), a.events);

            MemoryTransport[] u = MemoryTransport.pair(h.loop());
            u[0].connect(c);
            u[1].connect(d);
            u[0].reset();
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
            MemoryTransport[] t = MemoryTransport.pair(h.loop());
            t[0].connect(a);
            assertSame(a, t[0].getProtocol());
            t[0].setProtocol(b);
            assertSame(b, t[0].getProtocol());
            assertEquals(new java.net.InetSocketAddress("127.0.0.1", 2222), t[0].getExtraInfo(BaseTransport.PEERNAME));
            assertNull(t[0].getExtraInfo(BaseTransport.SOCKET));
            assertSame(h.loop(), t[0].loop());
            assertThrows(IllegalArgumentException.class, () -> t[0].setChunkSize(0));
            t[1].connect(new Log());
            t[0].abort();
            settle();
        });
    }
}
