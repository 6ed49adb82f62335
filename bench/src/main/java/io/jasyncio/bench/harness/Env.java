package io.jasyncio.bench.harness;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where and how measured processes run: the JVM and its flags, the Python interpreter, the
 * bench directory (for bench/python), and whether one-core workloads can be pinned.
 *
 * @param java the java binary (the harness's own)
 * @param classpath jasyncio core and the bench programs
 * @param jvmFlags heap and GC flags, the same for jasyncio and virtual-thread runs
 * @param python the interpreter for the CPython peers
 * @param benchDir the bench/ directory
 * @param taskset whether {@code taskset} exists, so one-core runs are pinned to core 0
 * @param timeoutSeconds how long one measured process may run before it is killed
 * @param nettyClasspath the Netty jars for the Netty echo server ("" when there are none)
 */
record Env(Path java, String classpath, List<String> jvmFlags, Path python, Path benchDir,
           boolean taskset, int timeoutSeconds, String nettyClasspath) {
    /** Needed by jasyncio's engine; given to every JVM run, virtual threads too, so the command lines match. */
    static final List<String> EXPORTS = List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED");
    /** One carrier for virtual threads on one-core workloads, as jasyncio has one loop thread. */
    static final List<String> ONE_CARRIER = List.of(
            "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");
    static final List<String> PIN = List.of("taskset", "-c", "0");
    /**
     * What a jasyncio program needs to run on the io_uring loop (issue 11), beside
     * {@link #EXPORTS}: the ring layer reads a channel's fd through sun.nio.ch and calls the
     * kernel through FFM, and {@code jasyncio.loop} selects the loop. The programs are the same
     * classes as on the selector loop; only these flags differ.
     */
    static final List<String> URING_FLAGS = List.of("--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "-Djasyncio.loop=uring");

    Env {
        jvmFlags = List.copyOf(jvmFlags);
    }

    /** The command that runs Java program {@code mainClass} at {@code size}. */
    List<String> javaCommand(String mainClass, boolean oneCore, Size size) {
        return javaCommand(mainClass, oneCore, size, List.of());
    }

    /** The command that runs Java program {@code mainClass} at {@code size}, with {@code extraFlags} after the JVM flags. */
    List<String> javaCommand(String mainClass, boolean oneCore, Size size, List<String> extraFlags) {
        List<String> cmd = new ArrayList<>();
        if (oneCore && taskset) {
            cmd.addAll(PIN);
        }
        cmd.add(java.toString());
        cmd.addAll(EXPORTS);
        cmd.addAll(jvmFlags);
        cmd.addAll(extraFlags);
        if (oneCore) {
            cmd.addAll(ONE_CARRIER);
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.add(Integer.toString(size.n()));
        cmd.addAll(size.extraArgs());
        return cmd;
    }

    /**
     * The command that starts server program {@code mainClass} (the echo and HTTP peers): the
     * JVM flags, then {@code extraFlags}, the class path with the peers' library jars when
     * {@code libraries} (Netty's, Jackson's) and there are any. The caller appends the program's
     * own arguments.
     */
    List<String> serverJavaCommand(String mainClass, List<String> extraFlags, boolean libraries) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(EXPORTS);
        cmd.addAll(jvmFlags);
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        cmd.add(libraries && !nettyClasspath.isEmpty() ? classpath + File.pathSeparator + nettyClasspath : classpath);
        cmd.add(mainClass);
        return cmd;
    }

    /**
     * The command that runs bench/python/{@code script} at {@code size}. {@code -E -s}: no
     * PYTHON* variables and no user site directory, so the machine's Debian Python is what runs.
     */
    List<String> pythonCommand(String script, boolean uvloop, boolean oneCore, Size size) {
        List<String> cmd = new ArrayList<>();
        if (oneCore && taskset) {
            cmd.addAll(PIN);
        }
        cmd.addAll(List.of(python.toString(), "-E", "-s", benchDir.resolve("python").resolve(script).toString()));
        cmd.add(Integer.toString(size.n()));
        cmd.addAll(size.extraArgs());
        if (uvloop) {
            cmd.add("--uvloop");
        }
        return cmd;
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /** {@code command} as one line a POSIX shell would split back into the same words. */
    static String shellQuote(List<String> command) {
        List<String> words = new ArrayList<>();
        for (String w : command) {
            words.add(PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }
}
