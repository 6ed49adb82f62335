package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.List;

/**
 * What debug mode's watchdog prints for one stall (issue 8): one report while the step is stuck,
 * with the stack trimmed to the program's frames, and one when it ends, which repeats the stack
 * only if the step moved on to somewhere else.
 */
class SlowStepReportTest {
    private static final Duration THRESHOLD = Duration.ofMillis(50);
    /** Long enough for the watchdog's samples at 1, 2, 4 and 8 thresholds. */
    private static final Duration STALL = THRESHOLD.multipliedBy(9);

    private static List<String> stuckReports(List<String> messages) {
        return messages.stream().filter(m -> m.contains("is still running")).toList();
    }

    private static List<String> endReports(List<String> messages) {
        return messages.stream().filter(m -> m.contains(" took ")).toList();
    }

    private static List<String> runWithWatchdog(LoopHarness h, io.jasyncio.AsyncRunnable step) {
        EventLoop loop = h.loop();
        // The first continuation run initialises VirtualThread, which can itself be slow.
        h.run(() -> null);
        loop.setDebug(true);
        loop.setSlowCallbackDuration(THRESHOLD);
        try (LogCapture log = LogCapture.start()) {
            h.run(step);
            loop.setDebug(false);
            return log.messages();
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void oneStallGivesOneReportWhileStuckAndOneAtItsEndWithTheStackOnce(LoopHarness h) {
        List<String> messages = runWithWatchdog(h, () -> DebugModeTest.blockTheLoopFor(STALL));
        List<String> stuck = stuckReports(messages);
        List<String> end = endReports(messages);
        assertEquals(1, stuck.size(), () -> "one report while stuck: " + messages);
        assertEquals(1, end.size(), () -> "one report at the end: " + messages);
        String report = stuck.getFirst();
        assertTrue(report.contains("\n    java.lang.Thread.sleep(")
                && report.contains("\n    io.jasyncio.loop.DebugModeTest.blockTheLoopFor(DebugModeTest.java:"), report);
        assertFalse(report.contains("io.jasyncio.loop.BaseEventLoop."), "the loop's machinery is left out: " + report);
        assertFalse(report.contains("java.lang.Thread.sleep0") || report.contains("app//"), report);
        assertFalse(report.contains("org.junit"), report);
        String last = end.getFirst();
        assertTrue(last.contains("; it was at io.jasyncio.loop.DebugModeTest.blockTheLoopFor(DebugModeTest.java:")
                && last.contains("(stack reported while it was stuck)"), last);
        assertFalse(last.contains("\n"), "the end does not repeat the stack: " + last);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aStallThatMovesIsReportedOnceAndItsEndShowsWhereItWasLast(LoopHarness h) {
        List<String> messages = runWithWatchdog(h, () -> {
            DebugModeTest.spinFor(THRESHOLD.multipliedBy(3));
            DebugModeTest.blockTheLoopFor(STALL);
        });
        List<String> stuck = stuckReports(messages);
        List<String> end = endReports(messages);
        assertEquals(1, stuck.size(), () -> "one report while stuck: " + messages);
        assertEquals(1, end.size(), () -> "one report at the end: " + messages);
        assertTrue(stuck.getFirst().contains("DebugModeTest.spinFor("), stuck.getFirst());
        String last = end.getFirst();
        assertTrue(last.contains("; it was last at:\n") && last.contains("DebugModeTest.blockTheLoopFor("), last);
        assertFalse(last.contains("spinFor"), last);
    }
}
