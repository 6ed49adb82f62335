package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ByteQueue}, the reader's buffer: order through growth and compaction, search, release. */
class ByteQueueTest {
    @Test
    void bytesComeOutInOrderThroughGrowthAndCompaction() {
        ByteQueue q = new ByteQueue(1 << 20);
        Random rnd = new Random(42);
        long written = 0;
        long read = 0;
        for (int round = 0; round < 2000; round++) {
            int n = rnd.nextInt(700);
            byte[] in = new byte[n];
            for (int i = 0; i < n; i++) {
                in[i] = (byte) (written + i);
            }
            if (rnd.nextBoolean()) {
                q.append(ByteBuffer.wrap(in));
            } else {
                q.append(in, 0, n);
            }
            written += n;
            int take = rnd.nextInt(q.size() + 1);
            byte[] out = q.take(take);
            for (byte x : out) {
                assertEquals((byte) read++, x);
            }
            assertEquals(written - read, q.size());
        }
    }

    @Test
    void indexOfFindsSeparatorsFromAnOffset() {
        ByteQueue q = new ByteQueue(1024);
        q.append("xxab-ab-aab".getBytes(), 0, 11);
        q.discard(2);
        assertEquals(0, q.indexOf("ab".getBytes(), 0));
        assertEquals(3, q.indexOf("ab".getBytes(), 1));
        assertEquals(7, q.indexOf("ab".getBytes(), 4));
        assertEquals(6, q.indexOf("aab".getBytes(), 0));
        assertEquals(-1, q.indexOf("abc".getBytes(), 0));
        assertEquals(-1, q.indexOf("b".getBytes(), 9));
        assertTrue(q.startsWith("-a".getBytes(), 2));
        assertFalse(q.startsWith("ab".getBytes(), 8));
        assertFalse(q.startsWith("ab".getBytes(), -1));
    }

    @Test
    void anEmptiedQueueStartsOverAndDropsAnOversizedArray() {
        ByteQueue q = new ByteQueue(1000);
        q.append(new byte[5000], 0, 5000);
        q.clear();
        assertEquals(0, q.size());
        q.append(new byte[] {7}, 0, 1);
        assertArrayEquals(new byte[] {7}, q.take(1));
        assertEquals(0, q.take(0).length);
    }
}
