package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EchoProtocolDemo}: the message goes out, comes back, and the server's close ends the client. */
class EchoProtocolDemoTest {
    @Test
    void theClientsMessageIsEchoedAndTheServersCloseEndsTheClient() throws Exception {
        Console.Output run = Console.run(EchoProtocolDemo::main);
        assertEquals(List.of(
                "Serving on 127.0.0.1",
                "Client sent: Hello World!",
                "Server received: Hello World!",
                "Server sent it back and closes the connection",
                "Client received: Hello World!",
                "The server closed the connection",
                "Server closed; the client's transport is closing: true"), run.lines());
    }
}
