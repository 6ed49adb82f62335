package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvTest {
    private final Env env = new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"),
            Path.of("/repo/bench"), true, 60, "/netty.jar");

    @Test
    void oneCoreJavaRunsArePinnedAndGetOneCarrierWithTheSameFlagsForEveryJvm() {
        assertEquals(List.of("taskset", "-c", "0", "/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                        "-Xmx1g", "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                        "-cp", "/cp", "a.Main", "1000", "100"),
                env.javaCommand("a.Main", true, Size.of(1000, "100")));
    }

    @Test
    void otherJavaRunsAreNeitherPinnedNorLimited() {
        assertEquals(List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g",
                "-cp", "/cp", "a.Main", "5"), env.javaCommand("a.Main", false, Size.of(5)));
    }

    @Test
    void pythonRunsIgnoreTheEnvironmentAndPassUvloopLast() {
        assertEquals(List.of("taskset", "-c", "0", "/usr/bin/python3", "-E", "-s", "/repo/bench/python/x.py", "7", "--uvloop"),
                env.pythonCommand("x.py", true, true, Size.of(7)));
        Env unpinned = new Env(env.java(), env.classpath(), env.jvmFlags(), env.python(), env.benchDir(), false, 60, "");
        assertEquals(List.of("/usr/bin/python3", "-E", "-s", "/repo/bench/python/x.py", "7"),
                unpinned.pythonCommand("x.py", false, true, Size.of(7)));
    }

    @Test
    void shellQuoteQuotesOnlyWhatAShellWouldSplit() {
        assertEquals("java -cp /a:/b 'it'\\''s here' ''", Env.shellQuote(List.of("java", "-cp", "/a:/b", "it's here", "")));
    }
}
