package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Tasks}: say_after with createTask and with gather, each as long as its longer wait
 * (1 s), not the sum (1.5 s), on virtual time.
 */
class TasksTest {
    @Test
    void printsHelloThenWorldTwiceAndOverlapsTheWaits() throws Exception {
        Console.Output run = Console.runVirtual(Tasks::main);
        String started = "started at \\d\\d:\\d\\d:\\d\\d";
        String finished = "finished at \\d\\d:\\d\\d:\\d\\d";
        String took = "took 1\\.00 seconds\\.";
        assertLinesMatch(List.of(started, "hello", "world", finished, took, started, "hello", "world", finished, took),
                run.lines());
    }
}
