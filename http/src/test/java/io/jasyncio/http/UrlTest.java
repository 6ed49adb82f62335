package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlTest {
    @Test
    void splitsOriginForm() {
        Url u = Url.parseTarget("/users/42?x=1&y=a+b");
        assertEquals(Url.Form.ORIGIN, u.form());
        assertEquals("/users/42", u.rawPath());
        assertEquals("x=1&y=a+b", u.rawQuery());
        assertEquals("a b", u.query().get("y"));
        assertSame(u.query(), u.query());
        assertNull(u.scheme());
        assertNull(u.authority());
        assertEquals("/users/42?x=1&y=a+b", u.toString());
    }

    @Test
    void noQueryAndEmptyQuery() {
        assertNull(Url.parseTarget("/a").rawQuery());
        assertSame(QueryParams.EMPTY, Url.parseTarget("/a").query());
        assertEquals("", Url.parseTarget("/a?").rawQuery());
        assertEquals("/a?", Url.parseTarget("/a?").toString());
    }

    @Test
    void escapedSlashStaysInItsSegment() {
        Url u = Url.parseTarget("/files/a%20b%2Fc/d");
        assertEquals("/files/a b/c/d", u.path());
        assertEquals(List.of("files", "a b/c", "d"), u.pathSegments());
        assertEquals(List.of(""), Url.parseTarget("/").pathSegments());
        assertEquals(List.of("a", ""), Url.parseTarget("/a/").pathSegments());
    }

    @Test
    void plusInPathIsNotASpace() {
        assertEquals("/a+b", Url.parseTarget("/a+b").path());
    }

    @Test
    void dotSegmentsAreNotRemoved() {
        assertEquals(List.of("a", "..", "b"), Url.parseTarget("/a/%2E%2E/b").pathSegments());
    }

    @Test
    void splitsAbsoluteForm() {
        Url u = Url.parseTarget("HTTP://example.com:8080/p?q=1");
        assertEquals(Url.Form.ABSOLUTE, u.form());
        assertEquals("http", u.scheme());
        assertEquals("example.com:8080", u.authority());
        assertEquals("/p", u.rawPath());
        assertEquals("q=1", u.rawQuery());
        assertEquals("http://example.com:8080/p?q=1", u.toString());
        Url bare = Url.parseTarget("https://example.com?x");
        assertEquals("/", bare.rawPath());
        assertEquals("x", bare.rawQuery());
    }

    @Test
    void asteriskAndAuthorityForms() {
        Url star = Url.parseTarget("*");
        assertEquals(Url.Form.ASTERISK, star.form());
        assertEquals(List.of(), star.pathSegments());
        assertEquals("*", star.toString());
        Url auth = Url.parseTarget("example.com:443");
        assertEquals(Url.Form.AUTHORITY, auth.form());
        assertEquals("example.com:443", auth.authority());
        assertNull(auth.path());
        assertEquals("example.com:443", auth.toString());
    }

    @Test
    void rejectsMalformedTargets() {
        for (String bad : List.of("", "/a#frag", "/a b", "/a\u0000", "/\u00e9", "ftp://x/y", "http:///p",
                "http://user@host/", "relative/path", "noport")) {
            assertThrows(IllegalArgumentException.class, () -> Url.parseTarget(bad), bad);
        }
    }

    @Test
    void encodesPathSegments() {
        assertEquals("a%20b%2Fc%3F%23%25", Url.encodePathSegment("a b/c?#%"));
        assertEquals("%C3%A9~-._!$&'()*+,;=:@", Url.encodePathSegment("é~-._!$&'()*+,;=:@"));
        String seg = "x/y z";
        assertEquals(List.of(seg), Url.parseTarget("/" + Url.encodePathSegment(seg)).pathSegments());
    }

    @Test
    void equalityOnRawParts() {
        assertEquals(Url.parseTarget("/a?b"), Url.parseTarget("/a?b"));
        assertEquals(Url.parseTarget("/a?b").hashCode(), Url.parseTarget("/a?b").hashCode());
        assertEquals(false, Url.parseTarget("/a?b").equals(Url.parseTarget("/a%3Fb")));
    }
}
