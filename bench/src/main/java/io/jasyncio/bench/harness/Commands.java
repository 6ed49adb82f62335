package io.jasyncio.bench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (version probes, apt-get) and returns what they print. */
final class Commands {
    private Commands() {
    }

    /**
     * The outcome of a helper command.
     *
     * @param status exit status, or -1 if it could not start or timed out
     * @param output standard output and error, stripped
     */
    record Output(int status, String output) {
        boolean ok() {
            return status == 0;
        }
    }

    /** Runs {@code command} for at most {@code timeoutSeconds}, killing it then; never throws. */
    static Output run(List<String> command, int timeoutSeconds) {
        Path log = null;
        try {
            // Output goes to a file so that a command that hangs cannot hold us past the timeout.
            log = Files.createTempFile("jasyncio-bench-cmd-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Output(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Output(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Output(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
