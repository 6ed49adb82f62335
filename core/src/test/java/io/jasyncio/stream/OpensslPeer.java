package io.jasyncio.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.process.Redirect;
import io.jasyncio.process.Subprocess;
import io.jasyncio.process.SubprocessOptions;
import io.jasyncio.process.Subprocesses;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code openssl} command run as a child process for the interoperability tests: a peer no
 * one here wrote. Its standard output and error are one pipe, collected as text; closing kills
 * the child and waits for it, so no process or descriptor outlives a test.
 */
final class OpensslPeer implements AutoCloseable {
    /** How long {@code s_server} may take to say it accepts (it starts in tens of milliseconds). */
    static final Duration START_BOUND = Duration.ofSeconds(10);
    /** How long {@link #awaitOutput} waits for a line openssl prints at once. */
    static final Duration OUTPUT_BOUND = Duration.ofSeconds(5);
    /** How many ports {@link #server} tries when the one it picked was taken meanwhile. */
    static final int PORT_ATTEMPTS = 5;

    final Subprocess process;
    final int port;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Task<Void> collector;

    private OpensslPeer(Subprocess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The openssl binary on the PATH; fails the test with what to install if there is none. */
    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "openssl");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("these tests need the openssl command (Debian: apt-get install openssl; .ci/run installs it)");
    }

    /**
     * Starts {@code openssl s_server} on 127.0.0.1 at a free port with {@code identity}'s
     * certificate and {@code args}, and returns once it accepts. A port taken between picking
     * and binding is retried with another. A cancellation point.
     */
    static OpensslPeer server(Path[] pem, List<String> args) throws IOException {
        String seen = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = NetTestSupport.closedPort();
            List<String> cmd = new ArrayList<>(List.of(binary(), "s_server", "-accept", NetTestSupport.LOOPBACK + ":" + port,
                    "-cert", pem[0].toString(), "-key", pem[1].toString()));
            cmd.addAll(args);
            OpensslPeer peer = new OpensslPeer(start(cmd), port);
            boolean ok = false;
            try {
                if (Asyncio.timeout(START_BOUND, peer::awaitAccepting)) {
                    ok = true;
                    peer.collectRest();
                    return peer;
                }
                seen = peer.output();
            } finally {
                if (!ok) {
                    peer.close();
                }
            }
            if (!seen.contains("Address already in use")) {
                break;
            }
        }
        throw new AssertionError("openssl s_server did not start:\n" + seen);
    }

    /** Starts {@code openssl s_client} with {@code args}; its stdin is a pipe the test writes to. */
    static OpensslPeer client(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "s_client"));
        cmd.addAll(args);
        OpensslPeer peer = new OpensslPeer(start(cmd), -1);
        peer.collectRest();
        return peer;
    }

    /**
     * Starts {@code cmd} under {@code stdbuf -o0} (coreutils): openssl's stdout is a C stream,
     * block-buffered into a pipe, and the tests must see each line as it is printed.
     */
    private static Subprocess start(List<String> cmd) throws IOException {
        List<String> unbuffered = new ArrayList<>(List.of("stdbuf", "-o0", "-e0"));
        unbuffered.addAll(cmd);
        return Subprocesses.createSubprocessExec(unbuffered, SubprocessOptions.pipes().withStderr(Redirect.STDOUT));
    }

    /** Reads lines until "ACCEPT" (true) or the end of output (false: it exited). */
    private boolean awaitAccepting() throws IOException {
        byte[] line;
        while ((line = process.stdout().readLine()).length > 0) {
            output.writeBytes(line);
            if (new String(line, UTF_8).strip().equals("ACCEPT")) {
                return true;
            }
        }
        return false;
    }

    private void collectRest() {
        collector = Asyncio.createTask(() -> {
            byte[] b;
            while ((b = process.stdout().read(65536)).length > 0) {
                output.writeBytes(b);
            }
            return null;
        });
    }

    /** Everything the child printed so far. */
    String output() {
        return output.toString(UTF_8);
    }

    /** Suspends until the output contains {@code text}; fails, showing the output, after {@link #OUTPUT_BOUND}. */
    void awaitOutput(String text) {
        try {
            Asyncio.timeout(OUTPUT_BOUND, () -> {
                while (!output().contains(text)) {
                    if (collector != null && collector.isDone()) {
                        throw new AssertionError("openssl ended without printing " + text + ":\n" + output());
                    }
                    Asyncio.sleep(Duration.ofMillis(5));
                }
            });
        } catch (io.jasyncio.AsyncTimeoutException e) {
            throw new AssertionError("openssl did not print " + text + " in " + OUTPUT_BOUND + ":\n" + output());
        }
    }

    /** Suspends until the child exits by itself; returns its status. */
    int awaitExit() {
        int status = process.waitFor();
        if (collector != null) {
            collector.await();
        }
        return status;
    }

    /** Kills the child if it still runs, and waits for it and its output to end. */
    @Override
    public void close() {
        process.kill();
        awaitExit();
    }
}
