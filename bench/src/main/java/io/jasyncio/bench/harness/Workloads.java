package io.jasyncio.bench.harness;

import static io.jasyncio.bench.harness.ProcessRunner.java;
import static io.jasyncio.bench.harness.ProcessRunner.python;
import static io.jasyncio.bench.harness.Contender.*;

import io.jasyncio.bench.PingPong;
import io.jasyncio.bench.Sleeps;
import io.jasyncio.bench.SpawnGather;
import io.jasyncio.bench.Suspended;
import io.jasyncio.bench.Switch;
import io.jasyncio.bench.VirtualThreadPingPong;
import io.jasyncio.bench.VirtualThreadSleeps;
import io.jasyncio.bench.VirtualThreadSpawn;
import io.jasyncio.bench.VirtualThreadSuspended;
import io.jasyncio.bench.VirtualThreadSwitch;
import io.jasyncio.bench.client.JasyncioHttpClientBench;
import io.jasyncio.bench.client.JdkHttpClientBench;
import io.jasyncio.bench.client.NettyHttpClientBench;
import io.jasyncio.bench.echo.JasyncioProtocolEchoServer;
import io.jasyncio.bench.echo.JasyncioStreamsEchoServer;
import io.jasyncio.bench.echo.NettyEchoServer;
import io.jasyncio.bench.echo.NettyTransport;
import io.jasyncio.bench.files.ChannelFileRead;
import io.jasyncio.bench.files.ChannelFileSmall;
import io.jasyncio.bench.files.JasyncioFileRead;
import io.jasyncio.bench.files.JasyncioFileSmall;
import io.jasyncio.bench.http.JasyncioHttpServer;
import io.jasyncio.bench.http.JdkHttpServer;
import io.jasyncio.bench.http.NettyHttpServer;
import java.util.List;
import java.util.Optional;

/** The workloads of issues 5, 8, 9, 10 and 11, in table order. */
final class Workloads {
    private Workloads() {
    }


    /**
     * The file workloads' programs (issue 11), jasyncio's first: AsyncFile on the selector loop
     * and on the io_uring loop, aiofiles on asyncio (the asyncio column), plain FileChannel on
     * virtual threads (the virtual-threads column).
     */
    static final List<Runner> FILE_READERS = List.of(
            FileRunner.java(JASYNCIO, JasyncioFileRead.class),
            FileRunner.java(JASYNCIO_URING, JasyncioFileRead.class),
            FileRunner.python("file_read.py"),
            FileRunner.java(VIRTUAL_THREADS, ChannelFileRead.class));

    /** The same four runtimes on {@code file-small}. */
    static final List<Runner> SMALL_FILE_READERS = List.of(
            FileRunner.java(JASYNCIO, JasyncioFileSmall.class),
            FileRunner.java(JASYNCIO_URING, JasyncioFileSmall.class),
            FileRunner.python("file_small.py"),
            FileRunner.java(VIRTUAL_THREADS, ChannelFileSmall.class));

    /** Echo servers written with protocols (callbacks), jasyncio's first. */
    static final List<Runner> PROTOCOL_SERVERS = List.of(
            EchoRunner.jasyncio(JasyncioProtocolEchoServer.class),
            EchoRunner.jasyncioUring(JasyncioProtocolEchoServer.class),
            EchoRunner.python(ASYNCIO, "protocol"),
            EchoRunner.python(UVLOOP, "protocol"),
            EchoRunner.netty(NettyEchoServer.class),
            EchoRunner.nettyUring(NettyEchoServer.class));

    /**
     * Echo servers written with streams (a task per connection: read, write, drain), jasyncio's
     * first.
     */
    static final List<Runner> STREAMS_SERVERS = List.of(
            EchoRunner.jasyncio(JasyncioStreamsEchoServer.class),
            EchoRunner.jasyncioUring(JasyncioStreamsEchoServer.class),
            EchoRunner.python(ASYNCIO, "streams"),
            EchoRunner.python(UVLOOP, "streams"));

    /**
     * Messages of {@code bytes} ping-ponged over 10 connections; 10 s after 2 s of warm-up (smoke:
     * a second after half a second: a JIT-cold server on a loaded 2-core machine can take a few
     * tenths of a second for its first round trip, which a shorter window missed).
     */
    private static Workload echo(String name, int bytes, String style, List<Runner> servers, Metric metric, List<Target> targets) {
        Metric other = metric.equals(Metric.SERVER_CPU_PER_RT) ? Metric.ROUND_TRIPS_PER_S : Metric.SERVER_CPU_PER_RT;
        return new Workload(name, "TCP echo, " + style + " servers: 10 connections each ping-pong a " + EchoSize.bytes(bytes)
                        + " message with the one load client; server on core 1, client on core 0",
                false, new EchoSize(bytes, 10, 10, 2).toSize(), new EchoSize(bytes, 10, 1, 0.5).toSize(),
                metric, servers, targets, List.of(other));
    }

    /**
     * The servers of one HTTP workload, jasyncio's first, each checked with {@code check}: the
     * columns are the servers' runtimes (aiohttp on asyncio and on uvloop, the JDK's HttpServer
     * on virtual threads, Netty's HttpServerCodec on epoll) and nginx.
     */
    static List<Runner> httpServers(HttpCheck check) {
        return List.of(
                new HttpRunner(JASYNCIO, new HttpServerProgram.Jvm(JasyncioHttpServer.class.getName(), List.of(), false), check),
                new HttpRunner(ASYNCIO, new HttpServerProgram.Aiohttp(false), check),
                new HttpRunner(UVLOOP, new HttpServerProgram.Aiohttp(true), check),
                new HttpRunner(VIRTUAL_THREADS, new HttpServerProgram.Jvm(JdkHttpServer.class.getName(),
                        io.jasyncio.bench.harness.Env.ONE_CARRIER, true), check),
                new HttpRunner(NETTY, new HttpServerProgram.Jvm(NettyHttpServer.class.getName(), EchoRunner.NETTY_FLAGS, true), check),
                new HttpRunner(NETTY_URING, new HttpServerProgram.Jvm(NettyHttpServer.class.getName(), EchoRunner.NETTY_FLAGS, true,
                        List.of(NettyTransport.OPTION, NettyTransport.IO_URING.id)), check),
                new HttpRunner(NGINX, new HttpServerProgram.Nginx(), check));
    }

    /** {@link #httpServers} with jasyncio's server on the io_uring loop too (issue 11: http-hello's io_uring column). */
    static List<Runner> httpServersWithUring(HttpCheck check) {
        List<Runner> all = new java.util.ArrayList<>(httpServers(check));
        all.add(1, new HttpRunner(JASYNCIO_URING, new HttpServerProgram.Jvm(JasyncioHttpServer.class.getName(), Env.URING_FLAGS, false),
                check));
        return List.copyOf(all);
    }

    /**
     * An HTTP workload: wrk with one thread and 100 connections for 10 s after a 5 s warm-up
     * (smoke: 20 connections, 1 s after 1 s; wrk takes whole seconds), each server on core 0,
     * wrk on core 1; issue 9's target: jasyncio's CPU per request at most nginx's.
     */
    private static Workload http(String name, String what, HttpCheck check, List<Target> extra) {
        return http(name, what, check, extra, httpServers(check));
    }

    private static Workload http(String name, String what, HttpCheck check, List<Target> extra, List<Runner> servers) {
        List<Target> targets = new java.util.ArrayList<>(List.of(Target.fractionOf(NGINX, 1.0).issue("9")));
        targets.addAll(extra);
        return new Workload(name, "HTTP/1.1 keep-alive, GET " + check.path() + " -> 200 " + what
                + "; wrk (1 thread, N connections) on core 1, the server on core 0; server CPU per request",
                false, new HttpSize(100, 10, 5).toSize(), new HttpSize(20, 1, 1).toSize(),
                Metric.SERVER_CPU_PER_REQ, servers, targets, List.of(Metric.REQUESTS_PER_S));
    }

    /** Issue 9's codec target, which the JMH benchmark HttpCodecBench measures (listed with the HTTP rows, not judged by them). */
    static final Target CODEC_TARGET = Target.measuredElsewhere(
            "the codec parses a typical 400-byte request head in < 1 µs (JMH: ./jasyncio bench --jmh HttpCodecBench)").issue("9");

    /**
     * The HTTP clients, jasyncio's first: aiohttp's ClientSession on asyncio and on uvloop, the
     * JDK's HttpClient on virtual threads (one carrier, as the client has one core), Netty's
     * HttpClientCodec on one epoll event loop.
     */
    static final List<Runner> HTTP_CLIENTS = List.of(
            new HttpClientRunner(JASYNCIO, new HttpClientProgram.Jvm(JasyncioHttpClientBench.class.getName(), List.of(), false)),
            new HttpClientRunner(ASYNCIO, new HttpClientProgram.Aiohttp(false)),
            new HttpClientRunner(UVLOOP, new HttpClientProgram.Aiohttp(true)),
            new HttpClientRunner(VIRTUAL_THREADS, new HttpClientProgram.Jvm(JdkHttpClientBench.class.getName(),
                    io.jasyncio.bench.harness.Env.ONE_CARRIER, false)),
            new HttpClientRunner(NETTY, new HttpClientProgram.Jvm(NettyHttpClientBench.class.getName(), EchoRunner.NETTY_FLAGS, true)));

    /**
     * Issue 10's client workload: 20,000 GETs of a 1 KiB static file from nginx (one worker, on
     * core 0), 100 in flight over at most 100 keep-alive connections, after 20,000 warm-up GETs on
     * the same client, the client on core 1 (smoke: 200 GETs, 10 in flight, no warm-up). The
     * warm-up is as long as the measurement: with every thread of a JVM client pinned to one core,
     * its JIT compiler threads take that core from the client's own thread until the hot paths
     * are compiled (2,000 warm-up GETs left jasyncio at half its warm rate, 102 µs of CPU per
     * request instead of 47).
     */
    static final Workload HTTP_CLIENT = new Workload("http-client", "HTTP/1.1 client: N GETs of a 1 KiB static file from nginx "
            + "(one worker, core 0), 100 in flight on at most 100 keep-alive connections, after 20,000 warm-up GETs; "
            + "the client on core 1; requests per second, beside the client's CPU µs per request", false,
            new ClientSize(20_000, 100, 20_000).toSize(), new ClientSize(200, 10, 0).toSize(), Metric.REQUESTS_PER_S,
            HTTP_CLIENTS, List.of(Target.ratioAtLeast(ASYNCIO, 5).issue("10"), Target.ratioAtLeast(VIRTUAL_THREADS, 3).issue("10")),
            List.of(Metric.CLIENT_CPU_PER_REQ));

    static final List<Workload> ALL = List.of(
            new Workload("spawn", "spawn+await N tasks that each yield once (sleep(0); virtual threads: Thread.yield, "
                    + "which on one carrier goes to the back of an N-deep run queue); one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, SpawnGather.class), python(ASYNCIO, "spawn_gather.py"),
                            python(UVLOOP, "spawn_gather.py"), java(VIRTUAL_THREADS, VirtualThreadSpawn.class)),
                    List.of(Target.ratioAtLeast(ASYNCIO, 20), Target.ratioAtLeast(VIRTUAL_THREADS, 4))),
            new Workload("spawn-plain", "spawn+await N tasks that return at once, no yield on either side; one core", true,
                    Size.of(1_000_000, "--plain"), Size.of(1_000, "--plain"), Metric.SECONDS,
                    List.of(java(JASYNCIO, SpawnGather.class), python(ASYNCIO, "spawn_gather.py"),
                            python(UVLOOP, "spawn_gather.py"), java(VIRTUAL_THREADS, VirtualThreadSpawn.class)),
                    List.of(Target.ratioAtLeast(VIRTUAL_THREADS, 2).issue("8"))),
            steadySpawn("spawn-100k", 100_000, 1_000, List.of()),
            steadySpawn("spawn-4m", 4_000_000, 2_000, List.of(Target.withinOf("spawn-100k", 1.2).issue("8"))),
            new Workload("pingpong", "N round trips through two Queue(maxsize=1) (virtual threads: SynchronousQueue); one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, PingPong.class), python(ASYNCIO, "pingpong.py"),
                            python(UVLOOP, "pingpong.py"), java(VIRTUAL_THREADS, VirtualThreadPingPong.class)),
                    List.of(Target.ratioAtLeast(ASYNCIO, 25).issue("5, 8"), Target.ratioAtLeast(VIRTUAL_THREADS, 1.5).issue("5, 8"))),
            new Workload("switch", "N task switches between two tasks, each a sleep(0) (virtual threads: Thread.yield); one core", true,
                    Size.of(1_000_000), Size.of(1_000), Metric.SECONDS,
                    List.of(java(JASYNCIO, Switch.class), python(ASYNCIO, "switch.py"),
                            python(UVLOOP, "switch.py"), java(VIRTUAL_THREADS, VirtualThreadSwitch.class)),
                    List.of(Target.ratioAtLeast(VIRTUAL_THREADS, 1.3).issue("8"))),
            sleeps("sleeps", "sleeps", "N concurrent sleeps, seeded uniform in [0, span), in a fresh process; wall overshoot past the longest; one core",
                    100_000, List.of(), 100),
            sleeps("sleeps-warm", "sleeps-warm", "the same N sleeps run twice in one process, the second timed (JIT warm); one core",
                    100_000, List.of("--warm"), 30),
            sleeps("sleeps-1m", "sleeps", "1M concurrent sleeps, seeded uniform in [0, span), in a fresh process; one core",
                    1_000_000, List.of(), 300),
            new Workload("suspended", "heap per task with N tasks suspended at once on an Event (virtual threads: CountDownLatch)", false,
                    Size.of(1_000_000), Size.of(1_000), Metric.BYTES_PER_TASK,
                    List.of(java(JASYNCIO, Suspended.class), python(ASYNCIO, "suspended_memory.py"),
                            java(VIRTUAL_THREADS, VirtualThreadSuspended.class)),
                    List.of(Target.valueAtMost(1024))),
            echo("echo1k", 1024, "protocol", PROTOCOL_SERVERS, Metric.SERVER_CPU_PER_RT,
                    List.of(Target.fractionOf(NETTY, 0.75), Target.fractionOf(NETTY, 0.75).on(JASYNCIO_URING).issue("11"),
                            Target.fractionOf(NETTY_URING, 1).on(JASYNCIO_URING).issue("11"))),
            echo("echo64k", 65536, "protocol", PROTOCOL_SERVERS, Metric.ROUND_TRIPS_PER_S,
                    List.of(Target.atLeastBestPeer(), Target.atLeastBestPeer(1.2).on(JASYNCIO_URING).issue("11"))),
            echo("echo1k-streams", 1024, "streams", STREAMS_SERVERS, Metric.SERVER_CPU_PER_RT,
                    List.of(Target.fractionOf(UVLOOP, 0.6))),
            echo("echo64k-streams", 65536, "streams", STREAMS_SERVERS, Metric.ROUND_TRIPS_PER_S,
                    List.of(Target.atLeastBestPeer())),
            http("http-hello", "\"Hello, World!\" (text/plain)", HttpCheck.HELLO, List.of(CODEC_TARGET),
                    httpServersWithUring(HttpCheck.HELLO)),
            http("http-json", "a 1 KiB JSON document (application/json), serialised per request", HttpCheck.JSON, List.of()),
            HTTP_CLIENT,
            new Workload(FileRunner.READ, "read one N MiB file in 64 KiB chunks with a CRC-32 per chunk, page cache warm; "
                    + "wall seconds; not pinned", false,
                    Size.of(1024, "65536"), Size.of(8, "65536"), Metric.SECONDS, FILE_READERS, List.of()),
            new Workload(FileRunner.SMALL, "read N files of 4 KiB each whole (open, read, close, CRC-32), at most 100 open at once, "
                    + "page cache warm; wall seconds; not pinned", false,
                    Size.of(10_000, "4096", "100"), Size.of(200, "4096", "10"), Metric.SECONDS, SMALL_FILE_READERS, List.of()));


    /**
     * Spawn's yielding tasks timed after a warm-up ({@code --steady}), in µs per task: two of these
     * at different N show whether the cost per task stays flat as the work grows. jasyncio and
     * virtual threads only: the targets are jasyncio's own, and asyncio takes a minute per run
     * at 4M.
     */
    private static Workload steadySpawn(String name, int n, int smokeN, List<Target> targets) {
        return new Workload(name, "spawn's yielding tasks after a warm-up (3 rounds of 100k, then a full GC): "
                + "cost per task at N = " + String.format(java.util.Locale.ROOT, "%,d", n) + "; one core", true,
                Size.of(n, "--steady"), Size.of(smokeN, "--steady"), Metric.US_PER_TASK,
                List.of(java(JASYNCIO, SpawnGather.class), java(VIRTUAL_THREADS, VirtualThreadSpawn.class)),
                targets, List.of(), "spawn-steady");
    }

    /**
     * A sleeps workload over a 1 s span (smoke: 1,000 over 100 ms) on every runtime, with issue
     * 8's bound; its programs print {@code reports} as the workload.
     */
    private static Workload sleeps(String name, String reports, String description, int n, List<String> flags, double boundMs) {
        List<String> full = new java.util.ArrayList<>(List.of("1000"));
        full.addAll(flags);
        List<String> smoke = new java.util.ArrayList<>(List.of("100"));
        smoke.addAll(flags);
        return new Workload(name, description, true, new Size(n, full), new Size(1_000, smoke), Metric.OVERSHOOT_MS,
                List.of(java(JASYNCIO, Sleeps.class), python(ASYNCIO, "sleeps.py"),
                        python(UVLOOP, "sleeps.py"), java(VIRTUAL_THREADS, VirtualThreadSleeps.class)),
                List.of(Target.valueAtMost(boundMs).issue("8")), List.of(), reports);
    }

    /** The workload called {@code name}, if any. */
    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
