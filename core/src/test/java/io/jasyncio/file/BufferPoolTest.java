package io.jasyncio.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void acquireGivesADirectBufferWithTheRequestedBytesClampedToOneAndMax() {
        BufferPool pool = BufferPool.shared();
        ByteBuffer b = pool.acquire(5000);
        assertTrue(b.isDirect());
        assertEquals(0, b.position());
        assertEquals(5000, b.remaining());
        assertEquals(1, pool.acquire(0).remaining());
        assertEquals(BufferPool.MAX, pool.acquire(Integer.MAX_VALUE).remaining());
    }

    @Test
    void aReleasedBufferIsHandedOutAgainClearedToTheNewSize() {
        BufferPool pool = BufferPool.shared();
        ByteBuffer first = pool.acquire(3 << 16);
        first.position(7);
        pool.release(first);
        ByteBuffer again = pool.acquire((3 << 16) - 1);
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals((3 << 16) - 1, again.remaining());
    }

    @Test
    void aBufferThePoolDidNotMakeIsNotKept() {
        BufferPool pool = BufferPool.shared();
        ByteBuffer foreign = ByteBuffer.allocateDirect(3000);
        pool.release(foreign);
        assertNotSame(foreign, pool.acquire(3000));
    }
}
