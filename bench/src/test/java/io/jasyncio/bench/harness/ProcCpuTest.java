package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcCpuTest {
    /** A /proc/PID/stat line whose command name holds spaces and a ')' (utime 1234, stime 567). */
    static final String STAT = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 12345 0 0 0 1234 567 0 0 20 0 "
            + "25 0 1000 9000000 2000 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0 0 0 0";

    @Test
    void ticksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        assertEquals(1234 + 567, ProcCpu.ticks(STAT));
    }

    @Test
    void aLineThatIsNotAStatLineIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.ticks("no parenthesis here"));
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.ticks("1 (x) S 1 2"));
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.ticks("1 (x) S 1 2 3 4 5 6 7 8 9 a b c"));
    }

    @Test
    void cpuPerRequestSpreadsTheTicksOverTheRequests() {
        // 130 ticks at 100 Hz = 1.3 s over 100,000 requests = 13 µs each
        assertEquals(1.3, ProcCpu.seconds(130, 100), 1e-12);
        assertEquals(13.0, ProcCpu.usPerRequest(130, 100, 100_000), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ProcCpu.usPerRequest(130, 100, 0));
    }

    @Test
    void thisProcessCanBeSampledAndItsCpuTimeNeverGoesBack() throws IOException {
        long pid = ProcessHandle.current().pid();
        long first = ProcCpu.sampleTree(pid);
        long second = ProcCpu.sampleTree(pid);
        assertTrue(first >= 0 && second >= first, first + " then " + second);
        assertTrue(ProcCpu.ticksPerSecond() > 0);
        assertThrows(IOException.class, () -> ProcCpu.sampleTree(Long.MAX_VALUE));
    }
}
