package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.RunOptions;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopKind#URING} and {@link LoopKind#AUTO} with this module on the class path: the
 * provider is found by name through {@link java.util.ServiceLoader}, and where the kernel cannot
 * run io_uring its reason is what both report (core's LoopSelectionTest covers the same paths
 * with providers of its own, and the one without this module).
 */
class UringLoopSelectionTest {

    @Test
    void theProviderIsFoundOnTheClassPath() {
        assertTrue(LoopKind.URING.isInstalled());
        assertEquals(UringAvailability.reason(), LoopKind.URING.unavailableReason());
    }

    @Test
    void uringAndAutoMakeUringLoopsWhereIoUringRuns() {
        assumeTrue(LoopKind.URING.unavailableReason() == null, () -> "io_uring cannot run here: " + LoopKind.URING.unavailableReason());
        try (EventLoop u = LoopKind.URING.create(); EventLoop a = LoopKind.AUTO.create()) {
            assertInstanceOf(UringEventLoop.class, u);
            assertInstanceOf(UringEventLoop.class, a);
            assertEquals(3, u.runUntilComplete(() -> 1 + 2));
        }
    }

    @Test
    void whereIoUringCannotRunUringFailsWithTheProbesReasonAndAutoFallsBack() {
        String reason = LoopKind.URING.unavailableReason();
        assumeTrue(reason != null, "io_uring runs here");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, LoopKind.URING::create);
        assertEquals(reason, e.getMessage());
        try (EventLoop a = LoopKind.AUTO.create()) {
            assertInstanceOf(SelectorEventLoop.class, a);
        }
    }

    @Test
    void autoInDebugModeSaysWhichLoopItPickedAndWhy() {
        String reason = LoopKind.URING.unavailableReason();
        List<String> log;
        try (LogCapture capture = LogCapture.start()) {
            String loopClass = Asyncio.run(() -> Asyncio.getRunningLoop().getClass().getSimpleName(),
                    RunOptions.defaults().withLoop(LoopKind.AUTO).withDebug(true).withSigintHandling(false));
            assertEquals(reason == null ? "UringEventLoop" : "SelectorEventLoop", loopClass);
            log = capture.messages();
        }
        String expected = reason == null ? "INFO jasyncio.loop=auto: using the uring loop (io_uring is available)"
                : "INFO jasyncio.loop=auto: using the selector loop; io_uring is not used: " + reason;
        assertTrue(log.contains(expected), log.toString());
    }
}
