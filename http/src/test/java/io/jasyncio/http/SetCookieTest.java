package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCookieTest {
    @Test
    void writesEveryAttribute() {
        SetCookie c = SetCookie.builder("session", "abc123")
                .path("/app").domain(".Example.com").maxAge(Duration.ofHours(1))
                .expires(Instant.parse("1994-11-06T08:49:37Z")).secure(true).httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT).build();
        assertEquals("session=abc123; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Max-Age=3600; Domain=Example.com;"
                + " Path=/app; Secure; HttpOnly; SameSite=Strict", c.headerValue());
        assertEquals(c.headerValue(), c.toString());
        assertEquals("session", c.name());
        assertEquals("abc123", c.value());
    }

    @Test
    void minimalCookie() {
        assertEquals("a=", SetCookie.builder("a", "").build().headerValue());
        assertEquals("a=\"quoted\"", SetCookie.builder("a", "\"quoted\"").build().headerValue());
        assertEquals("a=1; SameSite=Lax", SetCookie.builder("a", "1").sameSite(SetCookie.SameSite.LAX).build().headerValue());
    }

    @Test
    void deleteExpiresIt() {
        assertEquals("id=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/", SetCookie.delete("id", "/").headerValue());
        assertEquals("a=1; Max-Age=0", SetCookie.builder("a", "1").maxAge(Duration.ofSeconds(-5)).build().headerValue());
    }

    @Test
    void rejectsBadNamesAndValues() {
        for (String name : List.of("", "a b", "a=b", "a;b", "é", "a\r")) {
            assertThrows(IllegalArgumentException.class, () -> SetCookie.builder(name, "v"), name);
        }
        for (String value : List.of("a b", "a;b", "a,b", "a\\b", "a\"b", "\"", "é", "a\r\nSet-Cookie: x=y")) {
            assertThrows(IllegalArgumentException.class, () -> SetCookie.builder("n", value), value);
        }
    }

    @Test
    void rejectsBadAttributes() {
        SetCookie.Builder b = SetCookie.builder("n", "v");
        for (String path : List.of("rel", "/a;b", "/a\nb", "/é")) {
            assertThrows(IllegalArgumentException.class, () -> b.path(path), path);
        }
        for (String domain : List.of("", ".", "a..b", "a.b.", "a b", "a;b", "..a", "exämple.com")) {
            assertThrows(IllegalArgumentException.class, () -> b.domain(domain), domain);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SetCookie.builder("n", "v").expires(Instant.parse("+10000-01-01T00:00:00Z")).build());
    }

    @Test
    void enforcesBrowserRules() {
        assertThrows(IllegalArgumentException.class,
                () -> SetCookie.builder("n", "v").sameSite(SetCookie.SameSite.NONE).build());
        assertEquals("n=v; Secure; SameSite=None",
                SetCookie.builder("n", "v").sameSite(SetCookie.SameSite.NONE).secure(true).build().headerValue());
        assertThrows(IllegalArgumentException.class, () -> SetCookie.builder("__Secure-x", "v").build());
        assertThrows(IllegalArgumentException.class, () -> SetCookie.builder("__Host-x", "v").secure(true).build());
        assertThrows(IllegalArgumentException.class,
                () -> SetCookie.builder("__Host-x", "v").secure(true).path("/").domain("a.com").build());
        assertEquals("__Host-x=v; Path=/; Secure",
                SetCookie.builder("__Host-x", "v").secure(true).path("/").build().headerValue());
    }
}
