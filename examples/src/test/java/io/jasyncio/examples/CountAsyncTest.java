package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CountAsync}: three counts interleave and their sleeps overlap. */
class CountAsyncTest {
    /** Each count sleeps 1 s; timers never fire early, the figure is rounded when printed. */
    private static final double AT_LEAST = 0.95;
    /** Well above 1 s for a loaded machine, well below the 3 s of counting one after another. */
    private static final double LESS_THAN = 2.5;

    @Test
    void printsThreeOnesThenThreeTwosInAboutOneSecond() throws Exception {
        Console.Output run = Console.run(CountAsync::main);
        assertLinesMatch(List.of("One", "One", "One", "Two", "Two", "Two",
                "countasync executed in \\d+\\.\\d\\d seconds\\."), run.lines());
        double elapsed = Console.secondsIn(run.lines().getLast());
        assertTrue(elapsed >= AT_LEAST && elapsed < LESS_THAN, "executed in " + elapsed + " s");
    }
}
