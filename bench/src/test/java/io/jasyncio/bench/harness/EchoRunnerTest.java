package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.echo.JasyncioProtocolEchoServer;
import io.jasyncio.bench.echo.NettyEchoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoRunnerTest {
    private final Env env = new Env(Path.of("/jdk/bin/java"), "/cp", List.of("-Xmx1g"), Path.of("/usr/bin/python3"),
            Path.of("/repo/bench"), true, 60, "/netty.jar");
    private final Workload echo1k = Workloads.named("echo1k").orElseThrow();
    private final EchoSize size = new EchoSize(1024, 10, 10, 2);

    @Test
    void jasyncioServerGetsTheHarnessFlagsAndIsPinnedToCoreOneWithAHardLifetime() {
        List<String> cmd = EchoRunner.jasyncio(JasyncioProtocolEchoServer.class).serverCommand(env, size);
        List<String> pin = EchoRunner.pinned(env) ? List.of("taskset", "-c", "1") : List.of();
        List<String> expected = new java.util.ArrayList<>(pin);
        expected.addAll(List.of("/jdk/bin/java", "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g",
                "-cp", "/cp", JasyncioProtocolEchoServer.class.getName(), "--port", "0", "--max-seconds",
                Long.toString(EchoRunner.START_SECONDS + 2 + 10 + EchoRunner.GRACE_SECONDS)));
        assertEquals(expected, cmd);
    }

    @Test
    void nettyServerAddsItsJarsAndFlagsAndNothingElse() {
        List<String> cmd = EchoRunner.netty(NettyEchoServer.class).serverCommand(env, size);
        assertTrue(cmd.containsAll(EchoRunner.NETTY_FLAGS), cmd.toString());
        assertTrue(cmd.contains("/cp:/netty.jar"), cmd.toString());
        assertTrue(cmd.contains("-Xmx1g"), cmd.toString());
        assertEquals(Contender.NETTY, EchoRunner.netty(NettyEchoServer.class).contender());
    }

    @Test
    void pythonServersPassStyleAndUvloop() {
        List<String> asyncio = EchoRunner.python(Contender.ASYNCIO, "streams").serverCommand(env, size);
        assertTrue(String.join(" ", asyncio).contains("/usr/bin/python3 -E -s /repo/bench/python/echo_server.py --style streams --port 0"),
                asyncio.toString());
        assertFalse(asyncio.contains("--uvloop"));
        assertTrue(EchoRunner.python(Contender.UVLOOP, "protocol").serverCommand(env, size).contains("--uvloop"));
        assertThrows(IllegalArgumentException.class, () -> EchoRunner.python(Contender.NETTY, "protocol"));
        assertThrows(IllegalArgumentException.class, () -> EchoRunner.python(Contender.ASYNCIO, "threads"));
    }

    @Test
    void clientIsPinnedToCoreZeroAndToldWhatToMeasure() {
        List<String> cmd = EchoRunner.jasyncio(JasyncioProtocolEchoServer.class)
                .clientCommand(env, echo1k, size, Path.of("/c"), "4242", "77");
        String line = String.join(" ", cmd);
        assertTrue(line.endsWith("/c --port 4242 --pid 77 --size 1024 --connections 10 --seconds 10.0 --warmup 2.0"
                + " --workload echo1k --runtime jasyncio"), line);
        assertEquals(EchoRunner.pinned(env), line.startsWith("taskset -c 0 "));
    }

    @Test
    void describeNamesServerAndClientWithPlaceholders() {
        String d = EchoRunner.jasyncio(JasyncioProtocolEchoServer.class).describe(env, echo1k, size.toSize());
        assertTrue(d.startsWith("server: "), d);
        assertTrue(d.contains(" ; client: "), d);
        assertTrue(d.contains("/repo/bench/target/echo-client --port PORT --pid SERVER_PID"), d);
    }

    @Test
    void aServerNotWrittenYetIsUnavailableWithItsReasonAndNeverStarts() {
        EchoRunner missing = EchoRunner.notYet(Contender.JASYNCIO, "not merged yet");
        Map<Contender, Availability> peers = Map.of(Contender.JASYNCIO, Availability.of("25"));
        assertEquals(Availability.missing("not merged yet"), missing.availability(peers));
        assertEquals(Availability.of("25"), EchoRunner.jasyncio(JasyncioProtocolEchoServer.class).availability(peers));
    }

    @Test
    void pinningNeedsTasksetAndTwoCores() {
        Env noTaskset = new Env(env.java(), env.classpath(), env.jvmFlags(), env.python(), env.benchDir(), false, 60, "");
        assertFalse(EchoRunner.pinned(noTaskset));
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2, EchoRunner.pinned(env));
        assertFalse(EchoRunner.jasyncio(JasyncioProtocolEchoServer.class).serverCommand(noTaskset, size).contains("taskset"));
    }

    @Test
    void aServerThatNeverAnnouncesItsPortFailsTheRunAndIsKilled() {
        // a "server" that prints nothing: exits at once, so the run fails with its status, and leaves nothing behind
        EchoRunner silent = new EchoRunner(Contender.JASYNCIO, new EchoServerProgram.Jvm("no.such.Main", List.of(), false));
        Env real = new Env(Path.of(System.getProperty("java.home"), "bin", "java"), Bench.classpath(), List.of("-Xmx64m"),
                Path.of("/usr/bin/python3"), Options.defaultBenchDir(), false, 60, "");
        Measurement m = silent.run(real, echo1k, new EchoSize(1024, 1, 0.1, 0).toSize());
        assertFalse(m.ok());
        assertTrue(m.error().contains("the server did not start"), m.error());
        for (long pid : EchoRunner.serverPids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server " + pid + " still runs");
        }
    }

    @Test
    void echoSizeRoundTripsThroughSizeAndRejectsNonsense() {
        assertEquals(size, EchoSize.of(size.toSize()));
        assertEquals(List.of("10", "10", "2"), size.toSize().extraArgs());
        assertEquals(List.of("10", "0.5", "0.1"), new EchoSize(1, 10, 0.5, 0.1).toSize().extraArgs());
        assertThrows(IllegalArgumentException.class, () -> EchoSize.of(Size.of(1024)));
        assertThrows(IllegalArgumentException.class, () -> new EchoSize(0, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EchoSize(1, 10, 0, 0));
        assertEquals("64 KiB", EchoSize.bytes(65536));
        assertEquals("1000 B", EchoSize.bytes(1000));
    }

    @Test
    void nettyJarsAreFoundOnAClassPathAndNeedTheNativeEpollJar() {
        assertEquals(List.of(), NettyJars.find("/nonexistent/netty-common-4.2.18.Final.jar:/x.jar"));
        assertFalse(NettyJars.probe(List.of()).available());
        List<Path> here = NettyJars.find(System.getProperty("java.class.path"));
        assertTrue(here.stream().anyMatch(p -> p.getFileName().toString().startsWith("netty-transport-native-epoll")), here.toString());
        assertEquals("4.2.18.Final", NettyJars.probe(here).version());
        List<Path> withoutNative = here.stream()
                .filter(p -> !p.getFileName().toString().startsWith("netty-transport-native-epoll")).toList();
        assertTrue(NettyJars.probe(withoutNative).reason().contains("no netty-transport-native-epoll jar"));
    }

    @Test
    void everyEchoWorkloadShowsBothFiguresAndJudgesIssueFivesTargets() {
        assertEquals(Metric.SERVER_CPU_PER_RT, echo1k.metric());
        assertEquals(List.of(Metric.ROUND_TRIPS_PER_S), echo1k.alsoShown());
        assertEquals(Target.fractionOf(Contender.NETTY, 0.75), echo1k.targets().getFirst());
        assertEquals(List.of(Target.fractionOf(Contender.UVLOOP, 0.6)), Workloads.named("echo1k-streams").orElseThrow().targets());
        for (String big : List.of("echo64k", "echo64k-streams")) {
            Workload w = Workloads.named(big).orElseThrow();
            assertEquals(Metric.ROUND_TRIPS_PER_S, w.metric());
            assertEquals(Target.atLeastBestPeer(), w.targets().getFirst());
            assertTrue(w.network());
        }
        assertFalse(Workloads.named("spawn").orElseThrow().network());
    }
}
