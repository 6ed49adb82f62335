package io.jasyncio.bench.echo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EchoServerArgsTest {
    @Test
    void parseReadsPortAndLifetimeWithDefaults() {
        assertEquals(new EchoServerArgs(0, Duration.ofSeconds(600)), EchoServerArgs.parse(new String[0]));
        assertEquals(new EchoServerArgs(8888, Duration.ofMillis(1500)),
                EchoServerArgs.parse(new String[] {"--max-seconds", "1.5", "--port", "8888"}));
    }

    @Test
    void parseRejectsUnknownOptionsMissingValuesAndBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> EchoServerArgs.parse(new String[] {"--threads", "2"}));
        assertThrows(IllegalArgumentException.class, () -> EchoServerArgs.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> EchoServerArgs.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> EchoServerArgs.parse(new String[] {"--max-seconds", "0"}));
        assertThrows(NumberFormatException.class, () -> EchoServerArgs.parse(new String[] {"--port", "x"}));
    }

    @Test
    void announcePrintsThePortLineTheHarnessWaitsFor() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            EchoServerArgs.announce(4242);
        } finally {
            System.setOut(saved);
        }
        assertEquals("PORT 4242" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}
