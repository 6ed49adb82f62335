package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SubprocessDemo}: sort through communicate, a failing command, streamed lines, children run together. */
class SubprocessDemoTest {
    @Test
    void printsEachChildsOutputAndStatus() throws Exception {
        Console.Output run = Console.run(SubprocessDemo::main);
        assertLinesMatch(List.of(
                "sort says:", "apple", "banana", "cherry",
                "\\['echo to stderr >&2; exit 3' exited with 3\\]", "\\[stderr\\]", "to stderr",
                "got line 1", "got line 2", "got line 3",
                "\\['sleep 0.5; echo one' exited with 0\\]", "\\[stdout\\]", "one",
                "\\['sleep 0.5; echo two' exited with 0\\]", "\\[stdout\\]", "two",
                "\\['sleep 0.5; echo three' exited with 0\\]", "\\[stdout\\]", "three",
                "three 0.5 s children together took \\d+\\.\\d\\d seconds\\."), run.lines());
        assertTrue(Console.secondsIn(run.lines().getLast()) >= 0.45, "each child sleeps 0.5 s");
    }
}
