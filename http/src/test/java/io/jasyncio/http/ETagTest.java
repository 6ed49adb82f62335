package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ETagTest {
    @Test
    void parsesStrongAndWeak() {
        assertEquals(ETag.strong("xyzzy"), ETag.parse("\"xyzzy\""));
        assertEquals(ETag.weak("xyzzy"), ETag.parse(" W/\"xyzzy\" "));
        assertEquals(ETag.strong(""), ETag.parse("\"\""));
        assertEquals("W/\"a\"", ETag.weak("a").toString());
        assertEquals("\"a\"", ETag.strong("a").toString());
    }

    @Test
    void rejectsMalformedTags() {
        for (String bad : List.of("", "xyzzy", "\"open", "w/\"a\"", "W/a", "\"a\"\"b\"", "\"a b\"", "\"a\" x")) {
            assertThrows(IllegalArgumentException.class, () -> ETag.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ETag.strong("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> ETag.strong("a\u007f"));
    }

    @Test
    void parsesListsAndTheWildcard() {
        assertEquals(List.of(ETag.strong("a"), ETag.weak("b"), ETag.strong("c,d")), ETag.parseList("\"a\", W/\"b\",,\"c,d\""));
        assertNull(ETag.parseList(" * "));
        for (String bad : List.of("", ",", "\"a\" \"b\"", "*, \"a\"", "\"a\", b")) {
            assertThrows(IllegalArgumentException.class, () -> ETag.parseList(bad), bad);
        }
    }

    @Test
    void comparisonFunctionsFollowTheRfcTable() {
        // RFC 9110 §8.8.3.2's table.
        assertFalse(ETag.weak("1").strongMatch(ETag.weak("1")));
        assertTrue(ETag.weak("1").weakMatch(ETag.weak("1")));
        assertFalse(ETag.weak("1").strongMatch(ETag.weak("2")));
        assertFalse(ETag.weak("1").weakMatch(ETag.weak("2")));
        assertFalse(ETag.weak("1").strongMatch(ETag.strong("1")));
        assertTrue(ETag.weak("1").weakMatch(ETag.strong("1")));
        assertTrue(ETag.strong("1").strongMatch(ETag.strong("1")));
        assertTrue(ETag.strong("1").weakMatch(ETag.strong("1")));
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        ETag cur = ETag.strong("v2");
        assertTrue(ETag.noneMatchHits("W/\"v2\"", cur));
        assertTrue(ETag.noneMatchHits("\"v1\", \"v2\"", cur));
        assertTrue(ETag.noneMatchHits("*", cur));
        assertFalse(ETag.noneMatchHits("\"v1\"", cur));
        assertFalse(ETag.noneMatchHits("garbage", cur));
        assertFalse(ETag.noneMatchHits(null, cur));
        assertFalse(ETag.noneMatchHits("*", null));
    }

    @Test
    void ifMatchUsesStrongComparison() {
        ETag cur = ETag.strong("v2");
        assertTrue(ETag.matchHolds(null, cur));
        assertTrue(ETag.matchHolds("\"v2\"", cur));
        assertTrue(ETag.matchHolds("*", cur));
        assertFalse(ETag.matchHolds("W/\"v2\"", cur));
        assertFalse(ETag.matchHolds("\"v2\"", ETag.weak("v2")));
        assertFalse(ETag.matchHolds("\"v1\"", cur));
        assertFalse(ETag.matchHolds("*", null));
        assertFalse(ETag.matchHolds("bad", cur));
    }
}
