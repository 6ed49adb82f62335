package io.jasyncio.bench.harness;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One target an issue sets for a workload, judged on the medians of one run of the harness.
 *
 * @param kind what is compared
 * @param peer the peer compared with ({@link Kind#RATIO_AT_LEAST}, {@link Kind#FRACTION_OF_PEER}), else null
 * @param bound the least ratio, the greatest value, or the greatest fraction of the peer's (or
 *              the reference workload's) value
 * @param issue the issue that set the target, for the report ("5", "8")
 * @param reference the workload whose jasyncio median {@link Kind#WITHIN_OF_WORKLOAD} compares
 *                  with, else null
 * @param subject whose median is judged: {@link Contender#JASYNCIO}, or for issue 11's targets
 *                {@link Contender#JASYNCIO_URING} (jasyncio on the io_uring loop)
 */
record Target(Kind kind, Contender peer, double bound, String issue, String reference, Contender subject) {
    /** The shapes of target the issues set. */
    enum Kind {
        /** jasyncio is at least {@code bound} times better than {@code peer} ({@link Metric#advantage}). */
        RATIO_AT_LEAST,
        /** jasyncio's own value is at most {@code bound}. */
        VALUE_AT_MOST,
        /** jasyncio's value is at most {@code bound} times the peer's (a lower-is-better metric: "≤ 0.75x Netty's CPU"). */
        FRACTION_OF_PEER,
        /**
         * jasyncio is at least {@code bound} times as good as every peer measured (the best
         * peer); jasyncio's other loop is not a peer.
         */
        AT_LEAST_BEST_PEER,
        /**
         * jasyncio's value is at most {@code bound} times jasyncio's value on workload
         * {@code reference} (same metric): a cost that stays flat as the work grows.
         */
        WITHIN_OF_WORKLOAD,
        /**
         * A target this harness does not measure (a JMH microbenchmark does): listed with where
         * its figure comes from, never judged here. {@code reference} says what and where.
         */
        MEASURED_ELSEWHERE
    }

    /** The verdict of a {@link Kind#MEASURED_ELSEWHERE} target. */
    static final String NOT_JUDGED_HERE = "measured by JMH, not by this run (see bench/README.md)";

    static Target ratioAtLeast(Contender peer, double bound) {
        return new Target(Kind.RATIO_AT_LEAST, peer, bound, "5", null, Contender.JASYNCIO);
    }

    static Target valueAtMost(double bound) {
        return new Target(Kind.VALUE_AT_MOST, null, bound, "5", null, Contender.JASYNCIO);
    }

    static Target fractionOf(Contender peer, double fraction) {
        return new Target(Kind.FRACTION_OF_PEER, peer, fraction, "5", null, Contender.JASYNCIO);
    }

    static Target atLeastBestPeer() {
        return atLeastBestPeer(1);
    }

    /** jasyncio at least {@code times} as good as the best peer (issue 11: 1.2x the best peer's round trips/s). */
    static Target atLeastBestPeer(double times) {
        return new Target(Kind.AT_LEAST_BEST_PEER, null, times, "5", null, Contender.JASYNCIO);
    }

    /** jasyncio's value at most {@code bound} times its value on workload {@code reference}. */
    static Target withinOf(String reference, double bound) {
        return new Target(Kind.WITHIN_OF_WORKLOAD, null, bound, "5", reference, Contender.JASYNCIO);
    }

    /** A target judged elsewhere: {@code what} names the target and where its figure comes from. */
    static Target measuredElsewhere(String what) {
        return new Target(Kind.MEASURED_ELSEWHERE, null, Double.NaN, "5", what, Contender.JASYNCIO);
    }

    /** This target, as set by issue {@code number}. */
    Target issue(String number) {
        return new Target(kind, peer, bound, number, reference, subject);
    }

    /** This target judged on {@code who}'s median instead (jasyncio on the io_uring loop, for issue 11). */
    Target on(Contender who) {
        return new Target(kind, peer, bound, issue, reference, who);
    }

    /** Whether {@code c} is one of jasyncio's own runtimes (never a peer in a comparison). */
    static boolean jasyncio(Contender c) {
        return c == Contender.JASYNCIO || c == Contender.JASYNCIO_URING;
    }

    /** The target in words, for example "asyncio / jasyncio >= 20x" or "jasyncio io_uring <= 0.75x Netty epoll's µs CPU/rt". */
    String describe(Metric metric) {
        String words = words(metric);
        return subject == Contender.JASYNCIO ? words : words.replace("jasyncio", subject.label);
    }

    private String words(Metric metric) {
        return switch (kind) {
            case RATIO_AT_LEAST -> metric.higherIsBetter()
                    ? String.format(Locale.ROOT, "jasyncio / %s >= %.1fx", peer.label, bound)
                    : String.format(Locale.ROOT, "%s / jasyncio >= %.1fx", peer.label, bound);
            case VALUE_AT_MOST -> String.format(Locale.ROOT, "jasyncio <= %s", metric.format(bound));
            case FRACTION_OF_PEER -> String.format(Locale.ROOT, "jasyncio <= %.2fx %s's %s", bound, peer.label, metric.unit());
            case AT_LEAST_BEST_PEER -> bound == 1 ? String.format(Locale.ROOT, "jasyncio %s the best peer's %s",
                    metric.higherIsBetter() ? ">=" : "<=", metric.unit())
                    : String.format(Locale.ROOT, "jasyncio %s %.1fx the best peer's %s", metric.higherIsBetter() ? ">=" : "<=",
                            metric.higherIsBetter() ? bound : 1 / bound, metric.unit());
            case WITHIN_OF_WORKLOAD -> String.format(Locale.ROOT, "jasyncio <= %.1fx jasyncio's %s on %s",
                    bound, metric.unit(), reference);
            case MEASURED_ELSEWHERE -> reference;
        };
    }

    /** "met", "missed" or "not measured", judged on the medians by contender (no other workload consulted). */
    String verdict(Metric metric, Map<Contender, Double> medians) {
        return verdict(metric, medians, name -> Map.of());
    }

    /**
     * "met", "missed" or "not measured", judged on the medians by contender; {@code others} gives
     * the medians of another workload of the same run, by name (empty if it did not run).
     */
    String verdict(Metric metric, Map<Contender, Double> medians, Function<String, Map<Contender, Double>> others) {
        if (kind == Kind.MEASURED_ELSEWHERE) {
            return NOT_JUDGED_HERE;
        }
        Double mine = medians.get(subject);
        if (mine == null) {
            return "not measured";
        }
        switch (kind) {
            case VALUE_AT_MOST -> {
                return mine <= bound ? "met" : "missed";
            }
            case WITHIN_OF_WORKLOAD -> {
                Double base = others.apply(reference).get(subject);
                if (base == null || !(base > 0)) {
                    return "not measured";
                }
                return mine <= bound * base ? "met" : "missed";
            }
            case AT_LEAST_BEST_PEER -> {
                double worst = Double.POSITIVE_INFINITY;
                for (var e : medians.entrySet()) {
                    if (!jasyncio(e.getKey())) {
                        worst = Math.min(worst, metric.advantage(e.getValue(), mine));
                    }
                }
                if (worst == Double.POSITIVE_INFINITY || Double.isNaN(worst)) {
                    return "not measured";
                }
                return worst >= bound ? "met" : "missed";
            }
            default -> {
                Double theirs = medians.get(peer);
                if (theirs == null) {
                    return "not measured";
                }
                if (kind == Kind.FRACTION_OF_PEER) {
                    return mine <= bound * theirs ? "met" : "missed";
                }
                double r = metric.advantage(theirs, mine);
                return Double.isNaN(r) ? "not measured" : r >= bound ? "met" : "missed";
            }
        }
    }
}
