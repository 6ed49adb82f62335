package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextVarDemo}: each handler logs its own id although they interleave on one thread,
 * the worker thread sees its caller's id, and the main task sees none.
 */
class ContextVarDemoTest {
    @Test
    void eachHandlerSeesOnlyItsOwnRequestId() throws Exception {
        Console.Output run = Console.run(ContextVarDemo::main);
        assertEquals(List.of(
                "[req-1] start",
                "[req-2] start",
                "[req-2] done (worker saw req-2)",
                "[req-1] done (worker saw req-1)",
                "[-] main task never set it"), run.lines());
    }
}
