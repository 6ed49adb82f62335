package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.jasyncio.process.Redirect;
import io.jasyncio.process.Subprocess;
import io.jasyncio.process.SubprocessOptions;
import io.jasyncio.process.Subprocesses;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.util.List;

/**
 * A shell pipeline built on the loop: {@code printf ... | tr a-z A-Z | sort}, with a task of
 * ours copying each child's output into the next child's input. {@code drain()} makes a copier
 * wait when the next child reads slowly, so no stage buffers more than the pipe's high-water mark.
 */
public final class PipelineDemo {
    private PipelineDemo() {
    }

    /** Copies {@code from} to {@code to} until EOF, then closes {@code to} (the next child sees EOF). */
    static void copy(StreamReader from, StreamWriter to) throws IOException {
        try (to) {
            byte[] chunk;
            while ((chunk = from.read(16 * 1024)).length > 0) {
                to.write(chunk);
                to.drain();
            }
        }
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        run(() -> {
            SubprocessOptions pipes = SubprocessOptions.pipes();
            Subprocess words = Subprocesses.createSubprocessExec(List.of("printf", "pear\\napple\\nfig\\n"),
                    pipes.withStdin(Redirect.DEVNULL));
            Subprocess upper = Subprocesses.createSubprocessExec(List.of("tr", "a-z", "A-Z"), pipes);
            Subprocess sort = Subprocesses.createSubprocessExec(List.of("sort"), pipes);
            gather(() -> copy(words.stdout(), upper.stdin()),
                    () -> copy(upper.stdout(), sort.stdin()),
                    () -> {
                        for (byte[] line : sort.stdout().lines()) {
                            System.out.print("sorted: " + new String(line, UTF_8));
                        }
                    });
            System.out.println("exit codes: " + List.of(words.waitFor(), upper.waitFor(), sort.waitFor()));
        });
    }
}
