package io.jasyncio;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.List;

/**
 * Reports name where a task or future was created as a line of the program (issue 8): a task's
 * {@code toString} in debug mode, the default exception handler's "created at", and outside
 * debug mode the class a task's lambda was written in instead of its generated class name.
 */
class CreationSiteReportTest {
    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void inDebugModeATaskNamesTheLineThatCreatedIt(LoopHarness h) {
        h.loop().setDebug(true);
        String described = h.run(() -> {
            int line = nextLine();
            Task<String> t = createTask(() -> "x");
            String s = t.toString();
            t.await();
            return s + " @" + line;
        });
        int line = Integer.parseInt(described.substring(described.lastIndexOf('@') + 1));
        assertTrue(described.contains(", created at io.jasyncio.CreationSiteReportTest.lambda$")
                && described.contains("(CreationSiteReportTest.java:" + line + ")]"), described);
        assertFalse(described.contains("$$Lambda"), described);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void outsideDebugModeATaskNamesTheClassItsLambdaIsWrittenIn(LoopHarness h) {
        String described = h.run(() -> {
            Task<String> t = createTask(() -> "x");
            String s = t.toString();
            t.await();
            return s;
        });
        assertTrue(described.contains(", coro=lambda in io.jasyncio.CreationSiteReportTest]"), described);
        assertFalse(described.contains("$$Lambda"), described);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void theDefaultHandlerShowsTheCreationSiteTrimmedToTheProgram(LoopHarness h) {
        h.loop().setDebug(true);
        int line = nextLine();
        Future<String> f = h.loop().createFuture();
        try (LogCapture log = LogCapture.start()) {
            h.loop().defaultExceptionHandler(new ExceptionContext("future failed", null, f, f.creationSite));
            List<String> messages = log.messages();
            assertEquals(1, messages.size(), messages::toString);
            String m = messages.getFirst();
            assertTrue(m.contains("\n  created at:\n    io.jasyncio.EventLoop.createFuture(")
                    && m.contains("\n    io.jasyncio.CreationSiteReportTest.theDefaultHandlerShowsTheCreationSiteTrimmedToTheProgram(CreationSiteReportTest.java:"
                    + line + ")"), m);
            assertFalse(m.contains("io.jasyncio.Future.<init>"), "jasyncio's own frames are left out: " + m);
            assertFalse(m.contains("org.junit"), "the test framework below the reflective call is left out: " + m);
            assertTrue(m.lines().count() < 8, m);
        }
        f.cancel();
    }
}
