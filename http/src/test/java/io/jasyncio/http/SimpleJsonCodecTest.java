package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimpleJsonCodecTest {
    private final SimpleJsonCodec json = new SimpleJsonCodec();

    enum Color { RED, GREEN }

    record Point(int x, int y) {
    }

    record Shape(String name, List<Point> points, Color color, Optional<String> note, Map<String, Long> tags,
            double[] weights) {
    }

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    private String enc(Object v) {
        return json.encodeToString(v);
    }

    private Object dec(String s) {
        return json.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesScalars() {
        assertEquals("null", enc(null));
        assertEquals("true", enc(true));
        assertEquals("42", enc(42));
        assertEquals("-9007199254740993", enc(-9007199254740993L));
        assertEquals("1.5", enc(1.5));
        assertEquals("1.0E300", enc(1e300));
        assertEquals("2.5", enc(2.5f));
        assertEquals("123456789012345678901234567890", enc(new BigInteger("123456789012345678901234567890")));
        assertEquals("0.10", enc(new BigDecimal("0.10")));
        assertEquals("\"x\"", enc('x'));
        assertEquals("\"RED\"", enc(Color.RED));
        assertEquals("\"sb\"", enc(new StringBuilder("sb")));
        assertEquals("7", enc(Optional.of(7)));
        assertEquals("null", enc(Optional.empty()));
        assertEquals("\"AQID\"", enc(new byte[] {1, 2, 3}));
        assertEquals("\"1970-01-01T00:00:00Z\"", enc(Instant.EPOCH));
        assertEquals("\"00000000-0000-0000-0000-000000000000\"", enc(new UUID(0, 0)));
    }

    @Test
    void escapesStrings() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f/\u007f\"", enc("a\"b\\c\n\r\t\b\f\u0001\u001f/\u007f"));
        assertArrayEquals("\"é€😀\"".getBytes(StandardCharsets.UTF_8), json.encode("é€😀"));
        assertEquals("\"\\ud800x\\udc00\"", enc("\ud800x\udc00"));
        // Escapes interleaved with multi-byte chars must not overrun the buffer.
        String mixed = ("\u0001é\n€").repeat(500) + "\ud83d";
        assertEquals(mixed, dec(enc(mixed)));
    }

    @Test
    void encodesContainersAndRecords() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2));
        m.put(3, new int[] {4, 5});
        m.put(Color.GREEN, new String[] {"x", null});
        m.put("p", new Point(1, -2));
        assertEquals("{\"b\":[1,2],\"3\":[4,5],\"GREEN\":[\"x\",null],\"p\":{\"x\":1,\"y\":-2}}", enc(m));
        assertEquals("[]", enc(List.of()));
        assertEquals("{}", enc(Map.of()));
        assertEquals("[true,false]", enc(new boolean[] {true, false}));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThrows(JsonException.class, () -> enc(Double.NaN));
        assertThrows(JsonException.class, () -> enc(Float.POSITIVE_INFINITY));
        assertThrows(JsonException.class, () -> enc(new Object()));
        Map<Object, Object> badKey = new LinkedHashMap<>();
        badKey.put(List.of(), 1);
        assertThrows(JsonException.class, () -> enc(badKey));
        Map<Object, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertThrows(JsonException.class, () -> enc(nullKey));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        JsonException e = assertThrows(JsonException.class, () -> enc(cycle));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void decodesTheNaturalMapping() {
        Object v = dec(" {\"a\": [1, -2.5, \"s\", true, false, null, {}], \"big\": 123456789012345678901234567890,"
                + " \"max\": 9223372036854775807, \"e\": 1E2, \"z\": -0 }\r\n");
        Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("a", "big", "max", "e", "z"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2.5, a.get(1));
        assertEquals("s", a.get(2));
        assertEquals(true, a.get(3));
        assertNull(a.get(5));
        assertEquals(Map.of(), a.get(6));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertEquals(Long.MAX_VALUE, m.get("max"));
        assertEquals(100.0, m.get("e"));
        assertEquals(0L, m.get("z"));
        assertEquals("x", dec("\"x\""));
        assertEquals(new BigDecimal("1e400"), dec("1e400"));
        assertEquals(new BigDecimal("0.1"), new SimpleJsonCodec(8, 100, true).decode("0.1".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void decodesEscapesAndUtf8() {
        assertEquals("a\"b\\/\b\f\n\r\t\u00e9\ud83d\ude00", dec("\"a\\\"b\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
        assertEquals("é€😀", dec("\"é€😀\""));
        assertEquals("\ud800", dec("\"\\ud800\""));
    }

    @Test
    void rejectsNonStrictJson() {
        for (String bad : List.of("", " ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "'x'", "01", "-",
                "1.", ".5", "1e", "+1", "NaN", "Infinity", "-Infinity", "tru", "nul", "True", "\"\\x\"", "\"\\u12G4\"",
                "\"\\u12\"", "\"a\tb\"", "\"a\nb\"", "\"open", "1 2", "[]]", "{\"a\":1}x", "\ufeff1", "[1,,2]",
                "{\"a\":1,\"a\":2}", "/* c */ 1", "0x10", "1" + "0".repeat(1000))) {
            assertThrows(JsonException.class, () -> dec(bad), bad);
        }
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[][] bad = {
            {'"', (byte) 0xC0, (byte) 0x80, '"'},                 // overlong NUL
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},    // encoded surrogate
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
            {'"', (byte) 0x80, '"'},                              // stray continuation
            {'"', (byte) 0xE2, (byte) 0x82, '"'},                 // truncated
            {'"', (byte) 0xE2, (byte) 0x82},                      // truncated at end
            {'"', (byte) 0xFF, '"'},
        };
        for (byte[] b : bad) {
            assertThrows(JsonException.class, () -> json.decode(b), java.util.Arrays.toString(b));
        }
    }

    @Test
    void enforcesDepthAndSizeLimits() {
        SimpleJsonCodec small = new SimpleJsonCodec(3, 20, false);
        assertEquals(List.of(List.of(List.of())), small.decode("[[[]]]".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(JsonException.class, () -> small.decode("[[[[]]]]".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(JsonException.class, () -> small.decode(("\"" + "x".repeat(20) + "\"").getBytes(StandardCharsets.US_ASCII)));
        assertThrows(JsonException.class, () -> small.encode(List.of(List.of(List.of(List.of(List.of()))))));
        // Default depth: hostile nesting gives an exception, not a StackOverflowError.
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonException.class, () -> dec(deep));
        assertThrows(IllegalArgumentException.class, () -> new SimpleJsonCodec(0, 1, false));
    }

    @Test
    void decodesIntoTypes() {
        assertEquals(7, json.decode("7".getBytes(StandardCharsets.US_ASCII), int.class));
        assertEquals((short) 7, json.decode("7".getBytes(StandardCharsets.US_ASCII), Short.class));
        assertEquals(2.0, json.decode("2".getBytes(StandardCharsets.US_ASCII), double.class));
        assertEquals(new BigDecimal("2"), json.decode("2".getBytes(StandardCharsets.US_ASCII), BigDecimal.class));
        assertEquals(BigInteger.TEN, json.decode("10".getBytes(StandardCharsets.US_ASCII), BigInteger.class));
        assertEquals(Color.GREEN, json.decode("\"GREEN\"".getBytes(StandardCharsets.US_ASCII), Color.class));
        assertEquals('c', json.decode("\"c\"".getBytes(StandardCharsets.US_ASCII), char.class));
        assertEquals(List.of(1L), json.decode("[1]".getBytes(StandardCharsets.US_ASCII), List.class));
        assertNull(json.decode("null".getBytes(StandardCharsets.US_ASCII), String.class));
        for (String[] bad : new String[][] {{"3000000000", "int"}, {"1.5", "long"}, {"\"1\"", "int"}, {"null", "int"},
                {"\"BLUE\"", "Color"}, {"300", "byte"}, {"1", "String"}, {"[1]", "Map"}, {"\"ab\"", "char"}, {"1.5", "BigInteger"}}) {
            Class<?> type = switch (bad[1]) {
                case "int" -> int.class;
                case "long" -> long.class;
                case "Color" -> Color.class;
                case "byte" -> byte.class;
                case "String" -> String.class;
                case "Map" -> Map.class;
                case "char" -> char.class;
                default -> BigInteger.class;
            };
            assertThrows(JsonException.class, () -> json.decode(bad[0].getBytes(StandardCharsets.US_ASCII), type), bad[0] + " as " + bad[1]);
        }
    }

    @Test
    void recordsRoundTripByComponentName() {
        Shape s = new Shape("tri", List.of(new Point(0, 0), new Point(3, 4)), Color.RED, Optional.of("n"),
                Map.of("k", 5L), new double[] {0.5});
        byte[] bytes = json.encode(s);
        assertEquals("{\"name\":\"tri\",\"points\":[{\"x\":0,\"y\":0},{\"x\":3,\"y\":4}],\"color\":\"RED\",\"note\":\"n\","
                + "\"tags\":{\"k\":5},\"weights\":[0.5]}", new String(bytes, StandardCharsets.UTF_8));
        Shape back = json.decode(bytes, Shape.class);
        assertEquals(s.points(), back.points());
        assertEquals(s.tags(), back.tags());
        assertEquals(s.note(), back.note());
        assertArrayEquals(s.weights(), back.weights());
        Shape sparse = json.decode("{\"name\":\"x\"}".getBytes(StandardCharsets.US_ASCII), Shape.class);
        assertNull(sparse.points());
        assertEquals(Optional.empty(), sparse.note());
        Point[] arr = json.decode("[{\"x\":1,\"y\":2}]".getBytes(StandardCharsets.US_ASCII), Point[].class);
        assertEquals(new Point(1, 2), arr[0]);
    }

    @Test
    void recordErrorsNameThePath() {
        JsonException unknown = assertThrows(JsonException.class,
                () -> json.decode("{\"x\":1,\"y\":2,\"z\":3}".getBytes(StandardCharsets.US_ASCII), Point.class));
        assertTrue(unknown.getMessage().contains("\"z\""), unknown.getMessage());
        JsonException missing = assertThrows(JsonException.class,
                () -> json.decode("{\"x\":1}".getBytes(StandardCharsets.US_ASCII), Point.class));
        assertTrue(missing.getMessage().contains("$.y"), missing.getMessage());
        JsonException nested = assertThrows(JsonException.class,
                () -> json.decode("{\"points\":[{\"x\":1,\"y\":\"no\"}]}".getBytes(StandardCharsets.US_ASCII), Shape.class));
        assertTrue(nested.getMessage().contains("$.points[0].y"), nested.getMessage());
        JsonException refused = assertThrows(JsonException.class,
                () -> json.decode("{\"n\":0}".getBytes(StandardCharsets.US_ASCII), Positive.class));
        assertTrue(refused.getMessage().contains("positive"), refused.getMessage());
    }

    @Test
    void errorsGiveTheByteOffset() {
        JsonException e = assertThrows(JsonException.class, () -> dec("[1, 2, x]"));
        assertTrue(e.getMessage().contains("byte 7"), e.getMessage());
    }
}
