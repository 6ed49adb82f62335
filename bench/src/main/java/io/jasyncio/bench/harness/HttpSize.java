package io.jasyncio.bench.harness;

import java.util.List;

/**
 * The size of an HTTP run, kept in a {@link Size} as N = the connections wrk keeps open and the
 * extra arguments {@code [seconds, warmupSeconds]}. wrk takes whole seconds only.
 *
 * @param connections connections wrk keeps open (its one thread drives them all)
 * @param seconds the measured window
 * @param warmupSeconds the wrk run before the window, not measured (JIT, caches), 0 for none
 */
record HttpSize(int connections, int seconds, int warmupSeconds) {
    HttpSize {
        if (connections < 1 || seconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("bad HTTP size: " + connections + " connections, " + seconds
                    + " s, warm-up " + warmupSeconds + " s");
        }
    }

    /**
     * Reads an HTTP size out of {@code size}.
     *
     * @throws IllegalArgumentException if {@code size} does not hold the two extra arguments
     */
    static HttpSize of(Size size) {
        List<String> extra = size.extraArgs();
        if (extra.size() != 2) {
            throw new IllegalArgumentException("an HTTP size needs [seconds, warmup]: " + extra);
        }
        return new HttpSize(size.n(), Integer.parseInt(extra.get(0)), Integer.parseInt(extra.get(1)));
    }

    /** This HTTP size as a {@link Size}. */
    Size toSize() {
        return Size.of(connections, Integer.toString(seconds), Integer.toString(warmupSeconds));
    }

    /** This size with a window of {@code newSeconds}, rounded up to whole seconds (wrk's unit). */
    HttpSize withSeconds(double newSeconds) {
        return new HttpSize(connections, (int) Math.ceil(newSeconds), warmupSeconds);
    }

    HttpSize withConnections(int newConnections) {
        return new HttpSize(newConnections, seconds, warmupSeconds);
    }
}
