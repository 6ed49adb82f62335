package io.jasyncio.bench.harness;

import java.util.List;

/**
 * One comparison in the table: what it measures, at which sizes, on which runtimes, and issue
 * 5's targets for it. jasyncio's runner comes first; the peers follow in column order.
 *
 * @param name the name on the command line and in result lines
 * @param description one line for the report
 * @param oneCore whether every run is pinned to one core (and virtual threads get one carrier)
 * @param full the size of a real measurement
 * @param smoke the size of a smoke run
 * @param metric the result field compared
 * @param runners jasyncio's runner, then the peers'
 * @param targets issue 5's targets, judged only at the full size
 */
record Workload(String name, String description, boolean oneCore, Size full, Size smoke, Metric metric,
                List<Runner> runners, List<Target> targets) {
    Workload {
        runners = List.copyOf(runners);
        targets = List.copyOf(targets);
        if (runners.isEmpty() || runners.getFirst().contender() != Contender.JASYNCIO) {
            throw new IllegalArgumentException(name + ": jasyncio's runner must come first");
        }
    }
}
