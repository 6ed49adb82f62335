package io.jasyncio.internal;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The continuation engine's guard rails: a JVM started without the {@code jdk.internal.vm} export
 * fails with the exact flag to add; {@link Coroutine#suspend()} outside a coroutine, or where a
 * continuation is pinned (a class initializer), fails instead of blocking the loop.
 */
class EngineFlagTest {
    /** Generous: a JVM start plus a failed Asyncio.run takes well under a second. */
    private static final long CHILD_BOUND_SECONDS = 60;

    @Test
    void jvmWithoutTheExportFailsNamingTheExactFlag() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path err = Files.createTempFile("jasyncio-child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    NoExportsMain.class.getName());
            // The flag must come from nowhere: not from the environment either.
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(err.toFile());
            Process child = pb.start();
            boolean ended = child.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
                fail("the child JVM did not end within " + CHILD_BOUND_SECONDS + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertNotEquals(0, child.exitValue(), stderr);
            assertTrue(stderr.contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"), stderr);
            assertTrue(stderr.contains("IllegalStateException"), stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void requiredFlagIsTheOneTheErrorQuotes() {
        assertEquals("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED", Coroutine.REQUIRED_FLAG);
    }

    @Test
    void suspendOutsideACoroutineThrows() {
        assertFalse(Coroutine.isInside());
        IllegalStateException e = assertThrows(IllegalStateException.class, Coroutine::suspend);
        assertTrue(e.getMessage().contains("not inside"), e.getMessage());
    }

    @Test
    void coroutineRunsInStepsBetweenSuspensions() {
        List<String> out = new ArrayList<>();
        Coroutine c = new Coroutine(() -> {
            out.add("inside=" + Coroutine.isInside());
            Coroutine.suspend();
            out.add("resumed");
        });
        assertTrue(out.isEmpty(), "nothing runs before the first resume");
        c.resume();
        assertEquals(List.of("inside=true"), out);
        assertFalse(c.isDone());
        c.resume();
        assertEquals(List.of("inside=true", "resumed"), out);
        assertTrue(c.isDone());
        assertThrows(IllegalStateException.class, c::resume);
    }

    /** Waits in its class initializer; touched first from a task. */
    static final class WaitsInInitializer {
        static final String VALUE;

        static {
            sleep(Duration.ofMillis(1));
            VALUE = "initialized";
        }

        private WaitsInInitializer() {
        }
    }

    /**
     * The JVM wraps what a static initializer throws in {@link ExceptionInInitializerError}: the
     * task sees that, with the engine's IllegalStateException as its cause. Virtual loop only: the
     * class is left unusable after the first attempt, so a second loop kind would see
     * NoClassDefFoundError instead.
     */
    @LoopTest(loops = LoopKind.VIRTUAL)
    void waitingInsideAClassInitializerFailsInsteadOfBlocking(LoopHarness h) {
        Throwable thrown = h.run(() -> {
            Throwable caught = null;
            try {
                assertNotNull(WaitsInInitializer.VALUE);
            } catch (Throwable e) {
                caught = e;
            }
            // The task is still usable: it can wait outside the initializer.
            sleep(Duration.ofMillis(1));
            return caught;
        });
        ExceptionInInitializerError e = assertInstanceOf(ExceptionInInitializerError.class, thrown);
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("cannot wait here"), cause.getMessage());
    }
}
