package io.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    @Test
    void lineIsAFlatJsonObjectWithTheFieldsInOrder() {
        String line = BenchReport.of("spawn", "jasyncio", 1000).put("seconds", 0.25).line();
        assertTrue(line.startsWith("{\"workload\": \"spawn\", \"runtime\": \"jasyncio\", \"n\": 1000, \"seconds\": 0.250000, \"peak_rss_kib\": "),
                line);
        assertTrue(line.endsWith("}"));
    }

    @Test
    void printWritesTheLineToStandardOutput() {
        PrintStream saved = System.out;
        var bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true));
            BenchReport.of("w", "r", 1).put("x", 1).print();
        } finally {
            System.setOut(saved);
        }
        assertTrue(bytes.toString().startsWith("{\"workload\": \"w\""));
    }

    @Test
    void argumentsAllowUnderscoresAndFallBack() {
        assertEquals(1_000_000, BenchReport.parseN(new String[] {"1_000_000"}, 5));
        assertEquals(5, BenchReport.parseN(new String[0], 5));
        assertEquals(250, BenchReport.intArg(new String[] {"1", "250"}, 1, 9));
        assertEquals(9, BenchReport.intArg(new String[] {"1"}, 1, 9));
    }

    @Test
    void checkPassesWhenTheResultIsRight() {
        assertDoesNotThrow(() -> BenchReport.check(true, "never printed"));
    }

    @Test
    void usedHeapAfterGcSeesRetainedObjects() {
        long before = BenchReport.usedHeapAfterGc();
        byte[][] held = new byte[64][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        long after = BenchReport.usedHeapAfterGc();
        assertTrue(after - before > 32L << 20, "64 MiB held, heap grew by " + (after - before));
        assertEquals(64, held.length);
    }
}
