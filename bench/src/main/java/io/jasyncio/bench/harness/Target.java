package io.jasyncio.bench.harness;

import java.util.Locale;
import java.util.Map;

/**
 * One of issue 5's targets for a workload, judged on the medians of one run of the harness.
 *
 * @param kind what is compared
 * @param peer the peer compared with ({@link Kind#RATIO_AT_LEAST}, {@link Kind#FRACTION_OF_PEER}), else null
 * @param bound the least ratio, the greatest value, or the greatest fraction of the peer's value
 */
record Target(Kind kind, Contender peer, double bound) {
    /** The shapes of target issue 5 sets. */
    enum Kind {
        /** jasyncio is at least {@code bound} times better than {@code peer} ({@link Metric#advantage}). */
        RATIO_AT_LEAST,
        /** jasyncio's own value is at most {@code bound}. */
        VALUE_AT_MOST,
        /** jasyncio's value is at most {@code bound} times the peer's (a lower-is-better metric: "≤ 0.75x Netty's CPU"). */
        FRACTION_OF_PEER,
        /** jasyncio is at least as good as every peer measured (the best peer). */
        AT_LEAST_BEST_PEER
    }

    static Target ratioAtLeast(Contender peer, double bound) {
        return new Target(Kind.RATIO_AT_LEAST, peer, bound);
    }

    static Target valueAtMost(double bound) {
        return new Target(Kind.VALUE_AT_MOST, null, bound);
    }

    static Target fractionOf(Contender peer, double fraction) {
        return new Target(Kind.FRACTION_OF_PEER, peer, fraction);
    }

    static Target atLeastBestPeer() {
        return new Target(Kind.AT_LEAST_BEST_PEER, null, 1);
    }

    /** The target in words, for example "asyncio / jasyncio >= 20x". */
    String describe(Metric metric) {
        return switch (kind) {
            case RATIO_AT_LEAST -> metric.higherIsBetter()
                    ? String.format(Locale.ROOT, "jasyncio / %s >= %.1fx", peer.label, bound)
                    : String.format(Locale.ROOT, "%s / jasyncio >= %.1fx", peer.label, bound);
            case VALUE_AT_MOST -> String.format(Locale.ROOT, "jasyncio <= %s", metric.format(bound));
            case FRACTION_OF_PEER -> String.format(Locale.ROOT, "jasyncio <= %.2fx %s's %s", bound, peer.label, metric.unit());
            case AT_LEAST_BEST_PEER -> String.format(Locale.ROOT, "jasyncio %s the best peer's %s",
                    metric.higherIsBetter() ? ">=" : "<=", metric.unit());
        };
    }

    /** "met", "missed" or "not measured", judged on the medians by contender. */
    String verdict(Metric metric, Map<Contender, Double> medians) {
        Double mine = medians.get(Contender.JASYNCIO);
        if (mine == null) {
            return "not measured";
        }
        switch (kind) {
            case VALUE_AT_MOST -> {
                return mine <= bound ? "met" : "missed";
            }
            case AT_LEAST_BEST_PEER -> {
                double worst = Double.POSITIVE_INFINITY;
                for (var e : medians.entrySet()) {
                    if (e.getKey() != Contender.JASYNCIO) {
                        worst = Math.min(worst, metric.advantage(e.getValue(), mine));
                    }
                }
                if (worst == Double.POSITIVE_INFINITY || Double.isNaN(worst)) {
                    return "not measured";
                }
                return worst >= 1 ? "met" : "missed";
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
