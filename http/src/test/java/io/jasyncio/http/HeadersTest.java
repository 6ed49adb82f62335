package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void keepsOrderCaseAndRepeats() {
        Headers h = new Headers(1).add("Set-Cookie", "a=1").add("Content-Type", "text/plain").add("set-cookie", "b=2");
        assertEquals(3, h.size());
        assertEquals("a=1", h.get("SET-COOKIE"));
        assertEquals(List.of("a=1", "b=2"), h.getAll("Set-Cookie"));
        assertEquals(2, h.count("set-cookie"));
        assertEquals("set-cookie", h.name(2));
        assertEquals("text/plain", h.value(1));
        List<Map.Entry<String, String>> seen = new ArrayList<>();
        h.forEach(seen::add);
        assertEquals(List.of(Map.entry("Set-Cookie", "a=1"), Map.entry("Content-Type", "text/plain"), Map.entry("set-cookie", "b=2")), seen);
    }

    @Test
    void getWithFallbackAndAbsence() {
        Headers h = Headers.of("A", "1");
        assertNull(h.get("B"));
        assertEquals("x", h.get("B", "x"));
        assertEquals("1", h.get("a", "x"));
        assertEquals(List.of(), h.getAll("B"));
        assertFalse(h.contains("B"));
        assertTrue(h.contains("a"));
        assertNull(h.get(null));
        assertTrue(new Headers().isEmpty());
    }

    @Test
    void setReplacesAllAtTheFirstPosition() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3", "C", "4");
        h.set("A", "x");
        assertEquals(Headers.of("A", "x", "B", "2", "C", "4"), h);
        h.set("D", "new");
        assertEquals("D", h.name(3));
        assertThrows(IllegalArgumentException.class, () -> h.set("A", "bad\r\nInjected: 1"));
        assertThrows(IllegalArgumentException.class, () -> h.set("Not A Token", "v"));
    }

    @Test
    void removeCountsAndCompacts() {
        Headers h = Headers.of("A", "1", "B", "2", "a", "3");
        assertEquals(2, h.remove("A"));
        assertEquals(0, h.remove("A"));
        assertEquals(1, h.size());
        assertEquals("B", h.name(0));
        assertThrows(IndexOutOfBoundsException.class, () -> h.name(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.value(-1));
    }

    @Test
    void addValidatesNamesAndValues() {
        Headers h = new Headers();
        for (String name : List.of("", "A B", "A:", "A\r", "(A)", "é", "A\u0000")) {
            assertThrows(IllegalArgumentException.class, () -> h.add(name, "v"), name);
        }
        for (String value : List.of("a\rb", "a\nb", "a\u0000b", "a\u007fb", "a\u0001", "\u0100", "\u20ac")) {
            assertThrows(IllegalArgumentException.class, () -> h.add("A", value), value);
        }
        h.add("X-Ok", "tab\tand obs-text \u00ff and !#$%&'*+-.^_`|~");
        assertEquals(1, h.size());
        assertThrows(NullPointerException.class, () -> h.add(null, "v"));
        assertThrows(NullPointerException.class, () -> h.add("A", null));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("A"));
    }

    @Test
    void addUncheckedTrustsTheCaller() {
        Headers h = new Headers().addUnchecked("X", "a\u0001");
        assertEquals("a\u0001", h.get("x"));
    }

    @Test
    void caseFoldingIsAsciiOnly() {
        // U+212A KELVIN SIGN folds to 'k' under String.equalsIgnoreCase; a field name never does.
        Headers h = new Headers().addUnchecked("\u212Aeep-Alive", "1").addUnchecked("Tran\u017Ffer-Encoding", "chunked");
        assertNull(h.get("Keep-Alive"));
        assertNull(h.get("Transfer-Encoding"));
        assertEquals(0, h.remove("keep-alive"));
        assertNotEquals(Headers.of("Keep-Alive", "1"), new Headers().addUnchecked("\u212Aeep-Alive", "1"));
        assertNull(new Headers().addUnchecked("A@", "1").get("A`"));
    }

    @Test
    void equalityIgnoresNameCaseButNotOrderOrValueCase() {
        Headers a = Headers.of("Content-Type", "text/plain", "X", "1");
        Headers b = Headers.of("content-type", "text/plain", "x", "1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Headers.of("X", "1", "Content-Type", "text/plain"));
        assertNotEquals(a, Headers.of("Content-Type", "TEXT/plain", "X", "1"));
        assertNotEquals(a, Headers.of("Content-Type", "text/plain"));
        assertNotEquals(a, "not headers");
    }

    @Test
    void copyIsIndependent() {
        Headers a = Headers.of("A", "1");
        Headers c = a.copy();
        c.add("B", "2");
        a.set("A", "9");
        assertEquals(Headers.of("A", "1", "B", "2"), c);
        assertEquals(Headers.of("A", "9"), a);
        assertEquals(0, new Headers().copy().add("A", "1").size() - 1);
    }

    @Test
    void growsPastItsCapacity() {
        Headers h = new Headers(0);
        for (int i = 0; i < 100; i++) {
            h.add("H" + i, Integer.toString(i));
        }
        assertEquals(100, h.size());
        assertEquals("57", h.get("h57"));
    }

    @Test
    void iteratorEndsAndToStringShowsFields() {
        Headers h = Headers.of("A", "1");
        Iterator<Map.Entry<String, String>> it = h.iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals("Headers{A: 1}", h.toString());
    }
}
