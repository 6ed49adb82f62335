package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CountAsync}: three counts interleave and their sleeps overlap: one second, not three, on virtual time. */
class CountAsyncTest {
    @Test
    void printsThreeOnesThenThreeTwosInOneSecond() throws Exception {
        Console.Output run = Console.runVirtual(CountAsync::main);
        assertEquals(List.of("One", "One", "One", "Two", "Two", "Two",
                "countasync executed in 1.00 seconds."), run.lines());
    }

    @Test
    void onTheSelectorLoopTheSleepsTakeAtLeastTheirSecond() throws Exception {
        Console.Output run = Console.run(CountAsync::main);
        assertLinesMatch(List.of("One", "One", "One", "Two", "Two", "Two",
                "countasync executed in \\d+\\.\\d\\d seconds\\."), run.lines());
        // Timers never fire early; only a lower bound holds on a loaded machine.
        assertTrue(Console.secondsIn(run.lines().getLast()) >= 1.0, run.lines().getLast());
    }
}
