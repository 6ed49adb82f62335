package io.jasyncio.modcheck;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * jasyncio on the module path, as the named module {@code io.jasyncio}: tasks run when the engine's
 * package is exported to that module, and the error names the module-path flag when it is not.
 */
class ModulePathTest {
    /** Generous: a JVM start and one short task take well under a second. */
    private static final long CHILD_BOUND_SECONDS = 60;

    private static String runChild(boolean withExport) throws IOException, InterruptedException, URISyntaxException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path libraryClasses = Path.of(Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(ModulePathMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = Files.createTempFile("jasyncio-modpath", ".out");
        try {
            ProcessBuilder pb = withExport
                    ? new ProcessBuilder(java, "--add-exports", "java.base/jdk.internal.vm=io.jasyncio",
                            "-p", libraryClasses.toString(), "--add-modules", "io.jasyncio",
                            "-cp", testClasses.toString(), ModulePathMain.class.getName())
                    : new ProcessBuilder(java, "-p", libraryClasses.toString(), "--add-modules", "io.jasyncio",
                            "-cp", testClasses.toString(), ModulePathMain.class.getName());
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.redirectErrorStream(true);
            pb.redirectOutput(out.toFile());
            Process child = pb.start();
            if (!child.waitFor(CHILD_BOUND_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("the child JVM did not end within " + CHILD_BOUND_SECONDS + " s");
            }
            return child.exitValue() + "\n" + Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void tasksRunWithJasyncioAsTheNamedModuleIoJasyncio() throws Exception {
        String result = runChild(true);
        assertTrue(result.startsWith("0\n"), result);
        assertTrue(result.contains("module=io.jasyncio"), result);
    }

    @Test
    void withoutTheExportTheErrorNamesTheModulePathFlag() throws Exception {
        String result = runChild(false);
        assertFalse(result.startsWith("0\n"), result);
        assertTrue(result.contains("--add-exports java.base/jdk.internal.vm=io.jasyncio"), result);
    }
}
