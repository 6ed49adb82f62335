package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The native send queue of the io_uring socket transport: one region in flight, what was written since behind it. */
class UringSocketSendQueueTest {
    private static byte[] inFlight(UringSocketSendQueue q) {
        return MemorySegment.ofAddress(q.address()).reinterpret(q.length()).toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void writesDuringASendCollectBehindItAndLeaveTogether() {
        UringSocketSendQueue q = new UringSocketSendQueue();
        q.add(ByteBuffer.wrap("abc".getBytes()));
        q.take();
        assertTrue(q.inFlight());
        assertEquals("abc", new String(inFlight(q)));
        q.add(ByteBuffer.wrap("de".getBytes()));
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put("fg".getBytes()).flip();
        q.add(direct);
        assertFalse(direct.hasRemaining(), "add consumes its argument");
        assertEquals(7, q.size(), "in flight and waiting both count");
        assertThrows(IllegalStateException.class, q::take);
        assertTrue(q.sent(3));
        assertFalse(q.inFlight());
        assertTrue(q.hasNext());
        q.take();
        assertEquals("defg", new String(inFlight(q)));
        q.free();
    }

    @Test
    void aPartialSendContinuesFromWhereItStopped() {
        UringSocketSendQueue q = new UringSocketSendQueue();
        q.add(ByteBuffer.wrap("0123456789".getBytes()));
        q.take();
        assertFalse(q.sent(4));
        assertEquals(6, q.length());
        assertEquals("456789", new String(inFlight(q)));
        assertTrue(q.sent(6));
        assertEquals(0, q.size());
        q.free();
    }

    @Test
    void theWaitingBufferGrowsAndKeepsItsBytesAndDropNextSparesTheSendInFlight() {
        UringSocketSendQueue q = new UringSocketSendQueue();
        q.add(ByteBuffer.wrap("first".getBytes()));
        q.take();
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 % 251);
        }
        q.add(ByteBuffer.wrap(big, 0, 100));
        q.add(ByteBuffer.wrap(big, 100, big.length - 100));
        assertEquals(5 + big.length, q.size());
        q.dropNext();
        assertEquals(5, q.size(), "only the send in flight is left");
        assertEquals("first", new String(inFlight(q)));
        q.add(ByteBuffer.wrap(big));
        assertTrue(q.sent(5));
        q.take();
        assertArrayEquals(big, inFlight(q));
        q.free();
    }
}
