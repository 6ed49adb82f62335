package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tasks}: say_after with createTask and with gather, each as long as its longer wait. */
class TasksTest {
    /** Two variants, each waiting max(0.5 s, 1 s). */
    private static final double AT_LEAST = 2.0;
    /** Above 2 s for a loaded machine, below the 3 s the waits would take one after another. */
    private static final double LESS_THAN = 2.9;

    @Test
    void printsHelloThenWorldTwiceAndOverlapsTheWaits() throws Exception {
        Console.Output run = Console.run(Tasks::main);
        String started = "started at \\d\\d:\\d\\d:\\d\\d";
        String finished = "finished at \\d\\d:\\d\\d:\\d\\d";
        assertLinesMatch(List.of(started, "hello", "world", finished, started, "hello", "world", finished), run.lines());
        assertTrue(run.seconds() >= AT_LEAST && run.seconds() < LESS_THAN, "took " + run.seconds() + " s");
    }
}
