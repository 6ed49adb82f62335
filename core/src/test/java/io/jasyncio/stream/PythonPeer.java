package io.jasyncio.stream;

import static io.jasyncio.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CPython script from the test resources ({@code interop/}) run as a child process by
 * {@code /usr/bin/python3} (Debian's, never a pyenv one on the PATH), its stdout and stderr
 * merged and read line by line on a worker thread ({@code toThread}), so the loop never blocks.
 * Closing it closes its stdin (the servers stop then), kills what is left, and closes every
 * pipe, so the fd-leak check sees nothing of it.
 */
final class PythonPeer implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** How long a script may take to print a line or to exit; scripts stop themselves after 60 s. */
    static final long WAIT_SECONDS = 90;

    private final Process process;
    private final BufferedReader out;
    private final List<String> seen = new ArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code interop/<script>} with {@code args}; skips the test if there is no /usr/bin/python3. */
    static PythonPeer start(String script, String... args) throws IOException {
        assumeTrue(Files.isExecutable(PYTHON), "SKIPPED: interoperability needs CPython at " + PYTHON);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", script(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // A PYTHONPATH or PYTHONHOME meant for another interpreter must not leak into Debian's.
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON"));
        return new PythonPeer(pb.start());
    }

    private static Path script(String name) {
        URL url = PythonPeer.class.getResource("/interop/" + name);
        if (url == null) {
            throw new IllegalStateException("no test resource interop/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line of output, suspending (off the loop) until it comes; fails at end of output. */
    String readLine() {
        String line = toThread(out::readLine);
        if (line == null) {
            fail("the script ended without the expected line; output: " + seen);
        }
        seen.add(line);
        return line;
    }

    /** Closes its stdin, then waits (off the loop) for it to exit; returns the exit status. */
    int awaitExit() {
        return toThread(() -> {
            process.getOutputStream().close();
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the script did not exit in " + WAIT_SECONDS + " s");
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
            }
            return process.exitValue();
        });
    }

    /** Every line read so far. */
    List<String> output() {
        return seen;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.getOutputStream().close();
        out.close();
        process.getErrorStream().close();
    }
}
