package io.jasyncio.bench.harness;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk printed at the end of a run: requests completed, the run's length, and the errors it
 * counts. wrk prints "Socket errors" and "Non-2xx or 3xx responses" lines only when there were
 * some; "Non-2xx or 3xx" counts statuses of 400 and above.
 *
 * @param requests requests completed (responses read whole)
 * @param seconds how long wrk ran, as it reports it
 * @param connectErrors failed connects
 * @param readErrors failed reads (including a server closing a connection)
 * @param writeErrors failed writes
 * @param timeouts requests that got no response within wrk's timeout
 * @param errorStatuses responses with a status of 400 or above
 */
record WrkOutput(long requests, double seconds, long connectErrors, long readErrors, long writeErrors,
                 long timeouts, long errorStatuses) {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h),");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern STATUS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /**
     * Parses wrk's standard output.
     *
     * @throws IllegalArgumentException if it holds no "N requests in T" line
     */
    static WrkOutput parse(String stdout) {
        Matcher s = SUMMARY.matcher(stdout);
        if (!s.find()) {
            throw new IllegalArgumentException("no \"N requests in T\" line in wrk's output: " + stdout.strip());
        }
        long requests = Long.parseLong(s.group(1));
        double seconds = Double.parseDouble(s.group(2)) * switch (s.group(3)) {
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "m" -> 60;
            default -> 3600;
        };
        Matcher e = SOCKET.matcher(stdout);
        boolean socket = e.find();
        Matcher st = STATUS.matcher(stdout);
        long statuses = st.find() ? Long.parseLong(st.group(1)) : 0;
        return new WrkOutput(requests, seconds,
                socket ? Long.parseLong(e.group(1)) : 0, socket ? Long.parseLong(e.group(2)) : 0,
                socket ? Long.parseLong(e.group(3)) : 0, socket ? Long.parseLong(e.group(4)) : 0, statuses);
    }

    /** Requests per second over the run. */
    double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : Double.NaN;
    }

    /** Why the run does not count (errors, error statuses, no requests), or null when it does. */
    String problem() {
        if (connectErrors + readErrors + writeErrors + timeouts > 0) {
            return String.format(Locale.ROOT, "wrk counted socket errors: connect %d, read %d, write %d, timeout %d",
                    connectErrors, readErrors, writeErrors, timeouts);
        }
        if (errorStatuses > 0) {
            return errorStatuses + " responses had a status of 400 or above";
        }
        if (requests < 1) {
            return "wrk completed no request";
        }
        return null;
    }
}
