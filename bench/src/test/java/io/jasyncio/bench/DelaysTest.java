package io.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DelaysTest {
    @Test
    void drawsTheSameDelaysAsThePythonPeer() {
        // bench/python/sleeps.py: uniform_nanos(5, 1_000_000_000)
        assertArrayEquals(new long[] {598828469, 110328437, 651854954, 337865940, 282820853},
                Delays.uniformNanos(5, 1_000_000_000L));
    }

    @Test
    void delaysStayWithinTheSpanAndMaxFindsTheLargest() {
        long[] d = Delays.uniformNanos(10_000, 1_000);
        for (long x : d) {
            assertTrue(x >= 0 && x < 1_000, "delay " + x);
        }
        assertEquals(java.util.Arrays.stream(d).max().orElseThrow(), Delays.max(d));
        assertEquals(0, Delays.max(new long[0]));
    }
}
