package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.internal.Kernel;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Kernel#callSoonStep}, which {@link BaseEventLoop} implements: the engine's handle-free wake-up path queues in FIFO order
 * with {@code callSoon}, behind callbacks posted from other threads, and refuses a closed loop.
 */
class CallSoonStepTest {

    @LoopTest
    void stepsRunNextIterationInOrderWithCallSoon(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> ran = new ArrayList<>();
        loop.callSoonThreadsafe(() -> ran.add("threadsafe"));
        Kernel.get().callSoonStep(loop, () -> ran.add("step 1"));
        loop.callSoon(() -> ran.add("soon"));
        Kernel.get().callSoonStep(loop, () -> ran.add("step 2"));
        h.drain(10);
        assertEquals(List.of("threadsafe", "step 1", "soon", "step 2"), ran);
    }

    @LoopTest
    void aStepQueuedByAStepWaitsForTheNextIteration(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> ran = new ArrayList<>();
        Kernel.get().callSoonStep(loop, () -> {
            ran.add("first");
            Kernel.get().callSoonStep(loop, () -> ran.add("queued by first"));
        });
        loop.callSoon(() -> ran.add("second"));
        h.drain(10);
        assertEquals(List.of("first", "second", "queued by first"), ran);
    }

    @LoopTest
    void aClosedLoopRefusesSteps(LoopHarness h) {
        try (EventLoop other = LoopKind.VIRTUAL.create()) {
            other.close();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Kernel.get().callSoonStep(other, () -> { }));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }
}
