package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AsCompletedDemo}: results come in the order the tasks finish, not the order started. */
class AsCompletedDemoTest {
    /** The slowest task sleeps 0.3 s. */
    private static final double AT_LEAST = 0.3;

    @Test
    void printsResultsInCompletionOrder() throws Exception {
        Console.Output run = Console.run(AsCompletedDemo::main);
        assertEquals(List.of("fast (0.1 s)", "medium (0.2 s)", "slow (0.3 s)"), run.lines());
        assertTrue(run.seconds() >= AT_LEAST, "took " + run.seconds() + " s");
    }
}
