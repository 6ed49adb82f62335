package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's honest comparisons and targets, as the harness states them: every variant is a row
 * of its own, each target of the issue is in the table with the issue named, and a smoke table
 * carries no figures.
 */
class Issue8WorkloadsTest {
    private static Workload named(String name) {
        return Workloads.named(name).orElseThrow();
    }

    private static List<String> args(Workload w) {
        return w.full().extraArgs();
    }

    @Test
    void everyVariantIsItsOwnRowInTableOrder() {
        assertEquals(List.of("spawn", "spawn-plain", "spawn-100k", "spawn-4m", "pingpong", "switch", "sleeps",
                        "sleeps-warm", "sleeps-1m", "suspended", "echo1k", "echo64k", "echo1k-streams", "echo64k-streams",
                        "http-hello", "http-json", "http-client", "file-read", "file-small"),
                Workloads.ALL.stream().map(Workload::name).toList());
    }

    @Test
    void plainSpawnRunsWithoutTheYieldOnEverySide() {
        Workload plain = named("spawn-plain");
        assertEquals(List.of("--plain"), args(plain));
        assertEquals(List.of(), args(named("spawn")));
        assertEquals(List.of(Contender.JASYNCIO, Contender.ASYNCIO, Contender.UVLOOP, Contender.VIRTUAL_THREADS),
                plain.runners().stream().map(Runner::contender).toList());
        assertTrue(named("spawn").description().contains("Thread.yield"));
        assertTrue(plain.description().contains("no yield on either side"));
    }

    @Test
    void steadySpawnRowsCompareCostPerTaskAtTwoSizes() {
        Workload small = named("spawn-100k");
        Workload large = named("spawn-4m");
        assertEquals(100_000, small.full().n());
        assertEquals(4_000_000, large.full().n());
        for (Workload w : List.of(small, large)) {
            assertEquals(Metric.US_PER_TASK, w.metric());
            assertEquals("spawn-steady", w.reports());
            assertEquals(List.of("--steady"), args(w));
        }
        assertEquals(List.of(Target.withinOf("spawn-100k", 1.2).issue("8")), large.targets());
    }

    @Test
    void sleepsRunColdWarmAndAtAMillionWithIssue8Bounds() {
        assertEquals(List.of("1000"), args(named("sleeps")));
        assertEquals(List.of("1000", "--warm"), args(named("sleeps-warm")));
        assertEquals(1_000_000, named("sleeps-1m").full().n());
        assertEquals("sleeps", named("sleeps-1m").reports());
        assertEquals(List.of(Target.valueAtMost(100).issue("8")), named("sleeps").targets());
        assertEquals(List.of(Target.valueAtMost(30).issue("8")), named("sleeps-warm").targets());
        assertEquals(List.of(Target.valueAtMost(300).issue("8")), named("sleeps-1m").targets());
    }

    @Test
    void issue8RatioTargetsAreSet() {
        assertTrue(named("pingpong").targets().contains(Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 1.5).issue("5, 8")));
        assertTrue(named("pingpong").targets().contains(Target.ratioAtLeast(Contender.ASYNCIO, 25).issue("5, 8")));
        assertEquals(List.of(Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 1.3).issue("8")), named("switch").targets());
        assertEquals(List.of(Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 2).issue("8")), named("spawn-plain").targets());
    }

    @Test
    void aResultLineMustNameTheProgramsWorkload() {
        Workload large = named("spawn-4m");
        String line = "{\"workload\": \"spawn-steady\", \"runtime\": \"jasyncio\", \"n\": 4000000, \"us_per_task\": 0.9}";
        assertTrue(ProcessRunner.measurement(Contender.JASYNCIO, "cmd", large, line, "").ok());
        String other = "{\"workload\": \"spawn\", \"runtime\": \"jasyncio\", \"n\": 4000000, \"us_per_task\": 0.9}";
        assertFalse(ProcessRunner.measurement(Contender.JASYNCIO, "cmd", large, other, "").ok());
    }

    @Test
    void withinOfWorkloadJudgesAgainstTheOtherRowsJasyncioMedian() {
        Target t = Target.withinOf("spawn-100k", 1.2);
        Map<String, Map<Contender, Double>> rows = Map.of("spawn-100k", Map.of(Contender.JASYNCIO, 1.0));
        assertEquals("met", t.verdict(Metric.US_PER_TASK, Map.of(Contender.JASYNCIO, 1.2), n -> rows.getOrDefault(n, Map.of())));
        assertEquals("missed", t.verdict(Metric.US_PER_TASK, Map.of(Contender.JASYNCIO, 1.21), n -> rows.getOrDefault(n, Map.of())));
        assertEquals("not measured", t.verdict(Metric.US_PER_TASK, Map.of(Contender.JASYNCIO, 1.0)));
        assertEquals("jasyncio <= 1.2x jasyncio's µs/task on spawn-100k", t.describe(Metric.US_PER_TASK));
    }

    @Test
    void targetsTableNamesTheIssueAndLooksUpTheReferenceRow() {
        Workload small = named("spawn-100k");
        Workload large = named("spawn-4m");
        var smallRun = new WorkloadResult(small, small.full(), Map.of(Contender.JASYNCIO,
                List.of(new Measurement(Contender.JASYNCIO, "cmd", Map.of("us_per_task", 1.0), null))));
        var largeRun = new WorkloadResult(large, large.full(), Map.of(Contender.JASYNCIO,
                List.of(new Measurement(Contender.JASYNCIO, "cmd", Map.of("us_per_task", 1.5), null))));
        String table = Report.targets(List.of(smallRun, largeRun));
        assertTrue(table.contains("| spawn-4m | jasyncio <= 1.2x jasyncio's µs/task on spawn-100k | 8     | missed |"), table);
    }

    @Test
    void smokeTableShowsWhatRanAndNoFigures() {
        Workload spawn = named("spawn");
        var run = new WorkloadResult(spawn, spawn.smoke(), Map.of(
                Contender.JASYNCIO, List.of(new Measurement(Contender.JASYNCIO, "cmd", Map.of("seconds", 0.0123), null)),
                Contender.VIRTUAL_THREADS, List.of(Measurement.failed(Contender.VIRTUAL_THREADS, "cmd", "exit status 1"))));
        Map<Contender, Availability> peers = Map.of(Contender.JASYNCIO, Availability.of("25"),
                Contender.VIRTUAL_THREADS, Availability.of("25"), Contender.ASYNCIO, Availability.missing("no python"),
                Contender.UVLOOP, Availability.missing("no python"));
        String smoke = Report.table(List.of(run), peers, 1, true);
        assertFalse(smoke.contains("0.0123") || smoke.contains("0.012"), smoke);
        assertTrue(smoke.contains("| spawn    | 1,000 | ran      | not available | not available | FAILED          |"), smoke);
        assertTrue(smoke.contains("nothing was measured"), smoke);
        assertTrue(Report.table(List.of(run), peers, 1, false).contains("0.012 s"));
    }
}
