package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Runs {@code command} for at most {@code timeoutSeconds}; never throws. */
    static Output run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            // The probes print a line or two; reading before waiting cannot fill the pipe.
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Output(-1, "timed out");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Output(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        }
    }
}
