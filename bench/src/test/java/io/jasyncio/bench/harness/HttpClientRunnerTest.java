package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.client.ClientArgs;
import io.jasyncio.bench.client.JasyncioHttpClientBench;
import io.jasyncio.bench.client.JdkHttpClientBench;
import io.jasyncio.bench.client.NettyHttpClientBench;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpClientRunnerTest {
    private final Env env = new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"),
            Path.of("/repo/bench"), true, 60, "/netty.jar");
    private final Workload client = Workloads.named("http-client").orElseThrow();
    private final ClientSize size = new ClientSize(20_000, 100, 20_000);

    private HttpClientRunner runner(Contender c) {
        return (HttpClientRunner) client.runners().stream().filter(r -> r.contender() == c).findFirst().orElseThrow();
    }

    private List<String> pinned(String core, List<String> rest) {
        List<String> cmd = new ArrayList<>(EchoRunner.pinned(env) ? List.of("taskset", "-c", core) : List.of());
        cmd.addAll(rest);
        return cmd;
    }

    private static final List<String> CLIENT_ARGS = List.of("20000", "--url", "http://127.0.0.1:4242/small.txt",
            "--concurrency", "100", "--warmup", "20000", "--expect-bytes", "1024");

    @Test
    void theWorkloadIsTwentyThousandGetsHundredInFlightJudgedOnRequestsPerSecond() {
        assertEquals(size, ClientSize.of(client.full()));
        assertEquals(new ClientSize(200, 10, 0), ClientSize.of(client.smoke()));
        assertEquals(Metric.REQUESTS_PER_S, client.metric());
        assertEquals(List.of(Metric.CLIENT_CPU_PER_REQ), client.alsoShown(), "CPU per request: what a loaded machine does not distort");
        assertEquals(List.of(Contender.JASYNCIO, Contender.ASYNCIO, Contender.UVLOOP, Contender.VIRTUAL_THREADS, Contender.NETTY),
                client.runners().stream().map(Runner::contender).toList());
        assertEquals(List.of(Target.ratioAtLeast(Contender.ASYNCIO, 5).issue("10"),
                Target.ratioAtLeast(Contender.VIRTUAL_THREADS, 3).issue("10")), client.targets());
        assertTrue(client.httpClient());
        assertFalse(client.http() || client.network(), "not a wrk workload");
    }

    @Test
    void jasyncioClientGetsExactlyTheHarnessFlagsOnCoreOne() {
        List<String> expected = new ArrayList<>(List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-Xmx1g", "-cp", "/cp", JasyncioHttpClientBench.class.getName()));
        expected.addAll(CLIENT_ARGS);
        assertEquals(pinned("1", expected), runner(Contender.JASYNCIO).clientCommand(env, size, "4242"));
    }

    @Test
    void peersGetTheirOwnFlagsAndTheSameArguments() {
        List<String> jdk = runner(Contender.VIRTUAL_THREADS).clientCommand(env, size, "4242");
        assertTrue(jdk.containsAll(Env.ONE_CARRIER) && jdk.contains(JdkHttpClientBench.class.getName()), jdk.toString());
        List<String> netty = runner(Contender.NETTY).clientCommand(env, size, "4242");
        assertTrue(netty.containsAll(EchoRunner.NETTY_FLAGS) && netty.contains("/cp:/netty.jar")
                && netty.contains(NettyHttpClientBench.class.getName()), netty.toString());
        List<String> uvloop = runner(Contender.UVLOOP).clientCommand(env, size, "4242");
        assertTrue(String.join(" ", uvloop).contains("/usr/bin/python3 -E -s /repo/bench/python/http_client.py --uvloop 20000"),
                uvloop.toString());
        assertFalse(runner(Contender.ASYNCIO).clientCommand(env, size, "1").contains("--uvloop"));
        for (Contender c : List.of(Contender.VIRTUAL_THREADS, Contender.NETTY, Contender.UVLOOP)) {
            List<String> cmd = runner(c).clientCommand(env, size, "4242");
            assertEquals(CLIENT_ARGS, cmd.subList(cmd.size() - CLIENT_ARGS.size(), cmd.size()), c.label);
        }
    }

    @Test
    void nginxRunsFromItsConfigurationOnCoreZero() {
        assertEquals(pinned("0", NginxConfig.command(NginxConfig.binary(), Path.of("/run"))),
                runner(Contender.ASYNCIO).serverCommand(env, Path.of("/run")));
        String conf = NginxConfig.renderStatic(4242, Path.of("/run"), false);
        assertTrue(conf.contains("listen 127.0.0.1:4242;") && conf.contains("root /run/www;")
                && conf.contains("keepalive_requests 1000000000;") && conf.contains("access_log off;"), conf);
        assertFalse(conf.contains("user root;"));
        assertTrue(NginxConfig.renderStatic(1, Path.of("/run"), true).contains("user root;"));
    }

    @Test
    void theFileIsOneKibOfText() {
        byte[] f = HttpClientRunner.file();
        assertEquals(HttpClientRunner.FILE_BYTES, f.length);
        assertEquals('\n', f[f.length - 1]);
    }

    @Test
    void aiohttpClientsNeedAiohttpAndEveryClientNeedsNginx() {
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        for (Contender c : Contender.values()) {
            peers.put(c, Availability.of("1"));
        }
        peers.put(Contender.AIOHTTP, Availability.missing("no aiohttp"));
        assertEquals("no aiohttp", runner(Contender.UVLOOP).availability(peers).reason());
        assertTrue(runner(Contender.JASYNCIO).availability(peers).available());
        peers.put(Contender.NGINX, Availability.missing("no nginx"));
        assertEquals("no nginx", runner(Contender.JASYNCIO).availability(peers).reason());
    }

    @Test
    void connectionsOptionSetsTheRequestsInFlight() {
        assertEquals(new ClientSize(20_000, 50, 20_000),
                ClientSize.of(Options.parse(List.of("http-client", "--connections", "50")).sizeOf(client)));
        assertEquals(new ClientSize(1_000, 100, 20_000),
                ClientSize.of(Options.parse(List.of("http-client", "--size", "1000")).sizeOf(client)));
    }

    @Test
    void clientArgumentsParseAndRefuseNonsense() {
        ClientArgs a = ClientArgs.parse(CLIENT_ARGS.toArray(String[]::new));
        assertEquals(new ClientArgs(20_000, URI.create("http://127.0.0.1:4242/small.txt"), 100, 20_000, 1024), a);
        assertThrows(IllegalArgumentException.class, () -> ClientArgs.parse(new String[] {"10"}));
        assertThrows(IllegalArgumentException.class, () -> ClientArgs.parse(new String[] {"10", "--url", "http://x/", "--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> ClientArgs.parse(new String[] {"0", "--url", "http://x/"}));
    }
}
