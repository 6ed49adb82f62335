package io.jasyncio.testing;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.jasyncio.LoopKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What the leak check says about a leaked task (issue 8): in debug mode the line of the test that
 * created it, otherwise the class its lambda is written in and how to get the line; never a
 * generated lambda class name.
 */
class LeakReportTest {
    private static String failureOf(String method) {
        List<String> messages = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Samples.class, method, LoopHarness.class.getName()))
                .execute().testEvents().failed().stream()
                .map(Event::getPayload)
                .map(p -> p.flatMap(x -> x instanceof TestExecutionResult r ? r.getThrowable() : Optional.empty()))
                .map(t -> t.map(Throwable::getMessage).orElse(""))
                .toList();
        assertEquals(1, messages.size(), messages::toString);
        return messages.getFirst();
    }

    @Test
    void inDebugModeALeakedTaskIsNamedByTheLineThatCreatedIt() {
        String m = failureOf("leaksInDebugMode");
        assertTrue(m.contains("unfinished task Task[") && m.contains(", created at io.jasyncio.testing.LeakReportTest$Samples.lambda$")
                && m.contains("(LeakReportTest.java:" + Samples.CREATING_LINE + ")"), m);
        assertFalse(m.contains("$$Lambda"), m);
        assertFalse(m.contains("-Djasyncio.debug=true"), "no hint when debug mode is on: " + m);
    }

    @Test
    void outsideDebugModeALeakedTaskIsNamedByItsClassWithAHint() {
        String m = failureOf("leaks");
        assertTrue(m.contains("coro=lambda in io.jasyncio.testing.LeakReportTest$Samples"), m);
        assertTrue(m.contains("(in debug mode, -Djasyncio.debug=true, each task names the line that created it)"), m);
        assertFalse(m.contains("$$Lambda"), m);
    }

    /** Run only through the engine above (a nested class is not picked up by the build on its own). */
    static class Samples {
        /** The line of the createTask call in leaksInDebugMode below. */
        static final int CREATING_LINE = 70;

        @LoopTest(loops = LoopKind.VIRTUAL)
        void leaks(LoopHarness h) {
            h.run(() -> {
                createTask(() -> {
                    sleep(Duration.ofHours(1));
                    return null;
                });
            });
        }

        @LoopTest(loops = LoopKind.VIRTUAL)
        void leaksInDebugMode(LoopHarness h) {
            h.loop().setDebug(true);
            h.run(() -> {
                createTask(() -> {
                    sleep(Duration.ofHours(1));
                    return null;
                });
            });
        }
    }
}
