package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The loop clocks: {@link LoopClock#system()} and {@link VirtualClock}. */
class LoopClockTest {

    @Test
    void systemClockIsMonotonicAndCannotBeMoved() {
        LoopClock clock = LoopClock.system();
        long a = clock.nanoTime();
        long b = clock.nanoTime();
        assertTrue(b - a >= 0);
        assertFalse(clock.jumps());
        assertThrows(UnsupportedOperationException.class, () -> clock.advance(1));
    }

    @Test
    void virtualClockStartsAtZeroAndMovesOnlyWhenAdvanced() {
        VirtualClock clock = new VirtualClock();
        assertTrue(clock.jumps());
        assertEquals(0, clock.nanoTime());
        clock.advance(0);
        assertEquals(0, clock.nanoTime());
        clock.advance(1_500);
        clock.advance(500);
        assertEquals(2_000, clock.nanoTime());
    }

    @Test
    void virtualClockRefusesToGoBack() {
        VirtualClock clock = new VirtualClock();
        clock.advance(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertEquals(10, clock.nanoTime());
    }
}
