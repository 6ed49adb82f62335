package io.jasyncio.bench.harness;

import java.util.Locale;

/**
 * What a workload compares: one numeric field of the result line, lower is better for every
 * metric here (time, overshoot, memory), so the ratio peer / jasyncio reads "x better".
 *
 * @param field the result-line field compared
 * @param unit the unit printed after a value
 * @param better what a ratio of at least 1 says of jasyncio ("faster", "uses less")
 * @param worse what a ratio below 1 says of jasyncio ("slower", "uses more")
 */
record Metric(String field, String unit, String better, String worse) {
    static final Metric SECONDS = new Metric("seconds", "s", "faster", "slower");
    static final Metric OVERSHOOT_MS = new Metric("overshoot_ms", "ms", "overshoots less", "overshoots more");
    static final Metric BYTES_PER_TASK = new Metric("bytes_per_task", "B/task", "uses less", "uses more");

    /** A value with its unit, to three significant-looking places. */
    String format(double value) {
        String digits = Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f";
        return String.format(Locale.ROOT, digits + " %s", value, unit);
    }

    /**
     * The ratio cell: {@code peer / jasyncio} with what it says of jasyncio, for example
     * "24.1x (jasyncio faster)" or "0.80x (jasyncio slower)"; "n/a" when jasyncio's value is not
     * positive (a ratio would be meaningless).
     */
    String ratio(double peer, double jasyncio) {
        if (!(jasyncio > 0) || peer < 0) {
            return "n/a";
        }
        double r = peer / jasyncio;
        return r >= 1
                ? String.format(Locale.ROOT, "%.1fx (jasyncio %s)", r, better)
                : String.format(Locale.ROOT, "%.2fx (jasyncio %s)", r, worse);
    }
}
