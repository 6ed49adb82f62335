package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real peers of the interop tests (curl, Python's aiohttp and h11) as child processes
 * from the test's loop, and skips a test, with the reason, when a peer is not installed
 * ({@code .ci/run} installs them: {@code apt-get install -y curl python3-aiohttp python3-h11}).
 */
final class Peers {
    static final String CURL = "/usr/bin/curl";
    /** Debian's python3, where python3-aiohttp and python3-h11 install; not a pyenv one on PATH. */
    static final String PYTHON = "/usr/bin/python3";
    /** How long one peer run may take: far above what it needs on a loaded 2-core machine. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, Boolean> MODULES = new ConcurrentHashMap<>();

    private Peers() {
    }

    /** What a peer printed and how it exited. */
    record Result(int exit, String out, String err) {
        /** Fails unless the exit status is 0, showing both streams. */
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("peer exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }
    }

    static void assumeCurl() {
        assumeTrue(Files.isExecutable(Path.of(CURL)), "curl is not installed at " + CURL
                + " (apt-get install -y curl)");
    }

    /** Skips unless /usr/bin/python3 can import {@code module}. */
    static void assumePythonModule(String module, String debianPackage) {
        boolean present = MODULES.computeIfAbsent(module, m -> {
            if (!Files.isExecutable(Path.of(PYTHON))) {
                return false;
            }
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import " + m).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assumeTrue(present, PYTHON + " cannot import " + module + " (apt-get install -y " + debianPackage + ")");
    }

    /** A script under src/test/python (the tests run from the module directory). */
    static Path script(String name) {
        Path p = Path.of("src", "test", "python", name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("missing interop script " + p.toAbsolutePath());
        }
        return p;
    }

    /**
     * Runs {@code command} to its end in a child process, from a task (suspends; the loop keeps
     * serving meanwhile). Kills the child if it takes longer than {@link #PEER_TIMEOUT}.
     */
    static Result run(List<String> command) throws IOException {
        Subprocess p = Subprocesses.createSubprocessExec(command, SubprocessOptions.pipes());
        try {
            Subprocess.Output o = Timeout.after(PEER_TIMEOUT).run(() -> p.communicate(null));
            return new Result(p.waitFor(), new String(o.stdout(), StandardCharsets.UTF_8),
                    new String(o.stderr(), StandardCharsets.UTF_8));
        } finally {
            if (p.returncode() == null) {
                p.kill();
                p.waitFor();
            }
        }
    }
}
