package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/python/client/aiohttp_server.py} (its docstring lists the routes) under
 * Debian's python3, as a peer of the client tests. {@link #start} waits for the {@code PORT n}
 * line the script prints once it listens; {@link #close} closes the script's stdin, which is how
 * it is told to stop, then kills it if it lingers. Blocking: called from a test class's
 * {@code @BeforeAll}/{@code @AfterAll}.
 */
final class AiohttpFixture implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src", "test", "python", "client", "aiohttp_server.py");
    /** How long the script may take to import aiohttp and listen on a loaded machine. */
    static final long START_SECONDS = 60;

    private final Process process;
    private final Path log;
    private final int port;

    private AiohttpFixture(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the test, saying how to install it, when /usr/bin/python3 cannot import aiohttp. */
    static void assumeInstalled() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is missing (apt-get install -y python3)");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import aiohttp").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        p.destroyForcibly();
        assumeTrue(ok, PYTHON + " cannot import aiohttp (apt-get install -y python3-aiohttp)");
    }

    /**
     * Starts the script and waits for its port.
     *
     * @throws IOException if it exits or prints no port within {@link #START_SECONDS}, with its stderr
     */
    static AiohttpFixture start() throws IOException {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IOException("missing " + SCRIPT.toAbsolutePath());
        }
        Path log = Files.createTempFile("jasyncio-aiohttp-", ".err");
        Process p = new ProcessBuilder(PYTHON.toString(), "-E", "-s", SCRIPT.toString())
                .redirectError(log.toFile()).start();
        try {
            return new AiohttpFixture(p, log, readPort(p, log));
        } catch (IOException | RuntimeException e) {
            PeerPorts.stop(p);
            Files.deleteIfExists(log);
            throw e;
        }
    }

    private static int readPort(Process p, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        // A reader thread, so a script that hangs before printing is bounded by START_SECONDS.
        int[] port = {-1};
        Thread reader = Thread.ofPlatform().daemon().name("aiohttp-port").start(() -> {
            try {
                String line = out.readLine();
                if (line != null && line.startsWith("PORT ")) {
                    port[0] = Integer.parseInt(line.substring(5).trim());
                }
            } catch (IOException | NumberFormatException ignored) {
                // reported below as "no port"
            }
        });
        try {
            reader.join(TimeUnit.SECONDS.toMillis(START_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (port[0] < 0) {
            throw new IOException("aiohttp_server.py printed no port within " + START_SECONDS + " s; stderr:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return port[0];
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** What the script wrote to stderr so far (aiohttp logs handler errors there). */
    String errors() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Closes the script's stdin (its signal to stop), waits up to 10 s, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PeerPorts.stop(process);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
