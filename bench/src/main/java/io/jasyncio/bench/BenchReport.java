package io.jasyncio.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one result line a workload program prints, in the shape the CPython peers print it
 * (bench/python/benchutil.py): a flat JSON object with {@code workload}, {@code runtime},
 * {@code n}, the workload's measured fields and {@code peak_rss_kib}. The harness
 * ({@code io.jasyncio.bench.harness}) parses it.
 */
public final class BenchReport {
    private final Map<String, String> fields = new LinkedHashMap<>();

    private BenchReport(String workload, String runtime, int n) {
        fields.put("workload", quote(workload));
        fields.put("runtime", quote(runtime));
        fields.put("n", Integer.toString(n));
    }

    /** Starts the result line of {@code workload} measured on {@code runtime} with size {@code n}. */
    public static BenchReport of(String workload, String runtime, int n) {
        return new BenchReport(workload, runtime, n);
    }

    /** Adds a numeric field; returns this. */
    public BenchReport put(String name, double value) {
        fields.put(name, String.format(Locale.ROOT, "%.6f", value));
        return this;
    }

    /** The line as it is printed, without the trailing newline. */
    public String line() {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("peak_rss_kib", Long.toString(peakRssKib()));
        StringBuilder sb = new StringBuilder("{");
        all.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(quote(k)).append(": ").append(v));
        return sb.append('}').toString();
    }

    /** Prints {@link #line()} on standard output. */
    public void print() {
        System.out.println(line());
    }

    /** The first argument as a count ({@code 1_000_000} allowed), or {@code fallback} if absent. */
    public static int parseN(String[] args, int fallback) {
        return intArg(args, 0, fallback);
    }

    /**
     * Positional argument {@code index} (options starting with {@code --} are not counted) as an
     * int ({@code _} separators allowed), or {@code fallback} if absent.
     */
    public static int intArg(String[] args, int index, int fallback) {
        String[] positional = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        return positional.length > index ? Integer.parseInt(positional[index].replace("_", "")) : fallback;
    }

    /** Whether option {@code name} (for example {@code --plain}) is among {@code args}. */
    public static boolean flag(String[] args, String name) {
        return java.util.Arrays.asList(args).contains(name);
    }

    /** Exits with status 1 and a message on standard error if {@code ok} is false: a run that did the wrong work reports nothing. */
    public static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("error: result check failed: " + what);
            System.exit(1);
        }
    }

    /**
     * Heap in use (MemoryMXBean) after full collections, repeated until it stops shrinking; only
     * meaningful as a difference between two calls.
     */
    public static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last) {
                return used;
            }
            last = used;
        }
        return last;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
