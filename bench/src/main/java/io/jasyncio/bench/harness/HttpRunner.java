package io.jasyncio.bench.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one HTTP server on one contender: starts it pinned to core 0 on a port chosen here,
 * waits until it accepts connections, checks one response ({@link HttpCheck}), loads it with wrk
 * (one thread, N connections, pinned to core 1) for the warm-up and then for the measured window,
 * reads the server's CPU time ({@link ProcCpu}) right before and right after the measured wrk
 * run, and stops the server.
 *
 * @param contender the column the server fills (for HTTP rows: asyncio = aiohttp on asyncio's
 *                  loop, uvloop = aiohttp on uvloop, virtual threads = the JDK's HttpServer,
 *                  Netty epoll = Netty's HttpServerCodec)
 * @param server the server program
 * @param check what the workload requests and must get back
 */
record HttpRunner(Contender contender, HttpServerProgram server, HttpCheck check) implements Runner {
    /*
     * Implementation notes.
     *
     * The CPU window is the measured wrk process's life: sampled before it starts and after it
     * exits, so it also holds wrk's 100 connects and closes (a few hundred syscalls against
     * hundreds of thousands of requests) and its start-up, during which the server is idle.
     * Requests are those wrk completed, from its summary. The warm-up is a separate wrk run.
     * The port is chosen here (bind port 0, close, hand it over) because nginx cannot report
     * an ephemeral port; the short race with another process taking it fails the run loudly
     * (the server does not start) rather than measuring something else. Servers run in a
     * directory of their own that is deleted afterwards, and are stopped with their descendants
     * (nginx's worker) in a finally block.
     */

    /** The core the server runs on, and wrk's. */
    static final String SERVER_CORE = "0";
    static final String LOAD_CORE = "1";
    /** How long a server may take to accept connections (a JVM pre-touching a large heap on a busy core is slow). */
    static final int START_SECONDS = 120;
    /** Beyond warm-up and window: the server's hard lifetime and wrk's wait allow this much more. */
    static final int GRACE_SECONDS = 60;
    /** wrk's per-request timeout: generous, since a timeout fails the run (a GC pause on a busy box is not a failure). */
    static final String WRK_TIMEOUT = "10s";

    private static final Set<Long> STARTED = ConcurrentHashMap.newKeySet();

    /** The pids of every HTTP server started by this JVM, for checking that none outlives its run. */
    static Set<Long> serverPids() {
        return Set.copyOf(STARTED);
    }

    @Override
    public Availability availability(Map<Contender, Availability> peers) {
        if (server instanceof HttpServerProgram.NotYet(String reason)) {
            return Availability.missing(reason);
        }
        Availability wrk = peers.get(Contender.WRK);
        if (wrk != null && !wrk.available()) {
            return wrk;
        }
        if (server instanceof HttpServerProgram.Aiohttp) {
            Availability aiohttp = peers.get(Contender.AIOHTTP);
            if (aiohttp != null && !aiohttp.available() && peers.get(contender).available()) {
                return aiohttp;
            }
        }
        return peers.get(contender);
    }

    /** The server's command: pinned to core 0 when two cores can be pinned. */
    List<String> serverCommand(Env env, Path dir, String port, HttpSize size) {
        List<String> cmd = new ArrayList<>();
        if (EchoRunner.pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", SERVER_CORE));
        }
        cmd.addAll(server.command(env, dir, port, START_SECONDS + size.warmupSeconds() + size.seconds() + GRACE_SECONDS));
        return cmd;
    }

    /** wrk's command for {@code seconds} against {@code port}: one thread, the size's connections, pinned to core 1. */
    List<String> wrkCommand(Env env, HttpSize size, int seconds, String port) {
        List<String> cmd = new ArrayList<>();
        if (EchoRunner.pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", LOAD_CORE));
        }
        cmd.addAll(List.of("wrk", "-t", "1", "-c", Integer.toString(size.connections()), "-d", seconds + "s",
                "--timeout", WRK_TIMEOUT, "http://127.0.0.1:" + port + check.path()));
        return cmd;
    }

    @Override
    public String describe(Env env, Workload workload, Size size) {
        HttpSize http = HttpSize.of(size);
        return "server: " + Env.shellQuote(serverCommand(env, Path.of("RUNDIR"), "PORT", http))
                + " ; load: " + Env.shellQuote(wrkCommand(env, http, http.seconds(), "PORT"))
                + " (after a " + http.warmupSeconds() + " s warm-up run)";
    }

    @Override
    public Measurement run(Env env, Workload workload, Size size) {
        HttpSize http = HttpSize.of(size);
        String shown = describe(env, workload, size);
        Process p = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jasyncio-http-");
            int port = freePort();
            server.prepare(dir, port);
            p = new ProcessBuilder(serverCommand(env, dir, Integer.toString(port), http))
                    .directory(env.benchDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(dir.resolve("server.out").toFile())
                    .redirectError(dir.resolve("server.err").toFile())
                    .start();
            STARTED.add(p.pid());
            String notReady = awaitAccepting(p, port, dir);
            if (notReady != null) {
                return Measurement.failed(contender, shown, notReady);
            }
            String wrong = check.fetchAndCheck(port);
            if (wrong != null) {
                return Measurement.failed(contender, shown, "the response is wrong: " + wrong);
            }
            long warmupRequests = 0;
            if (http.warmupSeconds() > 0) {
                WrkRun warm = wrk(env, http, http.warmupSeconds(), port);
                if (warm.error() != null) {
                    return Measurement.failed(contender, shown, "warm-up: " + warm.error() + serverSays(p, dir));
                }
                warmupRequests = warm.output().requests();
            }
            long before = ProcCpu.sampleTree(p.pid());
            WrkRun run = wrk(env, http, http.seconds(), port);
            long after = ProcCpu.sampleTree(p.pid());
            if (!p.isAlive()) {
                return Measurement.failed(contender, shown, "the server exited during the run" + serverSays(p, dir));
            }
            if (run.error() != null) {
                return Measurement.failed(contender, shown, run.error() + serverSays(p, dir));
            }
            return new Measurement(contender, shown,
                    fields(workload, http, run.output(), after - before, ProcCpu.ticksPerSecond(), warmupRequests, p.pid()), null);
        } catch (IOException e) {
            return Measurement.failed(contender, shown, "cannot run: " + e.getMessage() + (p == null ? "" : serverSays(p, dir)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.failed(contender, shown, "interrupted");
        } finally {
            stop(p);
            deleteTree(dir);
        }
    }

    /** The result line's fields for a measured wrk run and the server CPU {@code ticks} it cost. */
    Map<String, Object> fields(Workload workload, HttpSize http, WrkOutput out, long ticks, long hz, long warmupRequests,
                               long pid) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("workload", workload.reports());
        f.put("runtime", contender.id);
        f.put("n", (double) http.connections());
        f.put("requests", (double) out.requests());
        f.put("seconds", out.seconds());
        f.put(Metric.REQUESTS_PER_S.field(), out.requestsPerSecond());
        f.put("server_cpu_s", ProcCpu.seconds(ticks, hz));
        f.put(Metric.SERVER_CPU_PER_REQ.field(), ProcCpu.usPerRequest(ticks, hz, out.requests()));
        f.put("warmup_requests", (double) warmupRequests);
        f.put("body_bytes", (double) check.body().length);
        f.put("server_pid", (double) pid);
        return f;
    }

    /**
     * wrk's parsed output, or why the run does not count.
     *
     * @param output the parsed summary, or null
     * @param error why not, or null
     */
    record WrkRun(WrkOutput output, String error) {
    }

    private WrkRun wrk(Env env, HttpSize http, int seconds, int port) {
        ProcessRunner.Finished done = ProcessRunner.runToEnd(wrkCommand(env, http, seconds, Integer.toString(port)),
                env.benchDir(), seconds + GRACE_SECONDS);
        if (done.error() != null) {
            return new WrkRun(null, "wrk: " + done.error());
        }
        try {
            WrkOutput out = WrkOutput.parse(done.stdout());
            String problem = out.problem();
            return problem == null ? new WrkRun(out, null) : new WrkRun(null, problem);
        } catch (IllegalArgumentException e) {
            return new WrkRun(null, e.getMessage());
        }
    }

    /** A port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Connects until the server accepts; the reason it never did, or null. */
    static String awaitAccepting(Process p, int port, Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return "the server did not start (exit status " + p.exitValue() + ")" + serverSays(p, dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return null;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return "the server accepted no connection on port " + port + " within " + START_SECONDS + " s" + serverSays(p, dir);
    }

    /** The tail of the server's stderr (and nginx's error log), for a failure message. */
    static String serverSays(Process p, Path dir) {
        if (dir == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("server.err", "error.log")) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                String tail = ProcessRunner.tail(f);
                if (!tail.isEmpty()) {
                    sb.append("; ").append(name).append(": ").append(tail);
                }
            }
        }
        return sb.toString();
    }

    /** SIGTERM to the server and its descendants, SIGKILL to whatever lingers; waits until they are gone. */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.addFirst(p.toHandle());
        try {
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    h.destroyForcibly();
                }
            }
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(ProcessRunner::delete);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
