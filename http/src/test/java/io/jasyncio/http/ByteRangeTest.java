package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static List<ByteRange> ranges(String header, long length) {
        return assertInstanceOf(ByteRange.Satisfiable.class, ByteRange.parse(header, length), header).ranges();
    }

    private static ByteRange r(long first, long last) {
        return new ByteRange(first, last);
    }

    @Test
    void theThreeSpecForms() {
        assertEquals(List.of(r(0, 499)), ranges("bytes=0-499", 10_000));
        assertEquals(List.of(r(9500, 9999)), ranges("bytes=9500-", 10_000));
        assertEquals(List.of(r(9500, 9999)), ranges("bytes=-500", 10_000));
    }

    @Test
    void clampsToTheLength() {
        assertEquals(List.of(r(5, 9)), ranges("bytes=5-999", 10));
        assertEquals(List.of(r(0, 9)), ranges("bytes=-999", 10));
        assertEquals(List.of(r(9, 9)), ranges("bytes=9-9", 10));
        assertEquals(List.of(r(0, 9)), ranges("bytes=0-99999999999999999999999", 10));
    }

    @Test
    void severalRangesInOrderWithWhitespaceAndEmptyElements() {
        assertEquals(List.of(r(500, 999), r(0, 99), r(9000, 9999)),
                ranges("Bytes = 500-999 , ,0-99,\t-1000 ,", 10_000));
    }

    @Test
    void unsatisfiableRangesAreDroppedOrReported() {
        assertEquals(List.of(r(0, 0)), ranges("bytes=100-200, 0-0", 10));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=10-", 10));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-0", 10));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=0-5", 0));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-5", 0));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=99999999999999999999-", 10));
    }

    @Test
    void invalidHeadersAreIgnored() {
        for (String bad : List.of("", "bytes", "bytes=", "bytes=,", "items=0-1", "bytes 0-1", "bytes=-", "bytes=a-1",
                "bytes=1-a", "bytes=5-1", "bytes=0-1,5-1", "bytes=0-1;x", "bytes=0 - 1", "bytes=+1-2", "bytes=1-2-3",
                "bytes=0x1-2", "bytesx=0-1")) {
            assertInstanceOf(ByteRange.Ignored.class, ByteRange.parse(bad, 100), bad);
        }
        assertInstanceOf(ByteRange.Ignored.class, ByteRange.parse(null, 100));
    }

    @Test
    void tooManyRangesAreIgnored() {
        String many = "bytes=" + "0-0,".repeat(16);
        assertEquals(16, ranges(many, 10).size());
        assertInstanceOf(ByteRange.Ignored.class, ByteRange.parse(many + "1-1", 10));
        assertInstanceOf(ByteRange.Ignored.class, ByteRange.parse("bytes=0-0,1-1", 10, 1));
    }

    @Test
    void coalescesOverlapsAndNeighbours() {
        ByteRange.Satisfiable s = new ByteRange.Satisfiable(List.of(r(50, 60), r(0, 9), r(10, 20), r(55, 70), r(80, 90)));
        assertEquals(List.of(r(0, 20), r(50, 70), r(80, 90)), s.coalesced());
        assertEquals(List.of(r(0, 9)), new ByteRange.Satisfiable(List.of(r(0, 9), r(2, 3))).coalesced());
    }

    @Test
    void contentRangeValuesAndValidation() {
        assertEquals("bytes 0-499/1234", r(0, 499).contentRange(1234));
        assertEquals(500, r(0, 499).length());
        assertEquals("bytes */1234", ByteRange.unsatisfiedContentRange(1234));
        assertThrows(IllegalArgumentException.class, () -> r(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> r(5, 4));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.parse("bytes=0-1", -1));
    }
}
