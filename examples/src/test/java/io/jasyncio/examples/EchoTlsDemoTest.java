package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EchoTlsDemo}: both sides agree on protocol and cipher, three lines come back, close_notify ends it. */
class EchoTlsDemoTest {
    @Test
    void bothSidesPrintTheNegotiatedCipherAndTheLinesComeBackOverTls() throws Exception {
        Console.Output run = Console.run(EchoTlsDemo::main);
        assertLinesMatch(List.of(
                "client: TLSv1\\.3 TLS_\\w+",
                "server: TLSv1\\.3 TLS_\\w+",     // printed when the first line arrives
                "client: echoed Hello",
                "client: echoed TLS",
                "client: echoed World",
                "server: the client closed the TLS session"), run.lines());
        String client = run.lines().get(0).substring("client: ".length());
        String server = run.lines().get(1).substring("server: ".length());
        org.junit.jupiter.api.Assertions.assertEquals(client, server, "one session, seen from both ends");
    }
}
