package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CookiesTest {
    @Test
    void parsesPairsInOrder() {
        Map<String, String> c = Cookies.parse("SID=31d4d96e407aad42; lang=en-US");
        assertEquals(List.of("SID", "lang"), List.copyOf(c.keySet()));
        assertEquals("31d4d96e407aad42", c.get("SID"));
        assertEquals("en-US", c.get("lang"));
    }

    @Test
    void toleratesWhitespaceQuotesAndEmptyValues() {
        Map<String, String> c = Cookies.parse("  a = 1 ;b=\"two\";c=;;d=x=y  ");
        assertEquals(Map.of("a", "1", "b", "two", "c", "", "d", "x=y"), c);
    }

    @Test
    void skipsBadPairsButKeepsGoodOnes() {
        Map<String, String> c = Cookies.parse("noequals; bad name=1; ok=2; ctl=a\u0001b; q=\"a\"b\"; last=3");
        assertEquals(Map.of("ok", "2", "last", "3"), c);
    }

    @Test
    void firstOfARepeatedNameWinsButParseAllKeepsBoth() {
        assertEquals("specific", Cookies.parse("id=specific; id=general").get("id"));
        assertEquals(List.of(Map.entry("id", "specific"), Map.entry("id", "general")),
                Cookies.parseAll("id=specific; id=general"));
    }

    @Test
    void nullAndEmptyGiveNothing() {
        assertEquals(Map.of(), Cookies.parse((String) null));
        assertEquals(List.of(), Cookies.parseAll(""));
    }

    @Test
    void readsEveryCookieField() {
        Headers h = Headers.of("Cookie", "a=1", "Accept", "*/*", "cookie", "b=2; a=3");
        assertEquals(Map.of("a", "1", "b", "2"), Cookies.parse(h));
    }

    @Test
    void valuesAreNotDecoded() {
        assertEquals("a%20b", Cookies.parse("x=a%20b").get("x"));
    }
}
