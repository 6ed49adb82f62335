package io.jasyncio.bench.client;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this process has used, all threads (the JIT's and the GC's too): a client's cost
 * per request that a loaded machine does not distort as it does requests per second.
 */
public final class ClientCpu {
    private ClientCpu() {
    }

    /** The process's CPU time so far, in nanoseconds; -1 where the JVM cannot tell. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** µs of CPU per request between two {@link #nanos()} samples; -1 if either is unknown. */
    public static double usPerRequest(long before, long after, int requests) {
        return before < 0 || after < 0 ? -1 : (after - before) / 1e3 / requests;
    }
}
