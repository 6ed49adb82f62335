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
            case ASYNCIO -> env.pythonCommand(program, false, workload.oneCore(), size);
            case UVLOOP -> env.pythonCommand(program, true, workload.oneCore(), size);
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
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jasyncio-bench-", ".out");
            err = Files.createTempFile("jasyncio-bench-", ".err");
            Process p = new ProcessBuilder(command)
                    .directory(env.benchDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(env.timeoutSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return Measurement.failed(contender, shown, "timed out after " + env.timeoutSeconds() + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return Measurement.failed(contender, shown, "exit status " + p.exitValue() + ": " + tail(err));
            }
            var fields = ResultLine.parseLast(stdout);
            if (!workload.name().equals(fields.get("workload")) || !contender.id.equals(fields.get("runtime"))) {
                return Measurement.failed(contender, shown, "result line is for another workload or contender: " + fields);
            }
            if (!(fields.get(workload.metric().field()) instanceof Double)) {
                return Measurement.failed(contender, shown, "result line lacks " + workload.metric().field() + ": " + fields);
            }
            return new Measurement(contender, shown, fields, null);
        } catch (IllegalArgumentException e) {
            return Measurement.failed(contender, shown, e.getMessage() + "; stderr: " + tail(err));
        } catch (IOException e) {
            return Measurement.failed(contender, shown, "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.failed(contender, shown, "interrupted");
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String tail(Path file) {
        try {
            String text = file == null ? "" : Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > 600 ? "..." + text.substring(text.length() - 600) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
