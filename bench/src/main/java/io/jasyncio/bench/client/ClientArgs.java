package io.jasyncio.bench.client;

import java.net.URI;
import java.util.List;

/**
 * The arguments every client of the {@code http-client} workload takes, as the harness passes
 * them: {@code N --url URL --concurrency C --warmup W --expect-bytes B}.
 *
 * @param n the measured GETs
 * @param url what they fetch
 * @param concurrency requests in flight at once (and at most this many connections)
 * @param warmup unmeasured GETs before them, on the same client
 * @param expectBytes each body's length, checked; -1 for no check
 */
public record ClientArgs(int n, URI url, int concurrency, int warmup, int expectBytes) {
    public ClientArgs {
        if (n < 1 || concurrency < 1 || warmup < 0) {
            throw new IllegalArgumentException("bad client arguments: n " + n + ", concurrency " + concurrency
                    + ", warm-up " + warmup);
        }
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException on a missing URL, an unknown option or a bad number
     */
    public static ClientArgs parse(String[] args) {
        List<String> a = List.of(args);
        Integer n = null;
        URI url = null;
        int concurrency = 100;
        int warmup = 0;
        int expect = -1;
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            switch (arg) {
                case "--url" -> url = URI.create(value(a, ++i, arg));
                case "--concurrency" -> concurrency = Integer.parseInt(value(a, ++i, arg));
                case "--warmup" -> warmup = Integer.parseInt(value(a, ++i, arg));
                case "--expect-bytes" -> expect = Integer.parseInt(value(a, ++i, arg));
                default -> {
                    if (arg.startsWith("--") || n != null) {
                        throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                    n = Integer.parseInt(arg.replace("_", ""));
                }
            }
        }
        if (n == null || url == null) {
            throw new IllegalArgumentException("usage: N --url URL [--concurrency C] [--warmup W] [--expect-bytes B]");
        }
        return new ClientArgs(n, url, concurrency, warmup, expect);
    }

    private static String value(List<String> a, int i, String option) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return a.get(i);
    }
}
