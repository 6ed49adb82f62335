package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WaitFor}: the 400 s operation is cut off after exactly 1 s of virtual time, and prints the seed's {@code timeout}. */
class WaitForTest {
    @Test
    void printsTimeoutAfterOneSecond() throws Exception {
        Console.Output run = Console.runVirtual(WaitFor::main);
        assertEquals(List.of("timeout", "waitfor executed in 1.00 seconds."), run.lines());
    }
}
