package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of a server from {@code /proc/PID/stat}: user plus system time in clock ticks, of
 * the process and every descendant (nginx serves from a worker its master forks; a JVM's or
 * CPython's threads are already in their process's figure).
 */
final class ProcCpu {
    private ProcCpu() {
    }

    /** What the kernel's USER_HZ nearly always is; used when {@code getconf CLK_TCK} cannot say. */
    static final long DEFAULT_TICKS_PER_SECOND = 100;

    private static volatile long ticksPerSecond;

    /**
     * utime + stime (fields 14 and 15) of one line of {@code /proc/PID/stat}. The command name
     * (field 2) is in parentheses and may hold spaces and parentheses itself, so the fields are
     * counted from the last ')'.
     *
     * @throws IllegalArgumentException if the line is not a stat line
     */
    static long ticks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
        }
        // after ") ": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12
        String[] rest = statLine.substring(close + 1).strip().split("\\s+");
        if (rest.length < 13) {
            throw new IllegalArgumentException("a /proc/PID/stat line with too few fields: " + statLine);
        }
        try {
            return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime/stime are not numbers in: " + statLine, e);
        }
    }

    /**
     * The CPU ticks of process {@code pid} and its live descendants now.
     *
     * @throws IOException if {@code pid} itself cannot be read (it is gone)
     */
    static long sampleTree(long pid) throws IOException {
        long total = ticks(Files.readString(statFile(pid)));
        List<Long> children = ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
        for (long child : children) {
            try {
                total += ticks(Files.readString(statFile(child)));
            } catch (IOException | IllegalArgumentException gone) {
                // a child that exited between listing and reading has nothing left to count here
            }
        }
        return total;
    }

    private static Path statFile(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), asked once. */
    static long ticksPerSecond() {
        long hz = ticksPerSecond;
        if (hz == 0) {
            Commands.Output out = Commands.run(List.of("getconf", "CLK_TCK"), 10);
            try {
                hz = out.ok() ? Long.parseLong(out.output().strip()) : DEFAULT_TICKS_PER_SECOND;
            } catch (NumberFormatException e) {
                hz = DEFAULT_TICKS_PER_SECOND;
            }
            ticksPerSecond = hz;
        }
        return hz;
    }

    /** {@code ticks} at {@code hz} ticks per second, in seconds. */
    static double seconds(long ticks, long hz) {
        return (double) ticks / hz;
    }

    /**
     * CPU µs per request: {@code ticks} of CPU at {@code hz} spread over {@code requests}.
     *
     * @throws IllegalArgumentException if {@code requests} is not positive (no figure means anything then)
     */
    static double usPerRequest(long ticks, long hz, long requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("no requests completed: " + requests);
        }
        return seconds(ticks, hz) * 1e6 / requests;
    }
}
