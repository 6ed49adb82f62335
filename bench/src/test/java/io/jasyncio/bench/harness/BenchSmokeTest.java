package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the harness's smoke mode end to end (every workload at tiny size, one round, each run a
 * real process) so that the workload programs, the peers and the parsing never rot. It checks
 * that everything runs and parses, not how fast. It never installs anything (--no-install).
 */
class BenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void smokeRunGivesEveryAvailableRuntimeAParsableResult() throws IOException {
        Path out = tmp.resolve("RESULTS-smoke.md");
        var outcome = Bench.execute(Options.parse(List.of("--smoke", "--no-install", "--out", out.toString())));

        outcome.peers().forEach((c, a) -> {
            if (!a.available()) {
                // visible in the test output: this machine could not check that peer's programs
                System.out.println("BenchSmokeTest: " + c.label + " not measured on this machine: " + a.reason());
            }
        });
        assertEquals(Workloads.ALL.size(), outcome.results().size());
        assertTrue(outcome.peers().get(Contender.JASYNCIO).available());
        assertTrue(outcome.peers().get(Contender.VIRTUAL_THREADS).available());
        for (WorkloadResult r : outcome.results()) {
            for (Runner runner : r.workload().runners()) {
                Contender c = runner.contender();
                Availability a = outcome.peers().get(c);
                if (!a.available()) {
                    // absent peers are said so in the table, with the reason, never dropped silently
                    assertFalse(r.runs().containsKey(c), r.workload().name() + " ran " + c);
                    assertTrue(outcome.table().contains(c.label + " not measured**: " + a.reason()), outcome.table());
                    continue;
                }
                List<Measurement> runs = r.runs().get(c);
                assertNotNull(runs, r.workload().name() + " did not run " + c);
                assertEquals(1, runs.size());
                Measurement m = runs.getFirst();
                assertTrue(m.ok(), () -> r.workload().name() + " on " + c + ": " + m.error());
                double value = m.number(r.workload().metric().field());
                assertTrue(Double.isFinite(value), r.workload().name() + " on " + c + ": " + m.fields());
                assertEquals(r.size().n(), m.number("n"), 0.0);
            }
        }
        assertEquals(List.of(), outcome.failures());
        String written = Files.readString(out);
        assertTrue(written.contains(outcome.table()), "the file holds the printed table");
        assertTrue(written.contains("**Smoke run**"));
        assertTrue(written.contains("## Machine"));
        assertTrue(written.contains("./jasyncio bench --smoke --no-install --out"));
    }

    @Test
    void missingPythonLeavesJavaRuntimesMeasuredAndSaysWhy() {
        Path out = tmp.resolve("r.md");
        var outcome = Bench.execute(Options.parse(List.of("--smoke", "--no-install", "--python", "/nonexistent/python3",
                "--out", out.toString(), "spawn")));

        WorkloadResult spawn = outcome.results().getFirst();
        assertTrue(spawn.runs().get(Contender.JASYNCIO).getFirst().ok());
        assertTrue(spawn.runs().get(Contender.VIRTUAL_THREADS).getFirst().ok());
        assertFalse(spawn.runs().containsKey(Contender.ASYNCIO));
        assertFalse(outcome.peers().get(Contender.UVLOOP).available());
        assertTrue(outcome.table().contains("**asyncio not measured**: /nonexistent/python3 not found"), outcome.table());
        assertTrue(outcome.table().contains("**uvloop not measured**"), outcome.table());
        assertTrue(outcome.table().contains("not available"));
    }
}
