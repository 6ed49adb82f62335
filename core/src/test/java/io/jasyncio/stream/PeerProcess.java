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
 * A peer in a child process: a CPython script from the test resources ({@code interop/}) run by
 * {@code /usr/bin/python3} (Debian's, never a pyenv one on the PATH), or a {@code main} class of
 * the tests run in a child JVM. Its stdout and stderr are merged and read line by line on a
 * worker thread ({@code toThread}), so the loop never blocks. Closing it closes its stdin (the
 * servers stop then), kills what is left, and closes every pipe, so the fd-leak check sees
 * nothing of it.
 */
final class PeerProcess implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** How long a peer may take to print a line or to exit; the scripts stop themselves after 60 s. */
    static final long WAIT_SECONDS = 90;

    private final Process process;
    private final BufferedReader out;
    private final List<String> seen = new ArrayList<>();

    private PeerProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code interop/<script>} with {@code args}; skips the test if there is no /usr/bin/python3. */
    static PeerProcess python(String script, String... args) throws IOException {
        assumeTrue(Files.isExecutable(PYTHON), "SKIPPED: interoperability needs CPython at " + PYTHON);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", script(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // A PYTHONPATH or PYTHONHOME meant for another interpreter must not leak into Debian's.
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTHON"));
        return new PeerProcess(pb.start());
    }

    /**
     * Starts {@code main} in a child JVM with the tests' class path, the flags jasyncio needs,
     * {@code jvmOptions} and {@code args}. The child inherits this JVM's limits (open files).
     */
    static PeerProcess java(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new PeerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static Path script(String name) {
        URL url = PeerProcess.class.getResource("/interop/" + name);
        if (url == null) {
            throw new IllegalStateException("no test resource interop/" + name);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // From core's test-jar (jasyncio-uring re-runs these tests): python needs a file.
            Path copy = Files.createTempFile("jasyncio-" + name.replace(".py", "-"), ".py");
            copy.toFile().deleteOnExit();
            try (var in = url.openStream()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line of output, suspending (off the loop) until it comes; fails at end of output. */
    String readLine() {
        String line = toThread(out::readLine);
        if (line == null) {
            fail("the peer ended without the expected line; output: " + seen);
        }
        seen.add(line);
        return line;
    }

    /** Closes its stdin, then waits (off the loop) for it to exit; returns the exit status. */
    int awaitExit() {
        return toThread(() -> {
            process.getOutputStream().close();
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the peer did not exit in " + WAIT_SECONDS + " s");
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
