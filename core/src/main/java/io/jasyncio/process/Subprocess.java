package io.jasyncio.process;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import io.jasyncio.Task;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.FlowControlProtocol;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.stream.StreamReaderProtocol;
import io.jasyncio.stream.StreamWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process started by {@link Subprocesses}: asyncio's {@code asyncio.subprocess.Process}.
 * Its piped standard streams are streams ({@link #stdin()} a {@link StreamWriter},
 * {@link #stdout()} and {@link #stderr()} {@link StreamReader}s); {@link #waitFor()} and
 * {@link #communicate(byte[])} suspend the calling task, never the loop.
 *
 * {@snippet :
 * Subprocess p = Subprocesses.createSubprocessExec(List.of("sort"), SubprocessOptions.pipes());
 * Subprocess.Output out = p.communicate("b\na\n".getBytes(UTF_8));   // "a\nb\n"
 * int status = p.returncode();
 * }
 *
 * <p><b>Deadlocks</b>, as in asyncio: a child that fills a pipe nobody reads stops, so
 * {@link #waitFor()} with piped output waits for ever unless the output is read;
 * {@link #communicate(byte[])} reads everything and cannot deadlock. A child that writes faster
 * than the reader reads is held back (the pipe is not read while the reader holds more than
 * twice its limit), so memory stays bounded.
 *
 * <p>Loop-confined. The child is reaped by the JDK whatever happens to this object.
 *
 * <p><b>Differs from asyncio:</b> {@link #returncode()} for a child killed by signal N is
 * 128 + N (the JDK's exit value), not -N; {@link #communicate(byte[])} with null input still
 * closes stdin (asyncio leaves it open, so a child reading stdin never ends); {@code wait} is
 * {@code waitFor}; {@code kill}/{@code terminate}/{@code sendSignal} do nothing once the exit
 * was seen (asyncio raises {@code ProcessLookupError} once the transport closed).
 */
public final class Subprocess {
    /*
     * Implementation notes.
     *
     * The JDK Process is the child; its pipes get a PipeReadTransport (stdout, stderr) or a
     * PipeWriteTransport (stdin), each with its own virtual thread. Process.onExit() posts the
     * exit to the loop. finished = exited && no pipe still open (asyncio's _try_finish); only
     * then waitFor() returns, so output is complete when it does, and no pipe thread posts to
     * the loop afterwards. The stdin pipe is closed at exit (nobody can read it any more). Waiters park
     * on a ParkingLot woken all at once, so cancelling one waitFor() disturbs no other.
     */

    /** What {@link #communicate(byte[])} collected; a field is null where that stream was not a pipe. */
    public record Output(byte[] stdout, byte[] stderr) {
    }

    private final EventLoop loop;
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private PipeWriteTransport stdinPipe;
    private final List<PipeReadTransport> readPipes = new ArrayList<>();
    private int openReadPipes;
    private Integer returncode;
    private boolean finished;
    private final ParkingLot waiters = new ParkingLot(this);

    Subprocess(EventLoop loop, Process process, SubprocessOptions options) {
        this.loop = loop;
        this.process = process;
        if (options.stdin() == Redirect.PIPE) {
            FlowControlProtocol protocol = new FlowControlProtocol() {
                @Override
                public void dataReceived(ByteBuffer data) {
                    data.position(data.limit());
                }
            };
            stdinPipe = new PipeWriteTransport(loop, process.getOutputStream(), protocol, this::tryFinish);
            stdin = new StreamWriter(stdinPipe, protocol, null);
        } else {
            stdin = null;
        }
        stdout = options.stdout() == Redirect.PIPE ? readPipe("stdout", process.getInputStream(), options.limit()) : null;
        boolean separateStderr = options.stderr() == Redirect.PIPE;
        stderr = separateStderr ? readPipe("stderr", process.getErrorStream(), options.limit()) : null;
    }

    private StreamReader readPipe(String name, java.io.InputStream in, int limit) {
        StreamReader reader = new StreamReader(limit);
        readPipes.add(new PipeReadTransport(loop, name, in, new StreamReaderProtocol(reader), this::readPipeLost));
        openReadPipes++;
        return reader;
    }

    /** Starts the pipes' threads and the exit watch. Loop thread. */
    void start() {
        if (stdinPipe != null) {
            stdinPipe.start();
        }
        for (PipeReadTransport p : readPipes) {
            p.start();
        }
        process.onExit().whenComplete((p, e) -> {
            try {
                loop.callSoonThreadsafe(this::exited);
            } catch (RuntimeException closed) {
                // The loop is gone; the JDK still reaps the child.
            }
        });
    }

    private void readPipeLost() {
        openReadPipes--;
        tryFinish();
    }

    private void exited() {
        returncode = process.exitValue();
        if (stdinPipe != null) {
            stdinPipe.close();
        }
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null || openReadPipes > 0 || (stdinPipe != null && !stdinPipe.lost())) {
            return;
        }
        finished = true;
        waiters.wakeAll();
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The child's stdin, or null unless it was {@link Redirect#PIPE}. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's stdout, or null unless it was {@link Redirect#PIPE}. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's stderr, or null unless it was {@link Redirect#PIPE}. */
    public StreamReader stderr() {
        return stderr;
    }

    /**
     * The exit status once the loop has seen the child exit, else null. A child killed by signal
     * N has 128 + N.
     */
    public Integer returncode() {
        return returncode;
    }

    /**
     * Suspends until the child exited and its pipes closed (stdout and stderr reached their end,
     * read or not; stdin is closed at exit), then returns the exit status. asyncio's {@code wait()}. A cancellation point; the
     * child is not affected by a cancellation.
     *
     * @throws CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException if it would wait outside a task
     */
    public int waitFor() {
        if (!finished) {
            if (Asyncio.currentTask() == null) {
                throw new IllegalStateException("only a task can wait for a subprocess (it would have to suspend)");
            }
            waiters.park();
        }
        return returncode;
    }

    /**
     * Writes {@code input} to stdin (if not null) and closes it, reads stdout and stderr to
     * their end, all concurrently, then waits for the exit. Returns what was read. A
     * cancellation point; if cancelled, the child keeps running.
     *
     * <p>A child that exits without reading all its input is not an error (the broken pipe is
     * ignored, as in asyncio).
     *
     * @throws IllegalArgumentException if {@code input} is given but stdin is not a pipe
     * @throws IOException if reading the output failed
     * @throws CancelledError if the task is cancelled
     */
    public Output communicate(byte[] input) throws IOException {
        if (input != null && stdin == null) {
            throw new IllegalArgumentException("input given, but stdin is not a pipe");
        }
        Task<Void> feeder = stdin == null ? null : loop.createTask(() -> {
            feedStdin(input);
            return null;
        });
        Task<byte[]> out = stdout == null ? null : loop.createTask(stdout::read);
        Task<byte[]> err = stderr == null ? null : loop.createTask(stderr::read);
        try {
            if (feeder != null) {
                feeder.await();
            }
            byte[] o = out == null ? null : awaitRead(out);
            byte[] e = err == null ? null : awaitRead(err);
            waitFor();
            return new Output(o, e);
        } finally {
            for (Task<?> t : new Task<?>[] {feeder, out, err}) {
                if (t != null && !t.isDone()) {
                    t.cancel();
                }
            }
        }
    }

    private static byte[] awaitRead(Task<byte[]> t) throws IOException {
        try {
            return t.await();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private void feedStdin(byte[] input) {
        try {
            // A stdin already closed or half-closed drops the input, as asyncio's pipe transport does.
            if (input != null && !stdin.isClosing()) {
                // Slices with a drain after each keep the pipe's queue bounded for a big input.
                int slice = PipeReadTransport.CHUNK;
                for (int off = 0; off < input.length; off += slice) {
                    stdin.write(ByteBuffer.wrap(input, off, Math.min(slice, input.length - off)));
                    stdin.drain();
                }
            }
        } catch (IOException brokenPipe) {
            // The child closed its stdin or exited: what it did not read is of no use to it.
        } finally {
            stdin.close();
        }
    }

    /**
     * Kills the child (SIGKILL on Unix). Its pipes stay open, so output it wrote before can
     * still be read ({@code Process.destroyForcibly()} would close them; this goes through
     * {@link ProcessHandle}). Does nothing once its exit was seen.
     */
    public void kill() {
        if (returncode == null) {
            process.toHandle().destroyForcibly();
        }
    }

    /**
     * Asks the child to terminate (SIGTERM on Unix); its pipes stay open, as for {@link #kill()}.
     * Does nothing once its exit was seen.
     */
    public void terminate() {
        if (returncode == null) {
            process.toHandle().destroy();
        }
    }

    /**
     * Sends signal {@code signal} (a number, as {@code kill -N}) to the child. SIGTERM (15) and
     * SIGKILL (9) go through {@link ProcessHandle}; the JDK has no API for the others, so they are delivered
     * by running {@code kill -N pid} on a virtual thread (this call does not wait for it; a
     * failure goes to the loop's exception handler). Does nothing once the exit was seen.
     *
     * @throws IllegalArgumentException if {@code signal} is not positive
     */
    public void sendSignal(int signal) {
        if (signal <= 0) {
            throw new IllegalArgumentException("not a signal: " + signal);
        }
        if (returncode != null) {
            return;
        }
        if (signal == 15) {
            terminate();
            return;
        }
        if (signal == 9) {
            kill();
            return;
        }
        long pid = process.pid();
        Thread.ofVirtual().name("jasyncio-kill").start(() -> {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .redirectErrorStream(true).start();
                String out = new String(kill.getInputStream().readAllBytes());
                int status = kill.waitFor();
                if (status != 0) {
                    throw new IOException("kill -" + signal + " " + pid + " exited with " + status + ": " + out.strip());
                }
            } catch (IOException | InterruptedException e) {
                try {
                    loop.callSoonThreadsafe(() -> loop.callExceptionHandler(
                            ExceptionContext.of("sendSignal(" + signal + ") failed", e)));
                } catch (RuntimeException closed) {
                    // Nobody left to tell.
                }
            }
        });
    }

    @Override
    public String toString() {
        return "Subprocess[pid=" + process.pid() + (returncode != null ? ", returncode=" + returncode : ", running") + "]";
    }
}
