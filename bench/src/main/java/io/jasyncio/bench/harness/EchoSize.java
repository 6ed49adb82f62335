package io.jasyncio.bench.harness;

import java.util.List;
import java.util.Locale;

/**
 * The size of an echo run, kept in a {@link Size} as N = the message size in bytes and the
 * extra arguments {@code [connections, seconds, warmupSeconds]}.
 *
 * @param messageBytes bytes each connection sends and gets back per round trip
 * @param connections connections the load client keeps busy at once
 * @param seconds the measured window
 * @param warmupSeconds the unmeasured run before the window (JIT, socket buffers, caches)
 */
record EchoSize(int messageBytes, int connections, double seconds, double warmupSeconds) {
    EchoSize {
        if (messageBytes < 1 || connections < 1 || !(seconds > 0) || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("bad echo size: " + messageBytes + " bytes, " + connections
                    + " connections, " + seconds + " s, warm-up " + warmupSeconds + " s");
        }
    }

    /**
     * Reads an echo size out of {@code size}.
     *
     * @throws IllegalArgumentException if {@code size} does not hold the three extra arguments
     */
    static EchoSize of(Size size) {
        List<String> extra = size.extraArgs();
        if (extra.size() != 3) {
            throw new IllegalArgumentException("an echo size needs [connections, seconds, warmup]: " + extra);
        }
        return new EchoSize(size.n(), Integer.parseInt(extra.get(0)), Double.parseDouble(extra.get(1)),
                Double.parseDouble(extra.get(2)));
    }

    /** This echo size as a {@link Size}. */
    Size toSize() {
        return Size.of(messageBytes, Integer.toString(connections), number(seconds), number(warmupSeconds));
    }

    EchoSize withSeconds(double newSeconds) {
        return new EchoSize(messageBytes, connections, newSeconds, warmupSeconds);
    }

    EchoSize withConnections(int newConnections) {
        return new EchoSize(messageBytes, newConnections, seconds, warmupSeconds);
    }

    /** "1 KiB", "64 KiB" or "1000 B", for descriptions. */
    static String bytes(int n) {
        return n % 1024 == 0 ? n / 1024 + " KiB" : n + " B";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
