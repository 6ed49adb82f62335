package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PipelineDemo}: three children chained by copying tasks give the shell's answer. */
class PipelineDemoTest {
    @Test
    void printfThroughTrAndSortGivesTheSortedUppercaseWords() throws Exception {
        Console.Output run = Console.run(PipelineDemo::main);
        assertEquals(List.of("sorted: APPLE", "sorted: FIG", "sorted: PEAR", "exit codes: [0, 0, 0]"), run.lines());
    }
}
