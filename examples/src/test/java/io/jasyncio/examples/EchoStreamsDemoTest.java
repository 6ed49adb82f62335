package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EchoStreamsDemo}: three lines echoed, then the half-close ends the server's loop. */
class EchoStreamsDemoTest {
    @Test
    void threeLinesComeBackThenTheHalfCloseEndsTheConversation() throws Exception {
        Console.Output run = Console.run(EchoStreamsDemo::main);
        assertLinesMatch(List.of(
                "server: connection from /127\\.0\\.0\\.1:\\d+",   // before it can echo anything
                "client: echoed Hello",
                "client: echoed World",
                "client: echoed !",
                "server: client said goodbye",
                "client: rest 0 bytes, then EOF"), run.lines());
    }
}
