package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class WrkOutputTest {
    /** wrk 4.1.0's output of a clean run, as printed on this machine. */
    static final String CLEAN = """
            Running 10s test @ http://127.0.0.1:40123/
              1 threads and 100 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.39ms  120.50us   4.10ms   80.12%
                Req/Sec    72.34k     2.10k   75.00k    80.00%
              720345 requests in 10.00s, 86.00MB read
            Requests/sec:  72034.50
            Transfer/sec:      8.60MB
            """;

    @Test
    void cleanRunGivesRequestsSecondsAndNoProblem() {
        WrkOutput out = WrkOutput.parse(CLEAN);
        assertEquals(new WrkOutput(720345, 10.0, 0, 0, 0, 0, 0), out);
        assertEquals(72034.5, out.requestsPerSecond(), 1e-9);
        assertNull(out.problem());
    }

    @Test
    void socketErrorsAndErrorStatusesAreCountedAndFailTheRun() {
        WrkOutput out = WrkOutput.parse("""
                  1106 requests in 1.10s, 561.82KB read
                  Socket errors: connect 1, read 2, write 3, timeout 4
                  Non-2xx or 3xx responses: 1106
                Requests/sec:   1005.48
                """);
        assertEquals(new WrkOutput(1106, 1.1, 1, 2, 3, 4, 1106), out);
        assertEquals("wrk counted socket errors: connect 1, read 2, write 3, timeout 4", out.problem());
        WrkOutput statuses = WrkOutput.parse("  10 requests in 1.00s, 1KB read\n  Non-2xx or 3xx responses: 3\n");
        assertEquals("3 responses had a status of 400 or above", statuses.problem());
    }

    @Test
    void durationUnitsAreConverted() {
        assertEquals(90.0, WrkOutput.parse("5 requests in 1.50m, 1KB read").seconds(), 1e-9);
        assertEquals(0.25, WrkOutput.parse("5 requests in 250.00ms, 1KB read").seconds(), 1e-9);
        assertEquals(2e-5, WrkOutput.parse("5 requests in 20.00us, 1KB read").seconds(), 1e-12);
    }

    @Test
    void noRequestsIsAProblemAndNoSummaryIsAnError() {
        assertEquals("wrk completed no request", WrkOutput.parse("0 requests in 1.00s, 0.00B read").problem());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WrkOutput.parse("unable to connect to 127.0.0.1:1 Connection refused"));
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }
}
