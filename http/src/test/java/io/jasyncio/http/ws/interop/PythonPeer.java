package io.jasyncio.http.ws.interop;

import io.jasyncio.Timeout;
import io.jasyncio.process.Subprocess;
import io.jasyncio.process.SubprocessOptions;
import io.jasyncio.process.Subprocesses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the Python peers of the WebSocket interop tests (src/test/python/ws) from the test's loop:
 * a client script to its end, or a server script that prints its port and serves until its stdin
 * closes. Skips a test when /usr/bin/python3 lacks the module ({@code .ci/run} installs
 * python3-websockets and python3-aiohttp).
 */
final class PythonPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    /** Far above what a peer needs on a loaded 2-core machine. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    private final Subprocess process;
    final int port;

    private PythonPeer(Subprocess process, int port) {
        this.process = process;
        this.port = port;
    }

    static void assumeModule(String module) {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        assumeTrue(ok, PYTHON + " cannot import " + module);
    }

    static String script(String name) {
        Path p = Path.of("src", "test", "python", "ws", name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("missing interop script " + p.toAbsolutePath());
        }
        return p.toString();
    }

    /** Runs a client script against {@code port} to its end; suspends. Returns its stdout; fails on a non-zero exit. */
    static String runClient(String name, int port) throws IOException {
        Subprocess p = Subprocesses.createSubprocessExec(List.of(PYTHON, script(name), Integer.toString(port)),
                SubprocessOptions.pipes());
        try {
            Subprocess.Output o = Timeout.after(PEER_TIMEOUT).run(() -> p.communicate(null));
            String out = new String(o.stdout(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError(name + " exited " + p.returncode() + "\nstdout:\n" + out + "\nstderr:\n"
                        + new String(o.stderr(), StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            if (p.returncode() == null) {
                p.kill();
                p.waitFor();
            }
        }
    }

    /** Starts a server script and reads the port it prints; suspends. */
    static PythonPeer startServer(String name) throws IOException {
        Subprocess p = Subprocesses.createSubprocessExec(List.of(PYTHON, script(name)), SubprocessOptions.pipes());
        try {
            String line = new String(Timeout.after(PEER_TIMEOUT).run(() -> p.stdout().readLine()), StandardCharsets.US_ASCII);
            if (line.isBlank()) {
                throw new AssertionError(name + " printed no port; stderr:\n"
                        + new String(p.stderr().read(), StandardCharsets.UTF_8));
            }
            return new PythonPeer(p, Integer.parseInt(line.strip()));
        } catch (IOException | RuntimeException | Error e) {
            p.kill();
            p.waitFor();
            throw e;
        }
    }

    /** Closes the server's stdin (its signal to stop) and waits for it, killing it if it lingers. */
    @Override
    public void close() throws IOException {
        try {
            process.stdin().close();
            Timeout.after(PEER_TIMEOUT).run(process::waitFor);
        } finally {
            if (process.returncode() == null) {
                process.kill();
                process.waitFor();
            }
            process.stdout().read();
            process.stderr().read();
        }
    }
}
