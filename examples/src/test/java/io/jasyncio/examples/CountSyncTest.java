package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CountSync}: the counts run one after another, three seconds in all. */
class CountSyncTest {
    /** Three Thread.sleep(1000) in a row; the figure is rounded when printed. */
    private static final double AT_LEAST = 2.95;

    @Test
    void printsOneTwoThreeTimesInAboutThreeSeconds() throws Exception {
        Console.Output run = Console.run(CountSync::main);
        assertLinesMatch(List.of("One", "Two", "One", "Two", "One", "Two",
                "countsync executed in \\d+\\.\\d\\d seconds\\."), run.lines());
        double elapsed = Console.secondsIn(run.lines().getLast());
        assertTrue(elapsed >= AT_LEAST, "executed in " + elapsed + " s");
    }
}
