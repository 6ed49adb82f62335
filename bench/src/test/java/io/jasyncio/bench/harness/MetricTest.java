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
        assertEquals("met", Target.ratioAtLeast(Contender.ASYNCIO, 20).verdict(medians));
        assertEquals("missed", Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 4).verdict(medians));
        assertEquals("not measured", Target.ratioAtLeast(Contender.UVLOOP, 1).verdict(medians));
        assertEquals("met", Target.valueAtMost(0.1).verdict(medians));
        assertEquals("missed", Target.valueAtMost(0.05).verdict(medians));
        assertEquals("asyncio / jasyncio >= 20.0x", Target.ratioAtLeast(Contender.ASYNCIO, 20).describe(Metric.SECONDS));
        assertEquals("jasyncio <= 30.0 ms", Target.valueAtMost(30).describe(Metric.OVERSHOOT_MS));
    }
}
