package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one workload program (a Java main class or a Python script) as its own process and parses
 * the result line it prints. The process is pinned with taskset when the workload is one-core.
 *
 * @param contender the contender measured
 * @param program the Java class name (JVM runtimes) or the script under bench/python
 */
record ProcessRunner(Contender contender, String program) implements Runner {
    static ProcessRunner java(Contender contender, Class<?> mainClass) {
        return new ProcessRunner(contender, mainClass.getName());
    }

    static ProcessRunner python(Contender contender, String script) {
        return new ProcessRunner(contender, script);
    }

    List<String> command(Env env, Workload workload, Size size) {
        return switch (contender) {
            case JASYNCIO, VIRTUAL_THREADS -> env.javaCommand(program, workload.oneCore(), size);
            case JASYNCIO_URING -> env.javaCommand(program, workload.oneCore(), size, Env.URING_FLAGS);
            case ASYNCIO -> env.pythonCommand(program, false, workload.oneCore(), size);
            case UVLOOP -> env.pythonCommand(program, true, workload.oneCore(), size);
            case NETTY, NETTY_URING, NGINX, WRK, AIOHTTP, AIOFILES, URING_FILES -> throw new IllegalStateException(contender.label + " runs only as a server (EchoRunner, HttpRunner)");
        };
    }

    @Override
    public String describe(Env env, Workload workload, Size size) {
        return Env.shellQuote(command(env, workload, size));
    }

    @Override
    public Measurement run(Env env, Workload workload, Size size) {
        List<String> command = command(env, workload, size);
        String shown = Env.shellQuote(command);
        Finished done = runToEnd(command, env.benchDir(), env.timeoutSeconds());
        if (done.error() != null) {
            return Measurement.failed(contender, shown, done.error());
        }
        return measurement(contender, shown, workload, done.stdout(), done.stderr());
    }

    /**
     * What a finished process left.
     *
     * @param stdout its standard output
     * @param stderr the tail of its standard error
     * @param error why it failed (non-zero exit, timeout, could not start), or null
     */
    record Finished(String stdout, String stderr, String error) {
    }

    /** Runs {@code command} in {@code dir} for at most {@code timeoutSeconds} (then kills it); never throws. */
    static Finished runToEnd(List<String> command, Path dir, long timeoutSeconds) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jasyncio-bench-", ".out");
            err = Files.createTempFile("jasyncio-bench-", ".err");
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Finished("", tail(err), "timed out after " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return new Finished(stdout, tail(err), "exit status " + p.exitValue() + ": " + tail(err));
            }
            return new Finished(stdout, tail(err), null);
        } catch (IOException e) {
            return new Finished("", "", "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finished("", "", "interrupted");
        } finally {
            delete(out);
            delete(err);
        }
    }

    /**
     * The measurement in {@code stdout}'s result line, or a failure if there is none, it is for
     * another workload or contender, or it lacks the workload's metric.
     */
    static Measurement measurement(Contender contender, String shown, Workload workload, String stdout, String stderr) {
        try {
            var fields = ResultLine.parseLast(stdout);
            if (!workload.reports().equals(fields.get("workload")) || !contender.id.equals(fields.get("runtime"))) {
                return Measurement.failed(contender, shown, "result line is for another workload or contender: " + fields);
            }
            if (!(fields.get(workload.metric().field()) instanceof Double)) {
                return Measurement.failed(contender, shown, "result line lacks " + workload.metric().field() + ": " + fields);
            }
            return new Measurement(contender, shown, fields, null);
        } catch (IllegalArgumentException e) {
            return Measurement.failed(contender, shown, e.getMessage() + "; stderr: " + stderr);
        }
    }

    /** The last 600 characters of {@code file}, stripped. */
    static String tail(Path file) {
        try {
            String text = file == null ? "" : Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    /** Deletes {@code file} if it is there; a temp file left behind is harmless. */
    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
