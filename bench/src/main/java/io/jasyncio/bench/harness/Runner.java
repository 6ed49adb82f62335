package io.jasyncio.bench.harness;

import java.util.Map;

/**
 * How a workload runs on one contender and yields one measurement. Most workloads run one
 * process each ({@link ProcessRunner}); the echo workloads start a server process and the one
 * load client, which reads the server's CPU time ({@link EchoRunner}).
 */
interface Runner {
    /** The contender this runner measures. */
    Contender contender();

    /** Runs once at {@code size} and returns the measurement; never throws for a failed run. */
    Measurement run(Env env, Workload workload, Size size);

    /** The command {@link #run} starts, for the report. */
    String describe(Env env, Workload workload, Size size);

    /**
     * Whether this runner can run here, given what was found of each contender: by default the
     * contender's own availability; a runner whose program does not exist yet says so here.
     */
    default Availability availability(Map<Contender, Availability> peers) {
        return peers.get(contender());
    }
}
