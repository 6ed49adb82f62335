package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Hello}: the seed's lines, both {@code Hello ...} before both {@code ... World!}, and
 * the waits overlap: one second, not two, on virtual time (issue 8).
 */
class HelloTest {
    @Test
    void printsTwoHellosThenTwoWorldsInOneSecond() throws Exception {
        Console.Output run = Console.runVirtual(Hello::main);
        assertEquals(List.of(
                "Hello ...",
                "Hello ...",
                "... World!",
                "... World!",
                "hello executed in 1.00 seconds."), run.lines());
    }
}
