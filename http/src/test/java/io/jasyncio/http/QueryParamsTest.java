package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void parsesRepeatedNamesInOrder() {
        QueryParams q = QueryParams.parse("tag=a&page=2&tag=b");
        assertEquals(List.of("a", "b"), q.getAll("tag"));
        assertEquals("a", q.get("tag"));
        assertEquals(3, q.size());
        assertEquals(List.of("tag", "page"), List.copyOf(q.names()));
        assertEquals(List.of(Map.entry("tag", "a"), Map.entry("page", "2"), Map.entry("tag", "b")), iterate(q));
    }

    private static List<Map.Entry<String, String>> iterate(QueryParams q) {
        java.util.ArrayList<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        q.forEach(out::add);
        return out;
    }

    @Test
    void decodesPlusAndPercentAsUtf8() {
        QueryParams q = QueryParams.parse("q=hello+world&name=J%C3%BCrgen&sym=%2B%26%3D");
        assertEquals("hello world", q.get("q"));
        assertEquals("Jürgen", q.get("name"));
        assertEquals("+&=", q.get("sym"));
    }

    @Test
    void keepsInvalidEscapesLiteralAndReplacesBadUtf8() {
        QueryParams q = QueryParams.parse("a=%zz&b=100%&c=%&d=%C3");
        assertEquals("%zz", q.get("a"));
        assertEquals("100%", q.get("b"));
        assertEquals("%", q.get("c"));
        assertEquals("\uFFFD", q.get("d"));
    }

    @Test
    void skipsEmptyPairsAndKeepsBlankValues() {
        QueryParams q = QueryParams.parse("&&a&b=&=c&");
        assertEquals("", q.get("a"));
        assertEquals("", q.get("b"));
        assertEquals("c", q.get(""));
        assertEquals(3, q.size());
        assertSame(QueryParams.EMPTY, QueryParams.parse(""));
        assertSame(QueryParams.EMPTY, QueryParams.parse(null, StandardCharsets.UTF_8, 1));
    }

    @Test
    void onlyFirstEqualsSplits() {
        assertEquals("b=c", QueryParams.parse("a=b=c").get("a"));
    }

    @Test
    void semicolonIsNotASeparator() {
        assertEquals("1;b=2", QueryParams.parse("a=1;b=2").get("a"));
    }

    @Test
    void limitsThePairCount() {
        assertEquals(3, QueryParams.parse("a&b&c", StandardCharsets.UTF_8, 3).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryParams.parse("a&b&c&d", StandardCharsets.UTF_8, 3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void decodesOtherCharsets() {
        assertEquals("é", QueryParams.parse("x=%E9", StandardCharsets.ISO_8859_1, 10).get("x"));
    }

    @Test
    void typedGetters() {
        QueryParams q = QueryParams.parse("n=42&big=9000000000&t=on&f=0&bad=x");
        assertEquals(42, q.getInt("n", 0));
        assertEquals(7, q.getInt("missing", 7));
        assertEquals(9_000_000_000L, q.getLong("big", 0));
        assertTrue(q.getBoolean("t", false));
        assertFalse(q.getBoolean("f", true));
        assertTrue(q.getBoolean("missing", true));
        assertThrows(IllegalArgumentException.class, () -> q.getInt("bad", 0));
        assertThrows(IllegalArgumentException.class, () -> q.getInt("big", 0));
        assertThrows(IllegalArgumentException.class, () -> q.getLong("bad", 0));
        assertThrows(IllegalArgumentException.class, () -> q.getBoolean("bad", false));
        assertEquals("fb", q.get("missing", "fb"));
        assertNull(q.get("missing"));
    }

    @Test
    void encodesFormStyleAndRoundTrips() {
        QueryParams q = QueryParams.of("q", "a b&c=d", "name", "Jürgen", "safe", "A-z_0.9*", "emoji", "\uD83D\uDE00");
        String enc = q.encode();
        assertEquals("q=a+b%26c%3Dd&name=J%C3%BCrgen&safe=A-z_0.9*&emoji=%F0%9F%98%80", enc);
        assertEquals(q, QueryParams.parse(enc));
        assertEquals(q.hashCode(), QueryParams.parse(enc).hashCode());
    }

    @Test
    void parsesRawNonAsciiCharsAsText() {
        assertEquals("日本", QueryParams.parse("k=日本").get("k"));
        assertEquals("\uD83D\uDE00", QueryParams.parse("k=\uD83D\uDE00").get("k"));
    }

    @Test
    void builderSetsAndRemoves() {
        QueryParams q = QueryParams.builder().add("a", "1").add("b", "2").add("a", "3").set("a", "x").build();
        assertEquals("a=x&b=2", q.encode());
        assertEquals("b=2", q.toBuilder().remove("a").build().encode());
        assertEquals("b=2&c=3", q.toBuilder().remove("a").set("c", "3").build().encode());
        assertSame(QueryParams.EMPTY, QueryParams.builder().build());
        assertThrows(IllegalArgumentException.class, () -> QueryParams.of("odd"));
        assertThrows(NullPointerException.class, () -> QueryParams.builder().add("a", null));
        assertTrue(q.contains("b"));
        assertFalse(q.isEmpty());
        assertTrue(q.toString().contains("a=x"));
    }
}
