package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GeneratorDemo}: three even ticks, then the generator's finally block runs on close. */
class GeneratorDemoTest {
    @Test
    void printsThreeEvenTicksThenClosesTheGenerator() throws Exception {
        Console.Output run = Console.run(GeneratorDemo::main);
        assertEquals(List.of("tick 0", "tick 2", "tick 4", "ticker stopped"), run.lines());
    }
}
