package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FutureDemo}: a cancelled future is done and cancelled, and its result throws. */
class FutureDemoTest {
    @Test
    void printsThatTheCancelledFutureIsDoneAndCancelled() throws Exception {
        Console.Output run = Console.run(FutureDemo::main);
        assertEquals(List.of(
                "done: false, cancelled: false",
                "done: true, cancelled: true",
                "result() threw CancelledError"), run.lines());
    }
}
