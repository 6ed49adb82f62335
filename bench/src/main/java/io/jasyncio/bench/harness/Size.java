package io.jasyncio.bench.harness;

import java.util.List;

/**
 * The size a workload runs at: its count N and any further arguments its programs take.
 *
 * @param n the count (tasks, round trips, sleeps)
 * @param extraArgs arguments after N, the same for every contender (for example the sleep span)
 */
record Size(int n, List<String> extraArgs) {
    Size {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        extraArgs = List.copyOf(extraArgs);
    }

    static Size of(int n, String... extraArgs) {
        return new Size(n, List.of(extraArgs));
    }

    /** This size with another N. */
    Size withN(int newN) {
        return new Size(newN, extraArgs);
    }
}
