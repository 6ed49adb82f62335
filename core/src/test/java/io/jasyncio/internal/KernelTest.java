package io.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import org.junit.jupiter.api.Test;

/** {@link Kernel}: the one bridge from the task layer to the scheduler (issue 8). */
class KernelTest {

    @Test
    void theSchedulerInstallsTheKernelBeforeAnyLoopExists() {
        assertNotNull(Kernel.get());
        assertNull(Kernel.get().runningLoop(), "no loop runs in the test thread");
    }

    @Test
    void aSecondInstallIsRefused() {
        Kernel installed = Kernel.get();
        assertThrows(IllegalStateException.class, () -> Kernel.install(installed));
        assertSame(installed, Kernel.get());
    }

    @Test
    void theRunningLoopIsTheOneRunningInThisThread() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            Object seen = loop.runUntilComplete(() -> Kernel.get().runningLoop());
            assertSame(loop, seen);
        }
    }
}
