package io.jasyncio.bench.harness;

import java.util.Locale;
import java.util.Map;

/**
 * One of issue 5's targets for a workload: either a ratio against a peer (peer / jasyncio at
 * least {@code bound}) or a bound on jasyncio's own value (at most {@code bound}).
 *
 * @param peer the peer compared with, or null for a bound on jasyncio's value
 * @param bound the least ratio, or the greatest value
 */
record Target(Contender peer, double bound) {
    static Target ratioAtLeast(Contender peer, double bound) {
        return new Target(peer, bound);
    }

    static Target valueAtMost(double bound) {
        return new Target(null, bound);
    }

    /** The target in words, for example "asyncio / jasyncio >= 20x". */
    String describe(Metric metric) {
        return peer == null
                ? String.format(Locale.ROOT, "jasyncio <= %s", metric.format(bound))
                : String.format(Locale.ROOT, "%s / jasyncio >= %.1fx", peer.label, bound);
    }

    /** "met", "missed" or "not measured", judged on the medians by contender. */
    String verdict(Map<Contender, Double> medians) {
        Double mine = medians.get(Contender.JASYNCIO);
        if (mine == null) {
            return "not measured";
        }
        if (peer == null) {
            return mine <= bound ? "met" : "missed";
        }
        Double theirs = medians.get(peer);
        if (theirs == null || !(mine > 0)) {
            return "not measured";
        }
        return theirs / mine >= bound ? "met" : "missed";
    }
}
