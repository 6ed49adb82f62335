package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Hello}: both greetings come before both World!s, and the waits overlap. */
class HelloTest {
    /** Each greeting waits 1 s. */
    private static final double AT_LEAST = 1.0;
    /** Above 1 s for a loaded machine, below the 2 s of greeting one after another. */
    private static final double LESS_THAN = 1.9;

    @Test
    void printsBothHellosThenBothWorldsInAboutOneSecond() throws Exception {
        Console.Output run = Console.run(Hello::main);
        assertLinesMatch(List.of(
                "started at \\d\\d:\\d\\d:\\d\\d",
                "Hello Ada",
                "Hello Grace",
                "Ada World!",
                "Grace World!",
                "finished at \\d\\d:\\d\\d:\\d\\d"), run.lines());
        assertTrue(run.seconds() >= AT_LEAST && run.seconds() < LESS_THAN, "took " + run.seconds() + " s");
    }
}
