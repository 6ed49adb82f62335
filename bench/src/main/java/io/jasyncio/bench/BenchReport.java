package io.jasyncio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints one JSON line per run, in the same shape as the CPython peers in bench/python. */
final class BenchReport {
    private BenchReport() {
    }

    static void print(String workload, int n, double seconds, Double heapBytesPerTask) {
        printAs(workload, "jasyncio", n, seconds, heapBytesPerTask);
    }

    static void printAs(String workload, String runtime, int n, double seconds, Double heapBytesPerTask) {
        System.out.println(String.format(Locale.ROOT,
                "{\"workload\": \"%s\", \"n\": %d, \"seconds\": %.6f, \"peak_rss_kib\": %d, \"heap_bytes_per_task\": %s, \"loop\": \"%s\"}",
                workload, n, seconds, peakRssKib(), heapBytesPerTask == null ? "null" : String.format(Locale.ROOT, "%.1f", heapBytesPerTask), runtime));
    }

    static int parseN(String[] args, int fallback) {
        return args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : fallback;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("error: result check failed: " + what);
            System.exit(1);
        }
    }

    /** Heap in use after a full collection; only meaningful as a difference. */
    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
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
