package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsRunEveryWorkloadThreeRoundsAtFullSizeIntoResultsMd() {
        Options o = Options.parse(List.of());
        assertEquals(Workloads.ALL, o.workloads());
        assertEquals(3, o.rounds());
        assertTrue(o.install());
        assertEquals(Options.DEFAULT_JVM_FLAGS, o.jvmFlags());
        assertEquals(o.benchDir().resolve("RESULTS.md"), o.out());
        assertEquals(Path.of("/usr/bin/python3"), o.python());
        assertTrue(o.judgesTargets());
        Workload spawn = Workloads.named("spawn").orElseThrow();
        assertEquals(1_000_000, o.sizeOf(spawn).n());
    }

    @Test
    void smokeUsesTinySizesOneRoundAndWritesUnderTarget() {
        Options o = Options.parse(List.of("--smoke"));
        assertEquals(1, o.rounds());
        assertEquals(Options.SMOKE_JVM_FLAGS, o.jvmFlags());
        assertEquals(o.benchDir().resolve("target/RESULTS-smoke.md"), o.out());
        assertFalse(o.judgesTargets());
        Workload sleeps = Workloads.named("sleeps").orElseThrow();
        assertEquals(1_000, o.sizeOf(sleeps).n());
        assertEquals(List.of("100"), o.sizeOf(sleeps).extraArgs());
    }

    @Test
    void benchDirIsTheModuleHoldingThePythonPeers() {
        assertTrue(Options.defaultBenchDir().resolve("python/benchutil.py").toFile().isFile());
    }

    @Test
    void workloadsKeepTableOrderAndSizeOverridesN() {
        Options o = Options.parse(List.of("--size", "100_000", "--rounds", "5", "suspended", "spawn", "spawn",
                "--jvm-flags", " -Xmx2g  -XX:+UseParallelGC ", "--no-install"));
        assertEquals(List.of("spawn", "suspended"), o.workloads().stream().map(Workload::name).toList());
        assertEquals(5, o.rounds());
        assertFalse(o.install());
        assertEquals(List.of("-Xmx2g", "-XX:+UseParallelGC"), o.jvmFlags());
        assertEquals(100_000, o.sizeOf(Workloads.named("sleeps").orElseThrow()).n());
        assertEquals(List.of("1000"), o.sizeOf(Workloads.named("sleeps").orElseThrow()).extraArgs());
        assertFalse(o.judgesTargets());
    }

    @Test
    void echoWorkloadsRunTenConnectionsForTenSecondsAndSmokeForHalfASecond() {
        Workload echo1k = Workloads.named("echo1k").orElseThrow();
        assertEquals(new EchoSize(1024, 10, 10, 2), EchoSize.of(Options.parse(List.of()).sizeOf(echo1k)));
        assertEquals(new EchoSize(1024, 10, 1, 0.5), EchoSize.of(Options.parse(List.of("--smoke")).sizeOf(echo1k)));
        assertEquals(65536, Options.parse(List.of()).sizeOf(Workloads.named("echo64k").orElseThrow()).n());
    }

    @Test
    void durationAndConnectionsChangeOnlyTheEchoWorkloadsAndTurnOffTargets() {
        Options o = Options.parse(List.of("--duration", "2.5", "--connections", "4", "echo1k", "spawn"));
        assertEquals(new EchoSize(1024, 4, 2.5, 2), EchoSize.of(o.sizeOf(Workloads.named("echo1k").orElseThrow())));
        assertEquals(Workloads.named("spawn").orElseThrow().full(), o.sizeOf(Workloads.named("spawn").orElseThrow()));
        assertFalse(o.judgesTargets());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--duration", "0")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--duration", "soon")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--connections", "0")));
    }

    @Test
    void rejectsUnknownWorkloadsOptionsAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("nosuch")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--fast")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--rounds", "0")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--size", "many")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--out")));
    }
}
