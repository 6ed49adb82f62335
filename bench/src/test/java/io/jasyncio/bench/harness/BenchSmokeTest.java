package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the harness's smoke mode end to end (every workload at tiny size, one round, each run a
 * real process; the echo workloads apart, with their servers and the C load client) so that
 * the workload programs, the peers and the parsing never rot. It checks
 * that everything runs and parses, not how fast. It never installs anything (--no-install).
 */
class BenchSmokeTest {
    @TempDir
    Path tmp;

    /** The one-process workloads and the echo workloads are run apart, each within its own time bound. */
    private static final List<String> ECHO = Workloads.ALL.stream().filter(w -> w.network() && !w.http()).map(Workload::name).toList();
    private static final List<String> HTTP = Workloads.ALL.stream().filter(Workload::http).map(Workload::name).toList();
    private static final List<String> NOT_ECHO = Workloads.ALL.stream().filter(w -> !w.network() && !w.httpClient())
            .map(Workload::name).toList();

    /** The one-process workloads, the file rows among them (every runtime reads the data set back with the right checksum). */
    @Test
    void smokeRunGivesEveryAvailableRuntimeAParsableResult() throws IOException {
        Path out = tmp.resolve("RESULTS-smoke.md");
        List<String> args = new ArrayList<>(List.of("--smoke", "--no-install", "--out", out.toString()));
        args.addAll(NOT_ECHO);
        var outcome = Bench.execute(Options.parse(args));

        assertEveryAvailableRuntimeMeasured(outcome, NOT_ECHO.size());
        String written = Files.readString(out);
        assertTrue(written.contains(outcome.table()), "the file holds the printed table");
        assertTrue(written.contains("**Smoke run**"));
        assertTrue(written.contains("## Machine"));
        assertTrue(written.contains("./jasyncio bench --smoke --no-install --out"));
    }

    /**
     * Every echo server (jasyncio's on the selector and on the io_uring loop, asyncio's and
     * uvloop's, protocol and streams servers; Netty's on epoll and on io_uring) against the one
     * load client, a second each after half a second of warm-up; a server not written yet is reported as
     * such; no server process outlives the run. A dozen short server runs on a busy 2-core machine
     * take about 20 s; the bound leaves room for a slow moment.
     */
    @Test
    @Timeout(value = ECHO_SMOKE_BOUND_SECONDS, unit = TimeUnit.SECONDS)
    void echoSmokeRunMeasuresEveryAvailableServerAndLeavesNoServerBehind() throws IOException {
        Path out = tmp.resolve("RESULTS-echo-smoke.md");
        List<String> args = new ArrayList<>(List.of("--smoke", "--no-install", "--out", out.toString()));
        args.addAll(ECHO);
        var outcome = Bench.execute(Options.parse(args));

        assertEveryAvailableRuntimeMeasured(outcome, ECHO.size());
        assertTrue(outcome.peers().get(Contender.NETTY).available(),
                "the Netty jars are test dependencies of the bench module: " + outcome.peers().get(Contender.NETTY));
        for (WorkloadResult r : outcome.results()) {
            for (Measurement m : r.runs().values().stream().flatMap(List::stream).toList()) {
                assertTrue(m.number("round_trips") >= 1, m.fields().toString());
                assertTrue(m.number("rt_per_s") > 0, m.fields().toString());
                assertTrue(m.number("server_cpu_s") >= 0, m.fields().toString());
                assertTrue(m.number("content_checks") >= 1, m.fields().toString());
                assertTrue(m.command().contains("server: ") && m.command().contains("; client: "), m.command());
            }
        }
        // jasyncio's streams server is measured like every other available one
        assertTrue(Workloads.STREAMS_SERVERS.getFirst().availability(outcome.peers()).available());
        assertFalse(EchoRunner.serverPids().isEmpty());
        for (long pid : EchoRunner.serverPids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "echo server " + pid + " is still running");
        }
        String written = Files.readString(out);
        assertTrue(written.contains("the load client with `taskset -c 0`") || written.contains("NOT pinned"), written);
    }

    static final long ECHO_SMOKE_BOUND_SECONDS = 150;

    /**
     * Every HTTP server (aiohttp on asyncio and on uvloop, the JDK's HttpServer, Netty's codec,
     * nginx, and jasyncio's once it is there) under wrk for a second after a second of warm-up:
     * each answered the checked response, wrk counted no error, the CPU figures parse; no server
     * process (nor nginx's worker) outlives its run. A dozen server runs of about 4 s each on a
     * busy 2-core machine; the bound leaves room for a slow moment.
     */
    @Test
    @Timeout(value = HTTP_SMOKE_BOUND_SECONDS, unit = TimeUnit.SECONDS)
    void httpSmokeRunMeasuresEveryAvailableServerAndLeavesNoServerBehind() throws IOException {
        Path out = tmp.resolve("RESULTS-http-smoke.md");
        List<String> args = new ArrayList<>(List.of("--smoke", "--no-install", "--out", out.toString()));
        args.addAll(HTTP);
        var outcome = Bench.execute(Options.parse(args));

        assertEveryAvailableRuntimeMeasured(outcome, HTTP.size());
        for (WorkloadResult r : outcome.results()) {
            for (Measurement m : r.runs().values().stream().flatMap(List::stream).toList()) {
                assertTrue(m.number("requests") >= 1, m.fields().toString());
                assertTrue(m.number("req_per_s") > 0, m.fields().toString());
                assertTrue(m.number("server_cpu_s") >= 0, m.fields().toString());
                assertTrue(m.command().contains("server: ") && m.command().contains("; load: "), m.command());
            }
        }
        assertFalse(HttpRunner.serverPids().isEmpty());
        for (long pid : HttpRunner.serverPids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "HTTP server " + pid + " is still running");
        }
        String written = Files.readString(out);
        assertTrue(written.contains("wrk with `taskset -c 1`") || written.contains("NOT pinned"), written);
        assertTrue(outcome.table().contains("nginx"), outcome.table());
    }

    static final long HTTP_SMOKE_BOUND_SECONDS = 240;

    /**
     * Every HTTP client (jasyncio's ClientSession, aiohttp's on asyncio and uvloop, the JDK's
     * HttpClient, Netty's codec) fetches the file from nginx 200 times, 10 in flight: each
     * checked every status and body length itself, the result lines parse, nginx's CPU was
     * sampled, and no nginx outlives its run. Five short runs with a JVM or Python start each.
     */
    @Test
    @Timeout(value = HTTP_CLIENT_SMOKE_BOUND_SECONDS, unit = TimeUnit.SECONDS)
    void httpClientSmokeRunMeasuresEveryAvailableClientAndLeavesNoNginxBehind() throws IOException {
        Path out = tmp.resolve("RESULTS-http-client-smoke.md");
        var outcome = Bench.execute(Options.parse(List.of("--smoke", "--no-install", "--out", out.toString(), "http-client")));

        assertEveryAvailableRuntimeMeasured(outcome, 1);
        for (Measurement m : outcome.results().getFirst().runs().values().stream().flatMap(List::stream).toList()) {
            assertEquals(200, m.number("requests"), 0.0, m.fields().toString());
            assertTrue(m.number("req_per_s") > 0, m.fields().toString());
            assertTrue(m.number("client_cpu_us_per_req") > 0, m.fields().toString());
            assertTrue(m.number("server_cpu_s") >= 0, m.fields().toString());
            assertTrue(m.command().contains("server: ") && m.command().contains("; client: "), m.command());
        }
        assertFalse(HttpClientRunner.serverPids().isEmpty());
        for (long pid : HttpClientRunner.serverPids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "nginx " + pid + " is still running");
        }
        String written = Files.readString(out);
        assertTrue(written.contains("the client with `taskset -c 1`") || written.contains("NOT pinned"), written);
    }

    static final long HTTP_CLIENT_SMOKE_BOUND_SECONDS = 180;

    /**
     * Asserts that every runtime this machine has ran every workload and passed its own check,
     * then skips the test (a JUnit assumption, with the reasons) if a peer was missing: a run that
     * could not check every peer's programs must not look like one that did.
     */
    private static void assertEveryAvailableRuntimeMeasured(Bench.Outcome outcome, int workloads) {
        assertEquals(workloads, outcome.results().size());
        assertTrue(outcome.peers().get(Contender.JASYNCIO).available());
        assertTrue(outcome.peers().get(Contender.VIRTUAL_THREADS).available());
        for (WorkloadResult r : outcome.results()) {
            for (Runner runner : r.workload().runners()) {
                Contender c = runner.contender();
                Availability a = runner.availability(outcome.peers());
                if (!a.available()) {
                    // absent runtimes are said so in the table, with the reason, never dropped silently
                    assertFalse(r.runs().containsKey(c), r.workload().name() + " ran " + c);
                    assertTrue(outcome.table().contains(c.label + " not measured"), outcome.table());
                    assertTrue(outcome.table().contains(a.reason()), outcome.table());
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
        assertNoFigures(outcome.table());
        // only what these workloads run counts: AsyncFile's io_uring backend does not matter to the echo rows
        List<String> missing = outcome.results().stream().flatMap(r -> r.workload().runners().stream())
                .filter(r -> !r.availability(outcome.peers()).available())
                .map(r -> r.contender().label + ": " + r.availability(outcome.peers()).reason()).distinct().toList();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "not measured on this machine: " + String.join("; ", missing));
    }

    /** A smoke table says which programs ran and nothing else: no figure a reader could take for a result. */
    private static void assertNoFigures(String table) {
        for (String line : table.lines().filter(l -> l.startsWith("|")).skip(2).toList()) {
            String[] cells = line.split("\\|");
            for (int i = 3; i < cells.length; i++) {
                assertTrue(cells[i].isBlank() || cells[i].strip().matches(Report.SMOKE_CELL + "|—|not available"), line);
            }
        }
        assertFalse(table.contains("jasyncio faster") || table.contains("jasyncio slower") || table.contains(" ms"), table);
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
