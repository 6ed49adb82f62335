package io.jasyncio.bench.harness;

/**
 * How a workload runs on one contender and yields one measurement. The workloads so far run one
 * process each ({@link ProcessRunner}); a network workload adds a runner that starts a server
 * process and one load client, and reads the server's CPU time.
 */
interface Runner {
    /** The contender this runner measures. */
    Contender contender();

    /** Runs once at {@code size} and returns the measurement; never throws for a failed run. */
    Measurement run(Env env, Workload workload, Size size);

    /** The command {@link #run} starts, for the report. */
    String describe(Env env, Workload workload, Size size);
}
