package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WaitFor}: the 400 s operation is cut off after 1 s. */
class WaitForTest {
    /** The waitFor limit. */
    private static final double AT_LEAST = 1.0;
    /** Generous for a loaded machine, and nowhere near the operation's 400 s. */
    private static final double LESS_THAN = 3.0;

    @Test
    void printsTimeoutAfterOneSecond() throws Exception {
        Console.Output run = Console.run(WaitFor::main);
        assertEquals(List.of("timeout!"), run.lines());
        assertTrue(run.seconds() >= AT_LEAST && run.seconds() < LESS_THAN, "took " + run.seconds() + " s");
    }
}
