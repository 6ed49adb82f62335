package io.jasyncio.process;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Issue 4's promise for pipes: 1 GiB through {@code cat} in both directions neither deadlocks nor
 * grows the heap. The transfer runs in a child JVM limited to 64 MiB of heap, so holding even a
 * small part of the data would end it with an OutOfMemoryError.
 */
class SubprocessGibibyteTest {
    private static final long GIBIBYTE = 1L << 30;
    /** Generous: the transfer takes seconds; the bound only stops a deadlock from hanging the build. */
    private static final long BOUND_SECONDS = 180;

    @Test
    void aGibibyteGoesThroughCatBothWaysInA64MiBHeap(TestReporter reporter) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path out = Files.createTempFile("jasyncio-cat", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m",
                    "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CatGibibyteMain.class.getName(), Long.toString(GIBIBYTE));
            pb.redirectErrorStream(true);
            pb.redirectOutput(out.toFile());
            Process child = pb.start();
            if (!child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("1 GiB through cat did not finish within " + BOUND_SECONDS + " s: deadlock?");
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), printed);
            assertTrue(printed.contains("bytes=" + GIBIBYTE + " crc=same"), printed);
            // In the test report, not on the console: a passing run prints nothing.
            reporter.publishEntry("1 GiB through cat with -Xmx64m", printed.strip());
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
