package io.jasyncio.bench.harness;

import java.util.List;

/**
 * The size of an {@code http-client} run, kept in a {@link Size} as N = the measured GETs and
 * the extra arguments {@code [concurrency, warmup]}.
 *
 * @param requests the measured GETs
 * @param concurrency requests in flight at once (and the clients' connection limit)
 * @param warmup unmeasured GETs before them, on the same client
 */
record ClientSize(int requests, int concurrency, int warmup) {
    ClientSize {
        if (requests < 1 || concurrency < 1 || warmup < 0) {
            throw new IllegalArgumentException("bad client size: " + requests + " requests, " + concurrency
                    + " in flight, warm-up " + warmup);
        }
    }

    /**
     * Reads a client size out of {@code size}.
     *
     * @throws IllegalArgumentException if {@code size} does not hold the two extra arguments
     */
    static ClientSize of(Size size) {
        List<String> extra = size.extraArgs();
        if (extra.size() != 2) {
            throw new IllegalArgumentException("a client size needs [concurrency, warmup]: " + extra);
        }
        return new ClientSize(size.n(), Integer.parseInt(extra.get(0)), Integer.parseInt(extra.get(1)));
    }

    Size toSize() {
        return Size.of(requests, Integer.toString(concurrency), Integer.toString(warmup));
    }
}
