package io.jasyncio.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one echo server on one contender: starts the server process pinned to core 1, waits
 * until it accepts connections, runs the one load client (bench/c/echo_client.c) pinned to core
 * 0 for the warm-up and the measured window, takes the client's result line (round trips per
 * second, and the server's CPU time per round trip, which the client samples from
 * /proc/PID/stat at the window's two edges), and kills the server.
 *
 * @param contender the column the server fills
 * @param server the server program
 */
record EchoRunner(Contender contender, EchoServerProgram server) implements Runner {
    /*
     * Implementation notes.
     *
     * The client, not this JVM, samples the server's CPU time: it knows the instant the window
     * opens and closes, and reading /proc there costs nothing, while a reader here would have to
     * be told across a pipe. The server is a process of its own with a hard lifetime
     * (--max-seconds), and is killed here in a finally block, so neither a hung server nor a
     * failed run leaves one behind; the pids of every server started are kept so a test can
     * check that.
     */

    /** Flags the Netty JVM gets beside the harness's: Netty uses sun.misc.Unsafe only when allowed (JDK 24+) and loads JNI code. */
    static final List<String> NETTY_FLAGS = List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
    /** The core the server runs on, and the client's. */
    static final String SERVER_CORE = "1";
    static final String CLIENT_CORE = "0";
    /** How long a server may take to print its port (a JVM pre-touching a large heap on a busy core is slow). */
    static final int START_SECONDS = 120;
    /** Beyond warm-up and window: the server's hard lifetime and the client's wait allow this much more. */
    static final int GRACE_SECONDS = 60;

    private static final Set<Long> STARTED = ConcurrentHashMap.newKeySet();

    /** A jasyncio server, a Java main class run with the harness's JVM flags. */
    static EchoRunner jasyncio(Class<?> mainClass) {
        return new EchoRunner(Contender.JASYNCIO, new EchoServerProgram.Jvm(mainClass.getName(), List.of(), false));
    }

    /** bench/python/echo_server.py in {@code style} ("protocol" or "streams") on asyncio's loop or, for UVLOOP, uvloop's. */
    static EchoRunner python(Contender contender, String style) {
        if (contender != Contender.ASYNCIO && contender != Contender.UVLOOP) {
            throw new IllegalArgumentException("a Python echo server runs on asyncio or uvloop, not " + contender);
        }
        return new EchoRunner(contender, new EchoServerProgram.Python(style, contender == Contender.UVLOOP));
    }

    /** The Netty epoll server, a Java main class run with the harness's JVM flags and {@link #NETTY_FLAGS}. */
    static EchoRunner netty(Class<?> mainClass) {
        return new EchoRunner(Contender.NETTY, new EchoServerProgram.Jvm(mainClass.getName(), NETTY_FLAGS, true));
    }

    /** The same Netty server on Netty's io_uring transport ({@code --transport io_uring}), same flags and handler. */
    static EchoRunner nettyUring(Class<?> mainClass) {
        return new EchoRunner(Contender.NETTY_URING, new EchoServerProgram.Jvm(mainClass.getName(), NETTY_FLAGS, true,
                List.of(io.jasyncio.bench.echo.NettyTransport.OPTION, io.jasyncio.bench.echo.NettyTransport.IO_URING.id)));
    }

    /**
     * The same jasyncio server on the io_uring loop: the harness's JVM flags plus
     * {@link Env#URING_FLAGS}; the server itself checks that the io_uring loop runs it.
     */
    static EchoRunner jasyncioUring(Class<?> mainClass) {
        return new EchoRunner(Contender.JASYNCIO_URING, new EchoServerProgram.Jvm(mainClass.getName(), Env.URING_FLAGS, false));
    }

    /** A server that does not exist yet: its column says {@code reason} instead of a number. */
    static EchoRunner notYet(Contender contender, String reason) {
        return new EchoRunner(contender, new EchoServerProgram.NotYet(reason));
    }

    /** The pids of every echo server started by this JVM, for checking that none outlives its run. */
    static Set<Long> serverPids() {
        return Set.copyOf(STARTED);
    }

    @Override
    public Availability availability(Map<Contender, Availability> peers) {
        return server instanceof EchoServerProgram.NotYet(String reason) ? Availability.missing(reason) : peers.get(contender);
    }

    /** Whether server and client are pinned to two different cores. */
    static boolean pinned(Env env) {
        return env.taskset() && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /** The server's command: pinned, listening on any free port, with its hard lifetime. */
    List<String> serverCommand(Env env, EchoSize echo) {
        List<String> cmd = new ArrayList<>();
        if (pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", SERVER_CORE));
        }
        cmd.addAll(server.command(env));
        long lifetime = (long) Math.ceil(START_SECONDS + echo.warmupSeconds() + echo.seconds() + GRACE_SECONDS);
        cmd.addAll(List.of("--port", "0", "--max-seconds", Long.toString(lifetime)));
        return cmd;
    }

    /** The client's command against {@code port} and server {@code pid} (placeholders in the report). */
    List<String> clientCommand(Env env, Workload workload, EchoSize echo, Path client, String port, String pid) {
        List<String> cmd = new ArrayList<>();
        if (pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", CLIENT_CORE));
        }
        cmd.addAll(List.of(client.toString(), "--port", port, "--pid", pid,
                "--size", Integer.toString(echo.messageBytes()), "--connections", Integer.toString(echo.connections()),
                "--seconds", Double.toString(echo.seconds()), "--warmup", Double.toString(echo.warmupSeconds()),
                "--workload", workload.name(), "--runtime", contender.id));
        return cmd;
    }

    @Override
    public String describe(Env env, Workload workload, Size size) {
        EchoSize echo = EchoSize.of(size);
        Path client = env.benchDir().resolve("target").resolve("echo-client");
        return "server: " + Env.shellQuote(serverCommand(env, echo)) + " ; client: "
                + Env.shellQuote(clientCommand(env, workload, echo, client, "PORT", "SERVER_PID"));
    }

    @Override
    public Measurement run(Env env, Workload workload, Size size) {
        EchoSize echo = EchoSize.of(size);
        List<String> serverCmd = serverCommand(env, echo);
        String shown = describe(env, workload, size);
        EchoClient.Built client = EchoClient.build(env.benchDir());
        if (!client.ok()) {
            return Measurement.failed(contender, shown, client.error());
        }
        Process serverProcess = null;
        Path serverErr = null;
        try {
            serverErr = Files.createTempFile("jasyncio-echo-server-", ".err");
            serverProcess = new ProcessBuilder(serverCmd)
                    .directory(env.benchDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(serverErr.toFile())
                    .start();
            STARTED.add(serverProcess.pid());
            int port = awaitPort(serverProcess, serverErr);
            awaitAccepting(port);
            List<String> clientCmd = clientCommand(env, workload, echo, client.binary(), Integer.toString(port),
                    Long.toString(serverProcess.pid()));
            long clientTimeout = (long) Math.ceil(echo.warmupSeconds() + echo.seconds() + GRACE_SECONDS);
            ProcessRunner.Finished done = ProcessRunner.runToEnd(clientCmd, env.benchDir(), clientTimeout);
            if (!serverProcess.isAlive()) {
                return Measurement.failed(contender, shown, "the server exited during the run (status "
                        + serverProcess.exitValue() + "): " + ProcessRunner.tail(serverErr));
            }
            if (done.error() != null) {
                return Measurement.failed(contender, shown, "load client: " + done.error() + "; server stderr: "
                        + ProcessRunner.tail(serverErr));
            }
            Measurement m = ProcessRunner.measurement(contender, shown, workload, done.stdout(), done.stderr());
            if (!m.ok()) {
                return m;
            }
            Map<String, Object> fields = new LinkedHashMap<>(m.fields());
            fields.put("server_pid", (double) serverProcess.pid());
            return new Measurement(contender, shown, fields, null);
        } catch (StartFailure e) {
            return Measurement.failed(contender, shown, e.getMessage());
        } catch (IOException e) {
            return Measurement.failed(contender, shown, "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.failed(contender, shown, "interrupted");
        } finally {
            stop(serverProcess);
            ProcessRunner.delete(serverErr);
        }
    }

    /** Why a server never got ready. */
    private static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }

    /** Reads the server's "PORT n" line; drains (and drops) the rest of its output on the same thread. */
    private static int awaitPort(Process server, Path serverErr) throws StartFailure, InterruptedException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().name("echo-server-stdout").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!port.isDone() && line.startsWith("PORT ")) {
                        port.complete(Integer.parseInt(line.substring(5).strip()));
                    }
                }
                port.completeExceptionally(new IOException("the server's output ended without a PORT line"));
            } catch (IOException | NumberFormatException e) {
                port.completeExceptionally(e);
            }
        });
        try {
            return port.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new StartFailure("the server printed no PORT line within " + START_SECONDS + " s: " + ProcessRunner.tail(serverErr));
        } catch (ExecutionException e) {
            String status = server.isAlive() ? "" : " (exit status " + exitValue(server) + ")";
            throw new StartFailure("the server did not start" + status + ": " + e.getCause().getMessage() + "; stderr: "
                    + ProcessRunner.tail(serverErr));
        }
    }

    private static int exitValue(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Connects once and closes: the server has announced its port, this checks it accepts. */
    private static void awaitAccepting(int port) throws StartFailure {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        } catch (IOException e) {
            throw new StartFailure("the server announced port " + port + " but does not accept: " + e.getMessage());
        }
    }

    /** SIGTERM, then SIGKILL if it lingers; waits until it is gone. */
    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        try {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
