package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.LoopCheck;
import io.jasyncio.bench.echo.JasyncioProtocolEchoServer;
import io.jasyncio.bench.echo.JasyncioStreamsEchoServer;
import io.jasyncio.bench.echo.NettyEchoServer;
import io.jasyncio.bench.echo.NettyTransport;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11's echo rows: the io_uring runtimes' commands, probes, targets and report table. */
class Issue11EchoTest {
    private final Env env = new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"),
            Path.of("/repo/bench"), true, 60, "/netty.jar");
    private final EchoSize size = new EchoSize(1024, 10, 10, 2);
    private final Workload echo1k = Workloads.named("echo1k").orElseThrow();
    private final Workload echo64k = Workloads.named("echo64k").orElseThrow();

    @Test
    void protocolRowsRunBothLoopsAndBothNettyTransportsStreamsRowsBothLoops() {
        List<Contender> protocol = Workloads.PROTOCOL_SERVERS.stream().map(Runner::contender).toList();
        assertEquals(List.of(Contender.JASYNCIO, Contender.JASYNCIO_URING, Contender.ASYNCIO, Contender.UVLOOP,
                Contender.NETTY, Contender.NETTY_URING), protocol);
        assertEquals(List.of(Contender.JASYNCIO, Contender.JASYNCIO_URING, Contender.ASYNCIO, Contender.UVLOOP),
                Workloads.STREAMS_SERVERS.stream().map(Runner::contender).toList());
    }

    @Test
    void httpHelloGetsJasyncioOnIoUringAndBothHttpRowsNettyOnIoUring() {
        Workload hello = Workloads.named("http-hello").orElseThrow();
        Workload json = Workloads.named("http-json").orElseThrow();
        assertEquals(List.of(Contender.JASYNCIO, Contender.JASYNCIO_URING, Contender.ASYNCIO, Contender.UVLOOP,
                Contender.VIRTUAL_THREADS, Contender.NETTY, Contender.NETTY_URING, Contender.NGINX),
                hello.runners().stream().map(Runner::contender).toList());
        assertFalse(json.runners().stream().anyMatch(r -> r.contender() == Contender.JASYNCIO_URING));
        assertTrue(json.runners().stream().anyMatch(r -> r.contender() == Contender.NETTY_URING));
        HttpRunner jasyncioUring = (HttpRunner) hello.runners().get(1);
        List<String> cmd = jasyncioUring.server().command(env, Path.of("/run"), "8080", 60);
        assertTrue(String.join(" ", cmd).contains(String.join(" ", Env.URING_FLAGS) + " -cp /cp io.jasyncio.bench.http.JasyncioHttpServer --port 8080"),
                cmd.toString());
        HttpRunner nettyUring = (HttpRunner) hello.runners().get(6);
        String netty = String.join(" ", nettyUring.server().command(env, Path.of("/run"), "8080", 60));
        assertTrue(netty.contains("io.jasyncio.bench.http.NettyHttpServer --transport io_uring --port 8080"), netty);
    }

    @Test
    void jasyncioUringServerIsTheSameClassWithTheUringFlagsAndNothingElse() {
        List<String> selector = EchoRunner.jasyncio(JasyncioProtocolEchoServer.class).serverCommand(env, size);
        List<String> uring = EchoRunner.jasyncioUring(JasyncioProtocolEchoServer.class).serverCommand(env, size);
        List<String> expected = new java.util.ArrayList<>(selector);
        expected.addAll(expected.indexOf("-Xmx1g") + 1, Env.URING_FLAGS);
        assertEquals(expected, uring);
        assertTrue(Env.URING_FLAGS.containsAll(List.of("--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Djasyncio.loop=uring")));
        assertEquals(Contender.JASYNCIO_URING, EchoRunner.jasyncioUring(JasyncioStreamsEchoServer.class).contender());
        assertFalse(uring.contains("/cp:/netty.jar"), "jasyncio gets no Netty jars");
    }

    @Test
    void nettyIoUringServerIsTheEpollCommandWithTheTransportOptionBeforeThePort() {
        List<String> epoll = EchoRunner.netty(NettyEchoServer.class).serverCommand(env, size);
        List<String> uring = EchoRunner.nettyUring(NettyEchoServer.class).serverCommand(env, size);
        List<String> expected = new java.util.ArrayList<>(epoll);
        expected.addAll(expected.indexOf(NettyEchoServer.class.getName()) + 1, List.of("--transport", "io_uring"));
        assertEquals(expected, uring);
        assertEquals(Contender.NETTY_URING, EchoRunner.nettyUring(NettyEchoServer.class).contender());
    }

    @Test
    void nettyTransportOptionParsesAndLeavesTheRestToEchoServerArgs() {
        String[] args = {"--port", "0", "--transport", "io_uring", "--max-seconds", "5"};
        assertEquals(NettyTransport.IO_URING, NettyTransport.of(args));
        assertArrayEquals(new String[] {"--port", "0", "--max-seconds", "5"}, NettyTransport.without(args));
        assertEquals(NettyTransport.EPOLL, NettyTransport.of(new String[] {"--port", "0"}));
        assertEquals(NettyTransport.EPOLL, NettyTransport.parse("EPOLL"));
        assertThrows(IllegalArgumentException.class, () -> NettyTransport.parse("kqueue"));
        assertThrows(IllegalArgumentException.class, () -> NettyTransport.of(new String[] {"--transport"}));
    }

    @Test
    void nettyReportsWhetherItsIoUringTransportLoadsHere() {
        // the jars are test dependencies; on this Linux the answer is null (available) or Netty's own reason
        String cause = NettyTransport.IO_URING.unavailabilityCause();
        assertTrue(cause == null || !cause.isBlank());
    }

    @Test
    void probesRunWithTheMeasuredRunsFlagsAndClassPath() {
        List<String> uring = JvmProbes.uringCommand(env);
        assertTrue(uring.containsAll(Env.URING_FLAGS), uring.toString());
        assertEquals(LoopCheck.class.getName(), uring.getLast());
        assertTrue(uring.contains("/cp"));
        List<String> netty = JvmProbes.nettyUringCommand(env);
        assertTrue(netty.containsAll(EchoRunner.NETTY_FLAGS), netty.toString());
        assertTrue(netty.contains("/cp:/netty.jar"));
        assertEquals(List.of(NettyTransport.class.getName(), "io_uring"), netty.subList(netty.size() - 2, netty.size()));
    }

    @Test
    void probeAnswersAreParsedAndAnythingElseIsUnavailableWithTheOutput() {
        Commands.Output both = new Commands.Output(0, "warning\nloop available kernel 6.18\nfiles unavailable no ring files");
        assertEquals(Availability.of("kernel 6.18"), JvmProbes.parse("x", "loop", both));
        assertEquals(Availability.missing("no ring files"), JvmProbes.parse("x", "files", both));
        assertEquals(Availability.of("available"), JvmProbes.parse("x", "", new Commands.Output(0, "available")));
        assertEquals(Availability.missing("io_uring_setup: EPERM"),
                JvmProbes.parse("x", "", new Commands.Output(0, "unavailable io_uring_setup: EPERM")));
        Availability crashed = JvmProbes.parse("jasyncio io_uring", "loop", new Commands.Output(1, "Error: could not find main class"));
        assertFalse(crashed.available());
        assertTrue(crashed.reason().contains("jasyncio io_uring probe failed (status 1): Error: could not find main class"),
                crashed.reason());
        assertFalse(JvmProbes.parse("x", "files", new Commands.Output(0, "loop available kernel 6.18")).available(),
                "no answer about files is no availability");
    }

    @Test
    void nettyIoUringIsUnavailableWithoutProbingWhenNettyIs() {
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        peers.put(Contender.NETTY, Availability.missing("no jars"));
        JvmProbes.probe(env, List.of(Workloads.named("spawn").orElseThrow()), peers);
        assertFalse(peers.containsKey(Contender.NETTY_URING), "no selected workload runs it: not probed");
        assertFalse(peers.containsKey(Contender.JASYNCIO_URING));
    }

    @Test
    void loadAverageIsTheFirstThreeFieldsOfProcLoadavg() {
        assertEquals("7.53 5.36 3.40", MachineFacts.loadAverage("7.53 5.36 3.40 3/812 123456\n"));
        assertEquals("unknown", MachineFacts.loadAverage("unknown"));
    }

    @Test
    void uringModuleIsFoundOnTheClassPathByItsEntry() {
        assertEquals(List.of("/r/uring/target/classes", "/m2/jasyncio-uring-0.1.0-SNAPSHOT.jar"),
                Bench.uringEntries("/r/core/target/classes:/r/uring/target/classes:/m2/jasyncio-uring-0.1.0-SNAPSHOT.jar:"
                        + "/m2/netty-transport-native-io_uring-4.2.18.Final-linux-x86_64.jar"));
        assertTrue(Bench.classpath().contains("uring"), "the bench module depends on jasyncio-uring: " + Bench.classpath());
    }

    @Test
    void echo1kJudgesTheUringLoopAgainstBothNettyTransports() {
        Metric cpu = Metric.SERVER_CPU_PER_RT;
        List<Target> uring = echo1k.targets().stream().filter(t -> t.subject() == Contender.JASYNCIO_URING).toList();
        assertEquals(2, uring.size());
        assertEquals(List.of("11", "11"), uring.stream().map(Target::issue).toList());
        assertEquals("jasyncio io_uring <= 0.75x Netty epoll's µs CPU/rt", uring.get(0).describe(cpu));
        assertEquals("jasyncio io_uring <= 1.00x Netty io_uring's µs CPU/rt", uring.get(1).describe(cpu));
        Map<Contender, Double> medians = Map.of(Contender.JASYNCIO, 10.0, Contender.JASYNCIO_URING, 3.0,
                Contender.NETTY, 4.0, Contender.NETTY_URING, 3.5);
        assertEquals("met", uring.get(0).verdict(cpu, medians));
        assertEquals("met", uring.get(1).verdict(cpu, medians));
        Map<Contender, Double> slower = Map.of(Contender.JASYNCIO_URING, 3.6, Contender.NETTY, 4.0, Contender.NETTY_URING, 3.5);
        assertEquals("missed", uring.get(0).verdict(cpu, slower));
        assertEquals("missed", uring.get(1).verdict(cpu, slower));
        assertEquals("not measured", uring.get(1).verdict(cpu, Map.of(Contender.JASYNCIO, 1.0, Contender.NETTY_URING, 3.5)));
        // issue 5's target still judges the selector loop
        Target selector = echo1k.targets().getFirst();
        assertEquals(Contender.JASYNCIO, selector.subject());
        assertEquals("missed", selector.verdict(cpu, medians));
    }

    @Test
    void echo64kWantsTheUringLoopAtOnePointTwoTimesTheBestPeerNotCountingJasyncioItself() {
        Metric rts = Metric.ROUND_TRIPS_PER_S;
        Target t = echo64k.targets().stream().filter(x -> x.subject() == Contender.JASYNCIO_URING).findFirst().orElseThrow();
        assertEquals("jasyncio io_uring >= 1.2x the best peer's rt/s", t.describe(rts));
        assertEquals("met", t.verdict(rts, Map.of(Contender.JASYNCIO_URING, 12_000.0, Contender.JASYNCIO, 20_000.0,
                Contender.NETTY, 10_000.0, Contender.NETTY_URING, 9_000.0, Contender.UVLOOP, 5_000.0)));
        assertEquals("missed", t.verdict(rts, Map.of(Contender.JASYNCIO_URING, 11_000.0, Contender.NETTY, 10_000.0)));
        assertEquals("not measured", t.verdict(rts, Map.of(Contender.JASYNCIO_URING, 11_000.0, Contender.JASYNCIO, 1.0)));
        Target issue5 = echo64k.targets().getFirst();
        assertEquals("jasyncio >= the best peer's rt/s", issue5.describe(rts));
        assertEquals("met", issue5.verdict(rts, Map.of(Contender.JASYNCIO, 10_000.0, Contender.JASYNCIO_URING, 20_000.0,
                Contender.NETTY, 10_000.0)), "jasyncio's other loop is not a peer");
    }

    @Test
    void reportGivesTheUringLoopItsOwnTableAndNamesIssue11() {
        Measurement sel = new Measurement(Contender.JASYNCIO, "c", Map.of("server_cpu_us_per_rt", 8.0, "rt_per_s", 1000.0), null);
        Measurement ur = new Measurement(Contender.JASYNCIO_URING, "c", Map.of("server_cpu_us_per_rt", 4.0, "rt_per_s", 1000.0), null);
        Measurement nu = new Measurement(Contender.NETTY_URING, "c", Map.of("server_cpu_us_per_rt", 6.0, "rt_per_s", 1000.0), null);
        WorkloadResult r = new WorkloadResult(echo1k, size.toSize(), Map.of(Contender.JASYNCIO, List.of(sel),
                Contender.JASYNCIO_URING, List.of(ur), Contender.NETTY_URING, List.of(nu)));
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        for (Contender c : Contender.values()) {
            peers.put(c, Availability.of("1"));
        }
        String table = Report.table(List.of(r), peers, 1);
        assertTrue(table.contains("| jasyncio io_uring vs jasyncio "), table);
        assertTrue(table.contains("2.0x (jasyncio uses less CPU)"), table);
        assertTrue(table.contains("| Netty io_uring "), table);
        assertTrue(table.contains("1.5x (jasyncio uses less CPU)"), table);
        assertEquals("5 and 11", Report.issues(List.of(r)));
        assertEquals("9", Report.issues(List.of(new WorkloadResult(Workloads.named("http-json").orElseThrow(),
                Workloads.named("http-json").orElseThrow().full(), Map.of()))));
        String targets = Report.targets(List.of(r));
        assertTrue(targets.contains("| jasyncio io_uring <= 1.00x Netty io_uring's µs CPU/rt | 11 "), targets);
        assertTrue(targets.contains("met"), targets);
    }

    @Test
    void smokeTableHasAColumnForTheUringLoopAndSaysWhyItIsMissing() {
        Map<Contender, Availability> peers = new EnumMap<>(Contender.class);
        for (Contender c : Contender.values()) {
            peers.put(c, Availability.of("1"));
        }
        peers.put(Contender.JASYNCIO_URING, Availability.missing("io_uring is disabled (kernel.io_uring_disabled=2)"));
        WorkloadResult r = new WorkloadResult(echo1k, size.toSize(), Map.of());
        String table = Report.table(List.of(r), peers, 1, true);
        assertTrue(table.contains("| jasyncio io_uring |"), table);
        assertTrue(table.contains("**jasyncio io_uring not measured**: io_uring is disabled (kernel.io_uring_disabled=2)"), table);
    }
}
