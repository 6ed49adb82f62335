package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Chained}: the output of the default run, chains running side by side (the program takes
 * about the longest chain, not the sum), and where the seed comes from.
 */
class ChainedTest {
    /** On virtual time the figures are exact, only rounded to 0.01 s when printed. */
    private static final double ROUNDING = 0.005;
    /**
     * How much longer than the longest chain the chains' sum must be for "the longest, not the
     * sum" to prove they ran side by side.
     */
    private static final double MIN_GAP = 1.0;

    /** The delays a run draws, in tenths of a second, as {@link Chained} draws them. */
    record Plan(int n, int part1, int part2) {
        double seconds() {
            return (part1 + part2) * Chained.UNIT.toMillis() / 1000.0;
        }
    }

    /**
     * Replays the program's draws: every part1 draws as its chain starts (in argument order),
     * every part2 as its part1 returns, that is in order of part1's delay with ties in argument
     * order (timers due together fire in the order they were set).
     */
    static List<Plan> plan(long seed, List<Integer> chains) {
        PyRandom random = new PyRandom(seed);
        int[] part1 = new int[chains.size()];
        int[] part2 = new int[chains.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            part1[i] = random.randint(0, 10);
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> part1[i]));
        for (int i : order) {
            part2[i] = random.randint(0, 10);
        }
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            plans.add(new Plan(chains.get(i), part1[i], part2[i]));
        }
        return plans;
    }

    /** The first seed whose first {@code draws} draws are all 0, for a run that does not wait. */
    static long seedWhoseDrawsAreAllZero(int draws) {
        for (long seed = 0; ; seed++) {
            PyRandom random = new PyRandom(seed);
            int i = 0;
            while (i < draws && random.randint(0, 10) == 0) {
                i++;
            }
            if (i == draws) {
                return seed;
            }
        }
    }

    @Test
    void defaultRunPrintsTheChainsInterleavedByTheirSeededDelays() throws Exception {
        Console.Output run = Console.runVirtual(Chained::main);
        // What the seed program prints for `python3 chained.py 9 6 3` (CPython 3.11), on virtual
        // time, where the timing figures are exact.
        assertEquals(List.of(
                "part1(9) sleeping for 4 seconds.",
                "part1(6) sleeping for 4 seconds.",
                "part1(3) sleeping for 0 seconds.",
                "Returning part1(3) == result3-1.",
                "part2(3, 'result3-1') sleeping for 4 seconds.",
                "Returning part1(9) == result9-1.",
                "part2(9, 'result9-1') sleeping for 7 seconds.",
                "Returning part1(6) == result6-1.",
                "part2(6, 'result6-1') sleeping for 4 seconds.",
                "Returning part2(3, 'result3-1') == result3-2 derived from result3-1.",
                "-->Chained result3 => result3-2 derived from result3-1 (took 4.00 seconds).",
                "Returning part2(6, 'result6-1') == result6-2 derived from result6-1.",
                "-->Chained result6 => result6-2 derived from result6-1 (took 8.00 seconds).",
                "Returning part2(9, 'result9-1') == result9-2 derived from result9-1.",
                "-->Chained result9 => result9-2 derived from result9-1 (took 11.00 seconds).",
                "Program finished in 11.00 seconds."), run.lines());
    }

    @Test
    void programTakesTheLongestChainNotTheSum() throws Exception {
        List<Plan> plans = plan(Chained.DEFAULT_SEED, Chained.DEFAULT_CHAINS);
        double longest = plans.stream().mapToDouble(Plan::seconds).max().orElseThrow();
        double sum = plans.stream().mapToDouble(Plan::seconds).sum();
        assertTrue(sum - longest >= MIN_GAP, "the default seed must tell side by side from one after another");
        Console.Output run = Console.runVirtual(Chained::main);
        double finished = Console.secondsIn(run.lines().getLast());
        assertEquals(longest, finished, ROUNDING, "finished in " + finished + " s, chains sum to " + sum + " s");
    }

    @Test
    void seedArgumentOverridesTheDefault() throws Exception {
        long seed = seedWhoseDrawsAreAllZero(2);
        Console.Output run = Console.run(Chained::main, "5", "--seed=" + seed);
        assertEquals("part1(5) sleeping for 0 seconds.", run.lines().get(0));
        assertEquals("part2(5, 'result5-1') sleeping for 0 seconds.", run.lines().get(2));
    }

    @Test
    void seedPropertyOverridesTheDefault() throws Exception {
        long seed = seedWhoseDrawsAreAllZero(2);
        System.setProperty("seed", Long.toString(seed));
        try {
            Console.Output run = Console.run(Chained::main, "5");
            assertEquals("part1(5) sleeping for 0 seconds.", run.lines().get(0));
            assertEquals("part2(5, 'result5-1') sleeping for 0 seconds.", run.lines().get(2));
        } finally {
            System.clearProperty("seed");
        }
    }
}
