package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WsChatDemo}: each message reaches everyone but its sender; leaving and shutdown close cleanly. */
class WsChatDemoTest {
    @Test
    void messagesReachEveryoneElseAndTheShutdownSaysGoingAway() throws Exception {
        Console.Output run = Console.run(WsChatDemo::main);
        assertEquals(List.of(
                "alice hears: welcome alice (1 online)",
                "bob hears: welcome bob (2 online)",
                "carol hears: welcome carol (3 online)",
                "bob hears: alice: hi all",
                "carol hears: alice: hi all",
                "alice hears: carol: hey alice",
                "bob hears: carol: hey alice",
                "alice hears: * bob left",
                "carol hears: * bob left",
                "closed by the server: 1001 server shutdown",
                "closed by the server: 1001 server shutdown"), run.lines());
    }
}
