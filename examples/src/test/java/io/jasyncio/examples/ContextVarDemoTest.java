package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextVarDemo}: each handler logs its own id although they interleave on one thread,
 * the worker thread sees its caller's id, and the main task sees none.
 */
class ContextVarDemoTest {
    @Test
    void eachHandlerSeesOnlyItsOwnRequestId() throws Exception {
        Console.Output run = Console.run(ContextVarDemo::main);
        List<String> lines = run.lines();
        assertEquals(5, lines.size(), lines.toString());
        assertEquals(List.of("[req-1] start", "[req-2] start"), lines.subList(0, 2));
        // The worker threads' round trips race on a loaded machine: either handler may end first
        // (issue 8, a run of the whole suite saw req-1 first), what matters is whose id each sees.
        assertEquals(Set.of("[req-2] done (worker saw req-2)", "[req-1] done (worker saw req-1)"), Set.copyOf(lines.subList(2, 4)));
        assertEquals("[-] main task never set it", lines.get(4));
    }
}
