package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SyncDemo}: nobody runs before the gun; the third runner waits for a permit until the
 * first leaves the bridge; the last to reach the barrier leaves first (it does not wait), the
 * others follow in arrival order; the referee wakes once all three are through.
 */
class SyncDemoTest {
    @Test
    void theRaceFollowsTheEventSemaphoreBarrierAndCondition() throws Exception {
        Console.Output run = Console.run(SyncDemo::main);
        assertEquals(List.of(
                "bang",
                "runner 1 on the bridge (1 on it)",
                "runner 2 on the bridge (2 on it)",
                "runner 3 on the bridge (2 on it)",
                "runner 3 leaves the finish (arrived #2)",
                "runner 1 leaves the finish (arrived #0)",
                "runner 2 leaves the finish (arrived #1)",
                "referee: all 3 through"), run.lines());
    }
}
