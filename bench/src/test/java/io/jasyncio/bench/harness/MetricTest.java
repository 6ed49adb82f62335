package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void ratioAboveOneSaysJasyncioIsAhead() {
        assertEquals("24.0x (jasyncio faster)", Metric.SECONDS.ratio(2.4, 0.1));
        assertEquals("3.0x (jasyncio uses less)", Metric.BYTES_PER_TASK.ratio(3000, 1000));
    }

    @Test
    void ratioBelowOneSaysJasyncioIsBehind() {
        assertEquals("0.50x (jasyncio slower)", Metric.SECONDS.ratio(1, 2));
        assertEquals("0.25x (jasyncio overshoots more)", Metric.OVERSHOOT_MS.ratio(10, 40));
    }

    @Test
    void ratioAgainstANonPositiveValueIsNotAvailable() {
        assertEquals("n/a", Metric.OVERSHOOT_MS.ratio(10, 0));
        assertEquals("n/a", Metric.OVERSHOOT_MS.ratio(10, -1));
    }

    @Test
    void formatKeepsAboutThreeSignificantDigits() {
        assertEquals("0.412 s", Metric.SECONDS.format(0.41234));
        assertEquals("12.3 ms", Metric.OVERSHOOT_MS.format(12.34));
        assertEquals("781 B/task", Metric.BYTES_PER_TASK.format(780.6));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, WorkloadResult.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, WorkloadResult.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertThrows(IllegalArgumentException.class, () -> WorkloadResult.median(List.of()));
    }

    @Test
    void medianIgnoresFailedRuns() {
        Workload spawn = Workloads.named("spawn").orElseThrow();
        var ok = new Measurement(Contender.JASYNCIO, "cmd", Map.of("seconds", 2.0), null);
        var failed = Measurement.failed(Contender.JASYNCIO, "cmd", "exit status 1");
        var r = new WorkloadResult(spawn, spawn.smoke(), Map.of(Contender.JASYNCIO, List.of(ok, failed)));
        assertEquals(2.0, r.median(Contender.JASYNCIO));
        assertNull(r.median(Contender.ASYNCIO));
        assertEquals(List.of(failed), r.failures());
    }

    @Test
    void targetsJudgeRatiosAndBounds() {
        Map<Contender, Double> medians = Map.of(Contender.JASYNCIO, 0.1, Contender.ASYNCIO, 2.5, Contender.VIRTUAL_THREADS, 0.3);
        Metric s = Metric.SECONDS;
        assertEquals("met", Target.ratioAtLeast(Contender.ASYNCIO, 20).verdict(s, medians));
        assertEquals("missed", Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 4).verdict(s, medians));
        assertEquals("not measured", Target.ratioAtLeast(Contender.UVLOOP, 1).verdict(s, medians));
        assertEquals("met", Target.valueAtMost(0.1).verdict(s, medians));
        assertEquals("missed", Target.valueAtMost(0.05).verdict(s, medians));
        assertEquals("asyncio / jasyncio >= 20.0x", Target.ratioAtLeast(Contender.ASYNCIO, 20).describe(Metric.SECONDS));
        assertEquals("jasyncio <= 30.0 ms", Target.valueAtMost(30).describe(Metric.OVERSHOOT_MS));
    }

    @Test
    void higherIsBetterMetricsPutJasyncioOverThePeer() {
        assertEquals(2.0, Metric.ROUND_TRIPS_PER_S.advantage(50_000, 100_000));
        assertEquals("2.0x (jasyncio faster)", Metric.ROUND_TRIPS_PER_S.ratio(50_000, 100_000));
        assertEquals("0.50x (jasyncio slower)", Metric.ROUND_TRIPS_PER_S.ratio(100_000, 50_000));
        assertEquals("n/a", Metric.ROUND_TRIPS_PER_S.ratio(0, 50_000));
        assertEquals("1.5x (jasyncio uses less CPU)", Metric.SERVER_CPU_PER_RT.ratio(6, 4));
    }

    @Test
    void fractionOfPeerTargetsBoundJasynciosValueByThePeers() {
        Target t = Target.fractionOf(Contender.NETTY, 0.75);
        Metric cpu = Metric.SERVER_CPU_PER_RT;
        assertEquals("met", t.verdict(cpu, Map.of(Contender.JASYNCIO, 3.0, Contender.NETTY, 4.0)));
        assertEquals("missed", t.verdict(cpu, Map.of(Contender.JASYNCIO, 3.1, Contender.NETTY, 4.0)));
        assertEquals("not measured", t.verdict(cpu, Map.of(Contender.JASYNCIO, 3.0)));
        assertEquals("jasyncio <= 0.75x Netty epoll's µs CPU/rt", t.describe(cpu));
    }

    @Test
    void bestPeerTargetsNeedJasyncioAtLeastAsGoodAsEveryMeasuredPeer() {
        Target t = Target.atLeastBestPeer();
        Metric rps = Metric.ROUND_TRIPS_PER_S;
        assertEquals("met", t.verdict(rps, Map.of(Contender.JASYNCIO, 100.0, Contender.NETTY, 100.0, Contender.UVLOOP, 90.0)));
        assertEquals("missed", t.verdict(rps, Map.of(Contender.JASYNCIO, 100.0, Contender.NETTY, 101.0, Contender.UVLOOP, 90.0)));
        assertEquals("not measured", t.verdict(rps, Map.of(Contender.JASYNCIO, 100.0)));
        assertEquals("not measured", t.verdict(rps, Map.of(Contender.NETTY, 100.0)));
        assertEquals("jasyncio >= the best peer's rt/s", t.describe(rps));
        assertEquals("met", t.verdict(Metric.SECONDS, Map.of(Contender.JASYNCIO, 1.0, Contender.ASYNCIO, 2.0)));
    }

    @Test
    void ratioTargetsOnHigherIsBetterMetricsDivideJasyncioByThePeer() {
        Target t = Target.ratioAtLeast(Contender.UVLOOP, 2);
        assertEquals("met", t.verdict(Metric.ROUND_TRIPS_PER_S, Map.of(Contender.JASYNCIO, 200.0, Contender.UVLOOP, 100.0)));
        assertEquals("missed", t.verdict(Metric.ROUND_TRIPS_PER_S, Map.of(Contender.JASYNCIO, 150.0, Contender.UVLOOP, 100.0)));
        assertEquals("jasyncio / uvloop >= 2.0x", t.describe(Metric.ROUND_TRIPS_PER_S));
    }

    @Test
    void medianOfASecondaryMetricSkipsRunsThatLackIt() {
        Workload echo = Workloads.named("echo1k").orElseThrow();
        var a = new Measurement(Contender.NETTY, "cmd", Map.of("server_cpu_us_per_rt", 4.0, "rt_per_s", 10.0), null);
        var b = new Measurement(Contender.NETTY, "cmd", Map.of("server_cpu_us_per_rt", 6.0), null);
        var r = new WorkloadResult(echo, echo.smoke(), Map.of(Contender.NETTY, List.of(a, b)));
        assertEquals(5.0, r.median(Contender.NETTY));
        assertEquals(10.0, r.median(Contender.NETTY, Metric.ROUND_TRIPS_PER_S));
    }
}
