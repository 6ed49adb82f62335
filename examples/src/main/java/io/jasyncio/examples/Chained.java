package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Chained coroutines: each chain runs {@code part1(n)} then feeds its result to
 * {@code part2(n, ...)}; the chains run side by side, so the program takes as long as the
 * longest chain, not the sum. Real Python's {@code chained.py}.
 *
 * <p>Arguments: the chain numbers (default {@code 9 6 3}) and optionally {@code --seed=N}; the
 * seed may also come from {@code -Dseed=N} (default 444, as the original). Sleeps are drawn as in
 * the original, a whole number 0..10, but in tenths of a second so the demo runs fast.
 */
public final class Chained {
    static final long DEFAULT_SEED = 444;
    static final List<Integer> DEFAULT_CHAINS = List.of(9, 6, 3);
    /** One unit of a drawn delay: the original sleeps whole seconds, we sleep tenths. */
    static final Duration UNIT = Duration.ofMillis(100);

    private Chained() {
    }

    static String part1(Random random, int n) {
        Duration d = draw(random);
        System.out.println("part1(" + n + ") sleeping for " + seconds(d) + " seconds.");
        sleep(d);
        String result = "result" + n + "-1";
        System.out.println("Returning part1(" + n + ") == " + result + ".");
        return result;
    }

    static String part2(Random random, int n, String arg) {
        // Drawn when part1 has returned, as in the original: the draw order follows completion order.
        Duration d = draw(random);
        String call = "part2(" + n + ", '" + arg + "')";
        System.out.println(call + " sleeping for " + seconds(d) + " seconds.");
        sleep(d);
        String result = "result" + n + "-2 derived from " + arg;
        System.out.println("Returning " + call + " == " + result + ".");
        return result;
    }

    static void chain(Random random, int n) {
        long start = time();
        // Plain calls: within a chain the parts run in order; only the chains interleave.
        String p1 = part1(random, n);
        String p2 = part2(random, n, p1);
        double took = (time() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "-->Chained result%d => %s (took %.2f seconds).", n, p2, took));
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) {
        long seed = Long.getLong("seed", DEFAULT_SEED);
        List<Integer> chains = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--seed=")) {
                seed = Long.parseLong(a.substring("--seed=".length()));
            } else {
                chains.add(Integer.parseInt(a));
            }
        }
        if (chains.isEmpty()) {
            chains.addAll(DEFAULT_CHAINS);
        }
        // One Random for all tasks is safe: they all run on the loop thread.
        Random random = new Random(seed);
        long start = System.nanoTime();
        run(() -> {
            List<Future<Void>> tasks = new ArrayList<>();
            for (int n : chains) {
                tasks.add(createTask(() -> chain(random, n)));
            }
            gather(tasks);
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "Program finished in %.2f seconds.", elapsed));
    }

    /** A delay of 0..10 units, as the original's {@code random.randint(0, 10)} seconds. */
    static Duration draw(Random random) {
        return UNIT.multipliedBy(random.nextInt(11));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
