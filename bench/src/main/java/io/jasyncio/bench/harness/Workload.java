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
 * @param alsoShown further result fields shown beside the compared one in every cell (the echo
 *                  workloads show both CPU per round trip and round trips per second)
 * @param reports the {@code workload} field its programs print: its own name, except where one
 *                program mode runs at two sizes as two rows ({@code spawn-100k} and
 *                {@code spawn-4m} both print {@code spawn-steady})
 */
record Workload(String name, String description, boolean oneCore, Size full, Size smoke, Metric metric,
                List<Runner> runners, List<Target> targets, List<Metric> alsoShown, String reports) {
    Workload {
        runners = List.copyOf(runners);
        targets = List.copyOf(targets);
        alsoShown = List.copyOf(alsoShown);
        if (runners.isEmpty() || runners.getFirst().contender() != Contender.JASYNCIO) {
            throw new IllegalArgumentException(name + ": jasyncio's runner must come first");
        }
    }

    /** A workload whose programs print its own name. */
    Workload(String name, String description, boolean oneCore, Size full, Size smoke, Metric metric,
             List<Runner> runners, List<Target> targets, List<Metric> alsoShown) {
        this(name, description, oneCore, full, smoke, metric, runners, targets, alsoShown, name);
    }

    /** A workload that shows only its compared metric. */
    Workload(String name, String description, boolean oneCore, Size full, Size smoke, Metric metric,
             List<Runner> runners, List<Target> targets) {
        this(name, description, oneCore, full, smoke, metric, runners, targets, List.of());
    }

    /** Whether this is a network workload: a server process driven by the load client. */
    boolean network() {
        return runners.stream().anyMatch(r -> r instanceof EchoRunner || r instanceof HttpRunner);
    }

    /** Whether this is the HTTP client workload: client programs against nginx ({@link HttpClientRunner}). */
    boolean httpClient() {
        return runners.stream().anyMatch(r -> r instanceof HttpClientRunner);
    }

    /** Whether this is a file workload: programs that read a data set the harness made ({@link FileRunner}). */
    boolean files() {
        return runners.stream().anyMatch(r -> r instanceof FileRunner);
    }

    /** Whether this is an HTTP workload: a server process loaded by wrk. */
    boolean http() {
        return runners.stream().anyMatch(r -> r instanceof HttpRunner);
    }
}
