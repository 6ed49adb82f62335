package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkersDemo}: jobs go to the workers first come, first served (job n takes n × 100 ms,
 * far apart enough that the order cannot vary), and the lock keeps the total right although
 * each update waits halfway through.
 */
class WorkersDemoTest {
    @Test
    void workersShareTheJobsInOrderAndTheLockedTotalIsExact() throws Exception {
        Console.Output run = Console.run(WorkersDemo::main);
        assertEquals(List.of(
                "all 6 jobs queued",
                "worker-1 did [1, 4]",
                "worker-2 did [2, 5]",
                "worker-3 did [3, 6]",
                "total 21"), run.lines());
    }
}
