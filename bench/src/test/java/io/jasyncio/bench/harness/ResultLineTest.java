package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void parsesTheFieldsOfAFlatObject() {
        Map<String, Object> f = ResultLine.parse(
                "{\"workload\": \"spawn\", \"n\": 1000, \"seconds\": 1.5e-3, \"x\": null, \"ok\": true, \"s\": \"a\\\"b\"}");
        assertEquals("spawn", f.get("workload"));
        assertEquals(1000.0, f.get("n"));
        assertEquals(0.0015, f.get("seconds"));
        assertTrue(f.containsKey("x"));
        assertNull(f.get("x"));
        assertEquals(Boolean.TRUE, f.get("ok"));
        assertEquals("a\"b", f.get("s"));
    }

    @Test
    void takesTheLastObjectLineAndIgnoresOtherOutput() {
        Map<String, Object> f = ResultLine.parseLast("warming up\n{\"n\": 1}\nnoise\n{\"n\": 2}\n");
        assertEquals(2.0, f.get("n"));
    }

    @Test
    void rejectsOutputWithoutAResultLine() {
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parseLast("Traceback...\n"));
    }

    @Test
    void rejectsMalformedObjects() {
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("{\"n\": }"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("{\"n\": 1"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("{\"n\": 1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("{\"n\": {\"nested\": 1}}"));
    }

    @Test
    void readsAnEmptyObject() {
        assertEquals(Map.of(), ResultLine.parse("{ }"));
    }
}
