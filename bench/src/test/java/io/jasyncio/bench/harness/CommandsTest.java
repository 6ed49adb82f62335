package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    /** Far longer than the timeout below: the command must be killed, not waited for. */
    private static final int HANGING_COMMAND_SECONDS = 60;

    @Test
    void runReturnsStatusAndCombinedOutput() {
        var r = Commands.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), 30);
        assertEquals(3, r.status());
        assertFalse(r.ok());
        assertTrue(r.output().contains("out") && r.output().contains("err"), r.output());
    }

    @Test
    void runKillsACommandThatOutlivesItsTimeout() {
        var r = Commands.run(List.of("sleep", Integer.toString(HANGING_COMMAND_SECONDS)), 1);
        assertEquals(-1, r.status());
        assertTrue(r.output().startsWith("timed out"), r.output());
    }

    @Test
    void runReportsACommandThatCannotStart() {
        var r = Commands.run(List.of("/nonexistent/command"), 5);
        assertEquals(-1, r.status());
    }
}
