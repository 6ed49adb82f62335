package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one HTTP client on one contender against nginx: starts nginx (one worker, pinned to core
 * 0) serving a small static file on a port chosen here, waits until it accepts connections,
 * runs the client program (pinned to core 1) to its end, samples nginx's CPU time around it,
 * and stops nginx. The client times its own measured GETs (after its warm-up GETs, on the same
 * session) and prints the result line; the runner adds nginx's CPU seconds to it.
 *
 * @param contender the column the client fills (asyncio = aiohttp's ClientSession on asyncio's
 *                  loop, uvloop = the same on uvloop, virtual threads = the JDK's HttpClient with
 *                  virtual threads, Netty epoll = Netty's HttpClientCodec on one event loop)
 * @param client the client program
 */
record HttpClientRunner(Contender contender, HttpClientProgram client) implements Runner {
    /** The core nginx runs on, and the client's (the http workloads' server and load cores). */
    static final String SERVER_CORE = HttpRunner.SERVER_CORE;
    static final String CLIENT_CORE = HttpRunner.LOAD_CORE;
    /** The static file every client fetches, and its length. */
    static final String PATH = "/small.txt";
    static final int FILE_BYTES = 1024;

    private static final Set<Long> STARTED = ConcurrentHashMap.newKeySet();

    /** The pids of every nginx this JVM started for the workload, for checking that none outlives its run. */
    static Set<Long> serverPids() {
        return Set.copyOf(STARTED);
    }

    @Override
    public Availability availability(Map<Contender, Availability> peers) {
        Availability nginx = peers.get(Contender.NGINX);
        if (nginx != null && !nginx.available()) {
            return nginx;
        }
        if (client instanceof HttpClientProgram.Aiohttp) {
            Availability aiohttp = peers.get(Contender.AIOHTTP);
            if (aiohttp != null && !aiohttp.available() && peers.get(contender).available()) {
                return aiohttp;
            }
        }
        return peers.get(contender);
    }

    /** The file nginx serves: {@link #FILE_BYTES} of printable text. */
    static byte[] file() {
        StringBuilder sb = new StringBuilder(FILE_BYTES);
        for (int i = 0; sb.length() < FILE_BYTES; i++) {
            sb.append((char) ('a' + i % 26));
            if (i % 64 == 63) {
                sb.append('\n');
            }
        }
        sb.setLength(FILE_BYTES - 1);
        return sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** nginx's command: pinned to core 0 when two cores can be pinned. */
    List<String> serverCommand(Env env, Path dir) {
        List<String> cmd = new ArrayList<>();
        if (EchoRunner.pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", SERVER_CORE));
        }
        cmd.addAll(NginxConfig.command(NginxConfig.binary(), dir));
        return cmd;
    }

    /** The client's command against {@code port}: pinned to core 1 when two cores can be pinned. */
    List<String> clientCommand(Env env, ClientSize size, String port) {
        List<String> cmd = new ArrayList<>();
        if (EchoRunner.pinned(env)) {
            cmd.addAll(List.of("taskset", "-c", CLIENT_CORE));
        }
        cmd.addAll(client.command(env));
        cmd.addAll(List.of(Integer.toString(size.requests()), "--url", "http://127.0.0.1:" + port + PATH,
                "--concurrency", Integer.toString(size.concurrency()), "--warmup", Integer.toString(size.warmup()),
                "--expect-bytes", Integer.toString(FILE_BYTES)));
        return cmd;
    }

    @Override
    public String describe(Env env, Workload workload, Size size) {
        return "server: " + Env.shellQuote(serverCommand(env, Path.of("RUNDIR")))
                + " ; client: " + Env.shellQuote(clientCommand(env, ClientSize.of(size), "PORT"));
    }

    @Override
    public Measurement run(Env env, Workload workload, Size size) {
        ClientSize cs = ClientSize.of(size);
        String shown = describe(env, workload, size);
        Process p = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jasyncio-http-client-");
            int port = HttpRunner.freePort();
            Files.createDirectories(dir.resolve("www"));
            Files.write(dir.resolve("www").resolve(PATH.substring(1)), file());
            Files.writeString(dir.resolve(NginxConfig.FILE), NginxConfig.renderStatic(port, dir,
                    "root".equals(System.getProperty("user.name"))), StandardCharsets.US_ASCII);
            p = new ProcessBuilder(serverCommand(env, dir))
                    .directory(env.benchDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(dir.resolve("server.out").toFile())
                    .redirectError(dir.resolve("server.err").toFile())
                    .start();
            STARTED.add(p.pid());
            String notReady = HttpRunner.awaitAccepting(p, port, dir);
            if (notReady != null) {
                return Measurement.failed(contender, shown, notReady);
            }
            long before = ProcCpu.sampleTree(p.pid());
            ProcessRunner.Finished done = ProcessRunner.runToEnd(clientCommand(env, cs, Integer.toString(port)),
                    env.benchDir(), env.timeoutSeconds());
            long after = ProcCpu.sampleTree(p.pid());
            if (done.error() != null) {
                return Measurement.failed(contender, shown, "client: " + done.error() + HttpRunner.serverSays(p, dir));
            }
            Measurement m = ProcessRunner.measurement(contender, shown, workload, done.stdout(), done.stderr());
            if (!m.ok()) {
                return m;
            }
            Map<String, Object> fields = new LinkedHashMap<>(m.fields());
            fields.put("server_cpu_s", ProcCpu.seconds(after - before, ProcCpu.ticksPerSecond()));
            fields.put("body_bytes", (double) FILE_BYTES);
            fields.put("server_pid", (double) p.pid());
            return new Measurement(contender, shown, fields, null);
        } catch (IOException e) {
            return Measurement.failed(contender, shown, "cannot run: " + e.getMessage()
                    + (p == null ? "" : HttpRunner.serverSays(p, dir)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.failed(contender, shown, "interrupted");
        } finally {
            HttpRunner.stop(p);
            HttpRunner.deleteTree(dir);
        }
    }
}
