package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chained coroutines: each chain runs {@code part1(n)} then feeds its result to
 * {@code part2(n, ...)}; the chains run side by side, so the program takes as long as the
 * longest chain, not the sum. Real Python's {@code chained.py}, run as its article runs it
 * ({@code python3 chained.py 9 6 3}): the same lines, the same sleeps, about 11 seconds.
 *
 * <p>Arguments: the chain numbers (default {@code 9 6 3}) and optionally {@code --seed=N}; the
 * seed may also come from {@code -Dseed=N} (default 444, as the original). Sleeps are drawn as
 * the original draws them, {@code random.randint(0, 10)} whole seconds from Python's own
 * generator ({@link PyRandom}), so a seed gives the lines Python prints for it. Run it on
 * virtual time ({@code -Djasyncio.loop=virtual}) to see them at once.
 */
public final class Chained {
    static final long DEFAULT_SEED = 444;
    static final List<Integer> DEFAULT_CHAINS = List.of(9, 6, 3);
    /** One unit of a drawn delay: a second, as the original. */
    static final Duration UNIT = Duration.ofSeconds(1);

    private Chained() {
    }

    static String part1(PyRandom random, int n) {
        Duration d = draw(random);
        System.out.println("part1(" + n + ") sleeping for " + seconds(d) + " seconds.");
        sleep(d);
        String result = "result" + n + "-1";
        System.out.println("Returning part1(" + n + ") == " + result + ".");
        return result;
    }

    static String part2(PyRandom random, int n, String arg) {
        // Drawn when part1 has returned, as in the original: the draw order follows completion order.
        Duration d = draw(random);
        String call = "part2(" + n + ", '" + arg + "')";
        System.out.println(call + " sleeping for " + seconds(d) + " seconds.");
        sleep(d);
        String result = "result" + n + "-2 derived from " + arg;
        System.out.println("Returning " + call + " == " + result + ".");
        return result;
    }

    static void chain(PyRandom random, int n) {
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
        // One generator for all tasks is safe: they all run on the loop thread.
        PyRandom random = new PyRandom(seed);
        double elapsed = run(() -> {
            // The loop's clock: virtual time under -Djasyncio.loop=virtual, as the tests run it.
            long start = time();
            List<Future<Void>> tasks = new ArrayList<>();
            for (int n : chains) {
                tasks.add(createTask(() -> chain(random, n)));
            }
            gather(tasks);
            return (time() - start) / 1e9;
        });
        System.out.println(String.format(Locale.ROOT, "Program finished in %.2f seconds.", elapsed));
    }

    /** A delay of 0..10 units, as the original's {@code random.randint(0, 10)} seconds. */
    static Duration draw(PyRandom random) {
        return UNIT.multipliedBy(random.randint(0, 10));
    }

    /** Whole seconds, as the original prints the number it drew. */
    private static String seconds(Duration d) {
        return Long.toString(d.toSeconds());
    }
}
