package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.http.JdkHttpServer;
import io.jasyncio.bench.http.JsonDocument;
import io.jasyncio.bench.http.NettyHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRunnerTest {
    private final Env env = new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"),
            Path.of("/repo/bench"), true, 60, "/netty.jar");
    private final Workload hello = Workloads.named("http-hello").orElseThrow();
    private final Workload json = Workloads.named("http-json").orElseThrow();
    private final HttpSize size = new HttpSize(100, 10, 5);

    private HttpRunner runner(Workload w, Contender c) {
        return (HttpRunner) w.runners().stream().filter(r -> r.contender() == c).findFirst().orElseThrow();
    }

    private List<String> pinned(String core, List<String> rest) {
        List<String> cmd = new ArrayList<>(EchoRunner.pinned(env) ? List.of("taskset", "-c", core) : List.of());
        cmd.addAll(rest);
        return cmd;
    }

    @Test
    void wrkRunsOneThreadOnCoreOneAgainstTheWorkloadsPath() {
        assertEquals(pinned("1", List.of("wrk", "-t", "1", "-c", "100", "-d", "10s", "--timeout", "10s",
                "http://127.0.0.1:4242/json")), runner(json, Contender.NGINX).wrkCommand(env, size, 10, "4242"));
        assertTrue(runner(hello, Contender.NGINX).wrkCommand(env, size, 5, "1").getLast().endsWith(":1/"));
    }

    @Test
    void javaServersArePinnedToCoreZeroWithTheHarnessFlagsAndTheirOwn() {
        List<String> netty = runner(hello, Contender.NETTY).serverCommand(env, Path.of("/run"), "4242", size);
        long lifetime = HttpRunner.START_SECONDS + 5 + 10 + HttpRunner.GRACE_SECONDS;
        List<String> expected = new ArrayList<>(List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-Xmx1g"));
        expected.addAll(EchoRunner.NETTY_FLAGS);
        expected.addAll(List.of("-cp", "/cp:/netty.jar", NettyHttpServer.class.getName(), "--port", "4242", "--max-seconds",
                Long.toString(lifetime)));
        assertEquals(pinned("0", expected), netty);
        List<String> jdk = runner(hello, Contender.VIRTUAL_THREADS).serverCommand(env, Path.of("/run"), "1", size);
        assertTrue(jdk.containsAll(Env.ONE_CARRIER) && jdk.contains(JdkHttpServer.class.getName()), jdk.toString());
    }

    @Test
    void jasyncioServerGetsExactlyTheHarnessFlagsAndNoPeerLibraries() {
        List<String> cmd = runner(json, Contender.JASYNCIO).serverCommand(env, Path.of("/run"), "9", size);
        assertEquals(pinned("0", List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g",
                "-cp", "/cp", io.jasyncio.bench.http.JasyncioHttpServer.class.getName(), "--port", "9", "--max-seconds",
                Long.toString(HttpRunner.START_SECONDS + 15 + HttpRunner.GRACE_SECONDS))), cmd);
    }

    @Test
    void aiohttpReadsTheDocumentFromTheRunDirectoryAndUvloopSaysSo() {
        List<String> asyncio = runner(json, Contender.ASYNCIO).serverCommand(env, Path.of("/run"), "7", size);
        assertTrue(String.join(" ", asyncio).endsWith("/usr/bin/python3 -E -s /repo/bench/python/http_server.py --json "
                + "/run/document.json --port 7 --max-seconds " + (HttpRunner.START_SECONDS + 15 + HttpRunner.GRACE_SECONDS)), asyncio.toString());
        assertFalse(asyncio.contains("--uvloop"));
        assertTrue(runner(json, Contender.UVLOOP).serverCommand(env, Path.of("/run"), "7", size).contains("--uvloop"));
    }

    @Test
    void nginxRunsFromItsConfiguration() {
        List<String> cmd = runner(hello, Contender.NGINX).serverCommand(env, Path.of("/run"), "7", size);
        assertEquals(pinned("0", NginxConfig.command(NginxConfig.binary(), Path.of("/run"))), cmd);
    }

    @Test
    void describeShowsServerAndLoadWithPlaceholders() {
        String d = runner(hello, Contender.NGINX).describe(env, hello, size.toSize());
        assertTrue(d.startsWith("server: ") && d.contains(" ; load: "), d);
        assertTrue(d.contains("http://127.0.0.1:PORT/ (after a 5 s warm-up run)"), d);
    }

    @Test
    void wrkMissingMakesEveryRowUnavailableAndAiohttpMissingOnlyThePythonOnes() {
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        for (Contender c : Contender.values()) {
            peers.put(c, Availability.of("1"));
        }
        assertTrue(runner(hello, Contender.NGINX).availability(peers).available());
        peers.put(Contender.AIOHTTP, Availability.missing("no aiohttp"));
        assertEquals("no aiohttp", runner(hello, Contender.ASYNCIO).availability(peers).reason());
        assertEquals("no aiohttp", runner(hello, Contender.UVLOOP).availability(peers).reason());
        assertTrue(runner(hello, Contender.NETTY).availability(peers).available());
        peers.put(Contender.UVLOOP, Availability.missing("no uvloop"));
        assertEquals("no uvloop", runner(hello, Contender.UVLOOP).availability(peers).reason(), "the runtime's own reason first");
        peers.put(Contender.WRK, Availability.missing("no wrk"));
        for (Runner r : hello.runners()) {
            assertFalse(r.availability(peers).available(), r.contender().label);
        }
    }

    @Test
    void fieldsGiveCpuPerRequestAndRequestsPerSecond() {
        HttpRunner nginx = runner(json, Contender.NGINX);
        Map<String, Object> f = nginx.fields(json, size, new WrkOutput(700_000, 10.0, 0, 0, 0, 0, 0), 924, 100, 12_345, 99);
        assertEquals("http-json", f.get("workload"));
        assertEquals("nginx", f.get("runtime"));
        assertEquals(100.0, f.get("n"));
        assertEquals(70_000.0, (Double) f.get("req_per_s"), 1e-9);
        assertEquals(9.24, (Double) f.get("server_cpu_s"), 1e-12);
        assertEquals(13.2, (Double) f.get("server_cpu_us_per_req"), 1e-9);
        assertEquals(1024.0, f.get("body_bytes"));
        Measurement m = new Measurement(Contender.NGINX, "cmd", f, null);
        assertEquals(13.2, m.number(json.metric().field()), 1e-9);
        assertEquals(70_000.0, m.number(Metric.REQUESTS_PER_S.field()), 1e-9);
    }

    @Test
    void httpWorkloadsCompareCpuPerRequestAndJudgeIssueNinesTargets() {
        for (Workload w : List.of(hello, json)) {
            assertTrue(w.http() && w.network());
            assertEquals(Metric.SERVER_CPU_PER_REQ, w.metric());
            assertEquals(List.of(Metric.REQUESTS_PER_S), w.alsoShown());
            assertEquals(Target.fractionOf(Contender.NGINX, 1.0).issue("9"), w.targets().getFirst());
            assertEquals(List.of(Contender.JASYNCIO, Contender.ASYNCIO, Contender.UVLOOP, Contender.VIRTUAL_THREADS,
                    Contender.NETTY, Contender.NETTY_URING, Contender.NGINX), w.runners().stream().map(Runner::contender)
                    .filter(c -> c != Contender.JASYNCIO_URING).toList());
        }
        assertEquals(List.of(Target.fractionOf(Contender.NGINX, 1.0).issue("9"), Workloads.CODEC_TARGET), hello.targets());
        assertEquals(new HttpSize(100, 10, 5), HttpSize.of(hello.full()));
        assertFalse(Workloads.named("echo1k").orElseThrow().http());
        Map<Contender, Double> medians = Map.of(Contender.JASYNCIO, 13.0, Contender.NGINX, 13.2);
        Target t = hello.targets().getFirst();
        assertEquals("met", t.verdict(Metric.SERVER_CPU_PER_REQ, medians));
        assertEquals("missed", t.verdict(Metric.SERVER_CPU_PER_REQ, Map.of(Contender.JASYNCIO, 13.3, Contender.NGINX, 13.2)));
        assertEquals("jasyncio <= 1.00x nginx's µs CPU/req", t.describe(Metric.SERVER_CPU_PER_REQ));
        assertEquals(Target.NOT_JUDGED_HERE, Workloads.CODEC_TARGET.verdict(Metric.SERVER_CPU_PER_REQ, medians));
        assertTrue(Workloads.CODEC_TARGET.describe(Metric.SERVER_CPU_PER_REQ).contains("400-byte request head in < 1 µs"));
    }

    @Test
    void durationAndConnectionsResizeHttpRunsInWholeSeconds() {
        Options o = Options.parse(List.of("http-hello", "--duration", "2.5", "--connections", "50"));
        assertEquals(new HttpSize(50, 3, 5), HttpSize.of(o.sizeOf(hello)));
        assertFalse(o.judgesTargets());
        assertEquals(new HttpSize(20, 1, 1), HttpSize.of(Options.parse(List.of("--smoke", "http-json")).sizeOf(json)));
        assertThrows(IllegalArgumentException.class, () -> HttpSize.of(Size.of(100)));
        assertThrows(IllegalArgumentException.class, () -> new HttpSize(100, 0, 0));
    }

    @Test
    void checkWantsStatus200TheMediaTypeAndTheExactBody() {
        byte[] doc = JsonDocument.compactBytes();
        assertNull(HttpCheck.JSON.problem(200, "application/json; charset=utf-8", doc));
        assertNull(HttpCheck.HELLO.problem(200, "Text/Plain", "Hello, World!".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(HttpCheck.JSON.problem(404, "application/json", doc).contains("status 404"));
        assertTrue(HttpCheck.JSON.problem(200, "text/plain", doc).contains("Content-Type text/plain"));
        assertTrue(HttpCheck.JSON.problem(200, null, doc).contains("Content-Type null"));
        byte[] spaced = JsonDocument.compact().replace(",", ", ").getBytes(StandardCharsets.US_ASCII);
        assertTrue(HttpCheck.JSON.problem(200, "application/json", spaced).contains("not the expected 1024"));
        assertTrue(HttpCheck.HELLO.problem(200, "text/plain", new byte[0]).contains("body of 0 bytes"));
    }
}
