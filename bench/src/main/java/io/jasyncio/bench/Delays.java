package io.jasyncio.bench;

/**
 * The seeded delays of the sleeps workload: splitmix64 from a fixed seed, so that
 * bench/python/sleeps.py draws exactly the same delays as the Java programs.
 */
public final class Delays {
    /** The seed every runtime uses. */
    public static final long SEED = 20_240_501L;

    private Delays() {
    }

    /** {@code n} delays in nanoseconds, uniform in [0, spanNanos), the same for every runtime. */
    public static long[] uniformNanos(int n, long spanNanos) {
        long[] out = new long[n];
        long state = SEED;
        for (int i = 0; i < n; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            // the top 53 bits as a double in [0, 1), as Python computes it
            out[i] = (long) ((z >>> 11) * 0x1.0p-53 * spanNanos);
        }
        return out;
    }

    /** The largest of {@code delays}. */
    public static long max(long[] delays) {
        long max = 0;
        for (long d : delays) {
            max = Math.max(max, d);
        }
        return max;
    }
}
