package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ToThreadDemo}: the ticker ticks while the blocking query runs on a virtual thread. */
class ToThreadDemoTest {
    /** The query blocks its worker for 1 s; the figure is rounded when printed. */
    private static final double AT_LEAST = 0.95;

    @Test
    void theTickerTicksWhileTheQueryBlocksAWorkerThread() throws Exception {
        Console.Output run = Console.run(ToThreadDemo::main);
        // Every tick comes before the query returns: the loop ran while the worker was blocked.
        assertLinesMatch(List.of(
                "query started",
                "tick 1 \\(the loop is free\\)",
                "tick 2 \\(the loop is free\\)",
                "tick 3 \\(the loop is free\\)",
                "query returned: user #42 is Ada \\(looked up on a virtual thread\\)",
                "tothread executed in \\d+\\.\\d\\d seconds\\."), run.lines());
        double elapsed = Console.secondsIn(run.lines().getLast());
        assertTrue(elapsed >= AT_LEAST, "executed in " + elapsed + " s");
    }
}
