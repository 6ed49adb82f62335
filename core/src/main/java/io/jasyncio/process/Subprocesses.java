package io.jasyncio.process;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Starting child processes: asyncio's {@code create_subprocess_exec} and
 * {@code create_subprocess_shell}.
 *
 * {@snippet :
 * Subprocess p = Subprocesses.createSubprocessShell("ls -l | wc -l", SubprocessOptions.pipes());
 * byte[] out = p.communicate(null).stdout();
 * }
 */
public final class Subprocesses {
    private Subprocesses() {
    }

    /**
     * Starts {@code command} (a program and its arguments, no shell) with asyncio's defaults:
     * every stream inherited. Suspends while the process is spawned (on a worker thread).
     *
     * @throws IOException if the program cannot be started
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws CancelledError if the task is cancelled while the process starts (it is then killed)
     */
    public static Subprocess createSubprocessExec(String... command) throws IOException {
        return createSubprocessExec(List.of(command), SubprocessOptions.defaults());
    }

    /**
     * Starts {@code command} (a program and its arguments, no shell) as {@code options} say.
     * Suspends while the process is spawned (on a worker thread, since spawning blocks).
     *
     * @throws IOException if the program cannot be started
     * @throws IllegalArgumentException if {@code command} is empty
     * @throws CancelledError if the task is cancelled while the process starts (it is then killed)
     */
    public static Subprocess createSubprocessExec(List<String> command, SubprocessOptions options) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(input(options.stdin()));
        pb.redirectOutput(output(options.stdout()));
        if (options.stderr() == Redirect.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(options.stderr()));
        }
        if (options.directory() != null) {
            pb.directory(options.directory().toFile());
        }
        if (options.environment() != null) {
            pb.environment().clear();
            pb.environment().putAll(options.environment());
        }
        EventLoop loop = Asyncio.getRunningLoop();
        var started = Asyncio.wrapFuture(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return pb.start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, loop.defaultExecutor()));
        Process process;
        try {
            process = started.await();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (CancelledError e) {
            started.addDoneCallback(f -> {
                if (!f.isCancelled() && f.exception() == null) {
                    f.result().destroyForcibly();
                }
            });
            throw e;
        }
        Subprocess p = new Subprocess(loop, process, options);
        p.start();
        return p;
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} as {@code options} say. Suspends while the
     * shell is spawned.
     *
     * @throws IOException if the shell cannot be started
     * @throws CancelledError if the task is cancelled while the shell starts
     */
    public static Subprocess createSubprocessShell(String command, SubprocessOptions options) throws IOException {
        return createSubprocessExec(List.of("/bin/sh", "-c", command), options);
    }

    /** {@link #createSubprocessShell(String, SubprocessOptions)} with every stream inherited. */
    public static Subprocess createSubprocessShell(String command) throws IOException {
        return createSubprocessShell(command, SubprocessOptions.defaults());
    }

    private static ProcessBuilder.Redirect input(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            case STDOUT -> throw new IllegalArgumentException("stdin cannot be STDOUT");
        };
    }

    private static ProcessBuilder.Redirect output(Redirect r) {
        return switch (r) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            case STDOUT -> throw new IllegalArgumentException("only stderr can be STDOUT");
        };
    }
}
