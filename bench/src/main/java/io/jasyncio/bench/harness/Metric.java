package io.jasyncio.bench.harness;

import java.util.Locale;

/**
 * What a workload compares: one numeric field of the result line. Lower is better for time,
 * overshoot, memory and CPU per round trip; higher for round trips per second. The ratio is
 * always put so that it reads "x better" for jasyncio: peer / jasyncio when lower is better,
 * jasyncio / peer when higher is.
 *
 * @param field the result-line field compared
 * @param unit the unit printed after a value
 * @param better what a ratio of at least 1 says of jasyncio ("faster", "uses less")
 * @param worse what a ratio below 1 says of jasyncio ("slower", "uses more")
 * @param higherIsBetter whether a larger value is the better one (round trips per second)
 */
record Metric(String field, String unit, String better, String worse, boolean higherIsBetter) {
    static final Metric SECONDS = new Metric("seconds", "s", "faster", "slower", false);
    /** Seconds per task, in microseconds: the spawn rows that compare one runtime at two sizes. */
    static final Metric US_PER_TASK = new Metric("us_per_task", "µs/task", "faster", "slower", false);
    static final Metric OVERSHOOT_MS = new Metric("overshoot_ms", "ms", "overshoots less", "overshoots more", false);
    static final Metric BYTES_PER_TASK = new Metric("bytes_per_task", "B/task", "uses less", "uses more", false);
    /** The echo server's CPU time (utime+stime) per round trip, from the load client's result line. */
    static final Metric SERVER_CPU_PER_RT = new Metric("server_cpu_us_per_rt", "µs CPU/rt", "uses less CPU",
            "uses more CPU", false);
    /** An HTTP server's CPU time (utime+stime) per request wrk completed, in µs. */
    static final Metric SERVER_CPU_PER_REQ = new Metric("server_cpu_us_per_req", "µs CPU/req", "uses less CPU",
            "uses more CPU", false);
    /** An HTTP client's own CPU time (all its threads) per request it completed, in µs. */
    static final Metric CLIENT_CPU_PER_REQ = new Metric("client_cpu_us_per_req", "µs CPU/req", "uses less CPU",
            "uses more CPU", false);
    /** Requests per second wrk completed against an HTTP server. */
    static final Metric REQUESTS_PER_S = new Metric("req_per_s", "req/s", "faster", "slower", true);
    /** Echo round trips per second over all connections, from the load client's result line. */
    static final Metric ROUND_TRIPS_PER_S = new Metric("rt_per_s", "rt/s", "faster", "slower", true);

    /**
     * How many times better {@code jasyncio} is than {@code peer} on this metric: peer / jasyncio
     * when lower is better, jasyncio / peer when higher is; NaN when the divisor is not positive
     * or a value is negative.
     */
    double advantage(double peer, double jasyncio) {
        if (peer < 0 || jasyncio < 0) {
            return Double.NaN;
        }
        double num = higherIsBetter ? jasyncio : peer;
        double den = higherIsBetter ? peer : jasyncio;
        return den > 0 ? num / den : Double.NaN;
    }

    /** A value with its unit, to three significant-looking places. */
    String format(double value) {
        String digits = Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f";
        return String.format(Locale.ROOT, digits + " %s", value, unit);
    }

    /**
     * The ratio cell: {@link #advantage} with what it says of jasyncio, for example
     * "24.1x (jasyncio faster)" or "0.80x (jasyncio slower)"; "n/a" when the divisor is not
     * positive (a ratio would be meaningless).
     */
    String ratio(double peer, double jasyncio) {
        double r = advantage(peer, jasyncio);
        if (Double.isNaN(r)) {
            return "n/a";
        }
        return r >= 1
                ? String.format(Locale.ROOT, "%.1fx (jasyncio %s)", r, better)
                : String.format(Locale.ROOT, "%.2fx (jasyncio %s)", r, worse);
    }
}
