package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop's exception handler: setting, reading and resetting it, what
 * {@link EventLoop#callExceptionHandler} hands it, the fallback when it throws, and what the
 * default handler logs through {@code System.Logger} "io.jasyncio".
 *
 * <p>Tests that replace the harness's handler put it back, so the harness still sees what the
 * loop reports after the test body.
 */
class ExceptionHandlerTest {

    private static boolean anyContains(List<String> messages, String... parts) {
        return messages.stream().anyMatch(m -> {
            for (String p : parts) {
                if (!m.contains(p)) {
                    return false;
                }
            }
            return true;
        });
    }

    @LoopTest
    void setExceptionHandlerIsWhatGetExceptionHandlerReturnsAndNullMeansDefault(LoopHarness h) {
        EventLoop loop = h.loop();
        ExceptionHandler harness = loop.getExceptionHandler();
        assertNotNull(harness, "the harness installs a collecting handler");
        ExceptionHandler mine = (l, c) -> { };
        try {
            loop.setExceptionHandler(mine);
            assertSame(mine, loop.getExceptionHandler());
            loop.setExceptionHandler(null);
            assertNull(loop.getExceptionHandler());
        } finally {
            loop.setExceptionHandler(harness);
        }
    }

    @Test
    void newLoopUsesTheDefaultHandler() {
        try (EventLoop loop = LoopKind.VIRTUAL.create()) {
            assertNull(loop.getExceptionHandler());
        }
    }

    @LoopTest
    void callExceptionHandlerPassesTheLoopAndTheContext(LoopHarness h) {
        EventLoop loop = h.loop();
        ExceptionHandler harness = loop.getExceptionHandler();
        List<Object> seen = new ArrayList<>();
        try {
            loop.setExceptionHandler((l, c) -> {
                seen.add(l);
                seen.add(c);
            });
            ExceptionContext context = new ExceptionContext("something broke", new RuntimeException("x"), "src", null);
            loop.callExceptionHandler(context);
            assertEquals(2, seen.size());
            assertSame(loop, seen.get(0));
            assertSame(context, seen.get(1));
        } finally {
            loop.setExceptionHandler(harness);
        }
    }

    @LoopTest
    void nullHandlerRestoresTheDefaultWhichLogsAtError(LoopHarness h) {
        EventLoop loop = h.loop();
        ExceptionHandler harness = loop.getExceptionHandler();
        try (LogCapture log = LogCapture.start()) {
            loop.setExceptionHandler(null);
            loop.callExceptionHandler(ExceptionContext.of("reported by the default", new IllegalStateException("cause-1")));
            List<String> messages = log.messages();
            assertTrue(anyContains(messages, "SEVERE", "reported by the default", "cause-1"), messages::toString);
        } finally {
            loop.setExceptionHandler(harness);
        }
    }

    @LoopTest
    void handlerThatThrowsFallsBackToTheDefaultHandler(LoopHarness h) {
        EventLoop loop = h.loop();
        ExceptionHandler harness = loop.getExceptionHandler();
        try (LogCapture log = LogCapture.start()) {
            loop.setExceptionHandler((l, c) -> {
                throw new IllegalArgumentException("handler is broken");
            });
            loop.callExceptionHandler(ExceptionContext.of("original problem", new RuntimeException("original-cause")));
            List<String> messages = log.messages();
            assertTrue(anyContains(messages, "Unhandled error in the exception handler", "original problem", "handler is broken"),
                    messages::toString);
            assertTrue(anyContains(messages, "SEVERE original problem", "original-cause"), messages::toString);
        } finally {
            loop.setExceptionHandler(harness);
        }
    }

    @LoopTest
    void handlerThatThrowsForACallbackErrorDoesNotStopTheLoop(LoopHarness h) {
        EventLoop loop = h.loop();
        ExceptionHandler harness = loop.getExceptionHandler();
        List<String> out = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            loop.setExceptionHandler((l, c) -> {
                throw new IllegalArgumentException("handler is broken");
            });
            loop.callSoon(() -> {
                throw new RuntimeException("callback failed");
            });
            loop.callSoon(() -> out.add("still running"));
            EventLoopCallbackTest.runOneIteration(loop);
            assertEquals(List.of("still running"), out);
            assertTrue(anyContains(log.messages(), "callback failed"), log.messages()::toString);
        } finally {
            loop.setExceptionHandler(harness);
        }
    }

    @LoopTest
    void defaultHandlerLogsTheMessageSourceAndCreationSite(LoopHarness h) {
        Throwable site = createdHere();
        try (LogCapture log = LogCapture.start()) {
            h.loop().defaultExceptionHandler(new ExceptionContext("future failed", new RuntimeException("why"), "the-future", site));
            List<String> messages = log.messages();
            assertTrue(anyContains(messages, "SEVERE future failed", "source: the-future", "created at:", "createdHere", "why"),
                    messages::toString);
        }
        assertEquals(List.of(), h.takeUnhandled(), "the default handler is called directly, not through the set handler");
    }

    @LoopTest
    void defaultHandlerDoesNotRepeatASourceTheMessageAlreadyNames(LoopHarness h) {
        try (LogCapture log = LogCapture.start()) {
            h.loop().defaultExceptionHandler(new ExceptionContext("Exception in callback the-handle", null, "the-handle", null));
            List<String> messages = log.messages();
            assertEquals(1, messages.size(), messages::toString);
            assertFalse(messages.get(0).contains("source:"), messages.get(0));
            assertFalse(messages.get(0).contains("created at:"), messages.get(0));
        }
    }

    @Test
    void exceptionContextRequiresAMessage() {
        assertThrows(NullPointerException.class, () -> new ExceptionContext(null, null, null, null));
        RuntimeException e = new RuntimeException();
        ExceptionContext c = ExceptionContext.of("m", e);
        assertEquals(new ExceptionContext("m", e, null, null), c);
    }

    private static Throwable createdHere() {
        return new Throwable("created here");
    }
}
