package io.jasyncio.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Url;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6265 §5 storage and retrieval, one rule per test. */
class CookieJarTest {
    private static final long NOW = 1_700_000_000_000L;

    private static Url url(String s) {
        return Url.parseTarget(s);
    }

    private static CookieJar jarWith(String from, String... setCookies) {
        CookieJar jar = new CookieJar();
        for (String c : setCookies) {
            jar.store(url(from), c, NOW);
        }
        return jar;
    }

    @Test
    void storesEverySetCookieFieldOfAResponse() {
        CookieJar jar = new CookieJar();
        jar.store(url("http://example.com/"), Headers.of("Set-Cookie", "a=1", "Set-Cookie", "b=2", "Content-Type", "text/plain"), NOW);
        assertEquals("a=1; b=2", jar.header(url("http://example.com/"), NOW));
        assertEquals(2, jar.cookies().size());
    }

    @Test
    void hostOnlyCookiesGoBackToTheirHostOnly() {
        CookieJar jar = jarWith("http://www.example.com/", "a=1");
        assertEquals("a=1", jar.header(url("http://www.example.com/x"), NOW));
        assertEquals("a=1", jar.header(url("http://WWW.Example.com:8080/x"), NOW), "host matching ignores case and port");
        assertNull(jar.header(url("http://sub.www.example.com/"), NOW));
        assertNull(jar.header(url("http://example.com/"), NOW));
        assertTrue(jar.cookies().get(0).hostOnly());
    }

    @Test
    void domainCookiesGoToTheDomainAndItsSubdomains() {
        CookieJar jar = jarWith("http://www.example.com/", "a=1; Domain=.Example.COM");
        assertEquals("a=1", jar.header(url("http://example.com/"), NOW));
        assertEquals("a=1", jar.header(url("http://deep.sub.example.com/"), NOW));
        assertNull(jar.header(url("http://notexample.com/"), NOW));
        assertNull(jar.header(url("http://example.org/"), NOW));
        assertEquals("example.com", jar.cookies().get(0).domain());
        assertFalse(jar.cookies().get(0).hostOnly());
    }

    @Test
    void foreignDomainsTldsAndIpsAreRefused() {
        CookieJar jar = new CookieJar();
        assertFalse(jar.store(url("http://www.example.com/"), "a=1; Domain=other.com", NOW));
        assertFalse(jar.store(url("http://www.example.com/"), "a=1; Domain=sub.www.example.com", NOW), "a subdomain of the host");
        assertFalse(jar.store(url("http://www.example.com/"), "a=1; Domain=com", NOW), "a bare TLD");
        assertFalse(jar.store(url("http://1.2.3.4/"), "a=1; Domain=2.3.4", NOW));
        assertFalse(jar.store(url("http://1.2.3.4/"), "a=1; Domain=5.6.7.8", NOW));
        assertTrue(jar.cookies().isEmpty());
        assertTrue(jar.store(url("http://1.2.3.4/"), "ip=1; Domain=1.2.3.4", NOW), "the host's own IP: host-only");
        assertTrue(jar.store(url("http://localhost/"), "l=1; Domain=localhost", NOW), "a single-label host naming itself");
        assertEquals("ip=1", jar.header(url("http://1.2.3.4/"), NOW));
        assertEquals("l=1", jar.header(url("http://localhost/"), NOW));
    }

    @Test
    void defaultPathIsTheRequestPathsDirectory() {
        assertEquals("/", CookieJar.defaultPath(""));
        assertEquals("/", CookieJar.defaultPath("/"));
        assertEquals("/", CookieJar.defaultPath("/file"));
        assertEquals("/docs", CookieJar.defaultPath("/docs/page"));
        assertEquals("/docs/sub", CookieJar.defaultPath("/docs/sub/"));
        CookieJar jar = jarWith("http://h.com/docs/page", "a=1", "b=2; Path=relative");
        assertEquals("a=1; b=2", jar.header(url("http://h.com/docs"), NOW));
        assertEquals("a=1; b=2", jar.header(url("http://h.com/docs/other"), NOW));
        assertNull(jar.header(url("http://h.com/"), NOW));
        assertNull(jar.header(url("http://h.com/docsx"), NOW));
    }

    @Test
    void pathMatchFollowsTheRfc() {
        assertTrue(CookieJar.pathMatch("/a", "/a"));
        assertTrue(CookieJar.pathMatch("/a/b", "/a"));
        assertTrue(CookieJar.pathMatch("/a/b", "/a/"));
        assertTrue(CookieJar.pathMatch("/anything", "/"));
        assertFalse(CookieJar.pathMatch("/ab", "/a"));
        assertFalse(CookieJar.pathMatch("/", "/a"));
    }

    @Test
    void secureCookiesOnlyOverHttps() {
        CookieJar jar = new CookieJar();
        assertFalse(jar.store(url("http://h.com/"), "s=1; Secure", NOW), "an http response may not set a Secure cookie");
        assertTrue(jar.store(url("https://h.com/"), "s=1; Secure", NOW));
        assertEquals("s=1", jar.header(url("https://h.com/"), NOW));
        assertNull(jar.header(url("http://h.com/"), NOW));
        assertFalse(jar.store(url("http://h.com/"), "s=2", NOW), "nor overwrite one");
        assertEquals("s=1", jar.header(url("https://h.com/"), NOW));
    }

    @Test
    void httpOnlyAndSameSiteAreKept() {
        CookieJar jar = jarWith("http://h.com/", "a=1; HttpOnly; SameSite=lax", "b=2; samesite=bogus");
        CookieJar.StoredCookie a = jar.cookies().stream().filter(c -> c.name().equals("a")).findFirst().orElseThrow();
        assertTrue(a.httpOnly());
        assertEquals("Lax", a.sameSite());
        assertNull(jar.cookies().stream().filter(c -> c.name().equals("b")).findFirst().orElseThrow().sameSite());
        assertEquals("a=1; b=2", jar.header(url("http://h.com/"), NOW));
    }

    @Test
    void maxAgeWinsOverExpires() {
        CookieJar jar = jarWith("http://h.com/", "a=1; Max-Age=60; Expires=Wed, 09 Jun 1999 10:18:14 GMT",
                "b=2; Expires=Wed, 09 Jun 2100 10:18:14 GMT; Max-Age=0");
        assertEquals("a=1", jar.header(url("http://h.com/"), NOW));
        assertEquals("a=1", jar.header(url("http://h.com/"), NOW + 59_999));
        assertNull(jar.header(url("http://h.com/"), NOW + 60_000));
        assertTrue(jar.cookies().isEmpty(), "expired cookies are dropped when met");
    }

    @Test
    void expiresIsParsedLeniently() {
        CookieJar jar = jarWith("http://h.com/", "a=1; Expires=Wed, 09-Jun-2100 10:18:14 GMT", "b=2; expires=Sun Nov  6 08:49:37 2099",
                "c=3; Expires=bogus", "d=4; Expires=Wed, 09 Jun 1999 10:18:14 GMT");
        assertEquals("a=1; b=2; c=3", jar.header(url("http://h.com/"), NOW));
        assertTrue(jar.cookies().stream().filter(c -> c.name().equals("a")).findFirst().orElseThrow().persistent());
        assertFalse(jar.cookies().stream().filter(c -> c.name().equals("c")).findFirst().orElseThrow().persistent(),
                "an unreadable Expires leaves a session cookie");
        assertEquals(java.time.Instant.parse("2100-06-09T10:18:14Z").toEpochMilli(),
                CookieDates.parse("Wed, 09-Jun-2100 10:18:14 GMT"));
        assertEquals(java.time.Instant.parse("1994-11-06T08:49:37Z").toEpochMilli(), CookieDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(java.time.Instant.parse("2010-11-06T08:49:37Z").toEpochMilli(), CookieDates.parse("6 nov 10 8:49:37"));
        assertEquals(Long.MIN_VALUE, CookieDates.parse("31 Apr 2020 00:00:00"));
        assertEquals(Long.MIN_VALUE, CookieDates.parse("1 Jan 1600 00:00:00"));
        assertEquals(Long.MIN_VALUE, CookieDates.parse("1 Jan 2020 24:00:00"));
    }

    @Test
    void sameNameDomainPathReplacesKeepingCreationTime() {
        CookieJar jar = new CookieJar();
        jar.store(url("http://h.com/"), "a=1", NOW);
        jar.store(url("http://h.com/"), "b=1", NOW + 1);
        jar.store(url("http://h.com/"), "a=2", NOW + 2);
        assertEquals("a=2; b=1", jar.header(url("http://h.com/"), NOW + 3), "a keeps its place: created first");
        assertEquals(2, jar.cookies().size());
        jar.store(url("http://h.com/"), "a=3; Path=/x", NOW + 4);
        assertEquals(3, jar.cookies().size(), "another path is another cookie");
    }

    @Test
    void expiryInThePastDeletes() {
        CookieJar jar = jarWith("http://h.com/", "a=1", "b=2");
        assertTrue(jar.store(url("http://h.com/"), "a=; Max-Age=-1", NOW));
        assertEquals("b=2", jar.header(url("http://h.com/"), NOW));
        assertTrue(jar.store(url("http://h.com/"), "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW));
        assertNull(jar.header(url("http://h.com/"), NOW));
    }

    @Test
    void orderIsLongestPathThenOldest() {
        CookieJar jar = new CookieJar();
        jar.store(url("http://h.com/"), "root=1; Path=/", NOW);
        jar.store(url("http://h.com/"), "deep=1; Path=/a/b", NOW + 1);
        jar.store(url("http://h.com/"), "mid2=1; Path=/a", NOW + 3);
        jar.store(url("http://h.com/"), "mid1=1; Path=/a", NOW + 2);
        jar.store(url("http://h.com/"), "dom=1; Domain=h.com; Path=/a", NOW + 4);
        assertEquals("deep=1; mid1=1; mid2=1; dom=1; root=1", jar.header(url("http://h.com/a/b/c"), NOW + 5));
    }

    @Test
    void cookiePrefixesAreEnforced() {
        CookieJar jar = new CookieJar();
        assertFalse(jar.store(url("https://h.com/"), "__Secure-a=1", NOW));
        assertTrue(jar.store(url("https://h.com/"), "__Secure-a=1; Secure; Domain=h.com", NOW));
        assertFalse(jar.store(url("https://h.com/"), "__Host-b=1; Secure; Path=/; Domain=h.com", NOW));
        assertFalse(jar.store(url("https://h.com/"), "__Host-b=1; Secure; Path=/x", NOW));
        assertFalse(jar.store(url("https://h.com/"), "__Host-b=1; Secure", NOW), "needs an explicit Path=/");
        assertFalse(jar.store(url("https://h.com/"), "__host-b=1; Path=/", NOW), "prefixes match case-insensitively");
        assertTrue(jar.store(url("https://h.com/"), "__Host-b=1; Secure; Path=/", NOW));
        assertEquals(2, jar.cookies().size());
    }

    @Test
    void malformedValuesAreIgnored() {
        CookieJar jar = new CookieJar();
        assertFalse(jar.store(url("http://h.com/"), "novalue", NOW));
        assertFalse(jar.store(url("http://h.com/"), "=nameless", NOW));
        assertFalse(jar.store(url("http://h.com/"), "a=b\u0001c", NOW));
        assertFalse(jar.store(url("http://h.com/"), "big=" + "x".repeat(CookieJar.MAX_COOKIE_BYTES), NOW));
        assertTrue(jar.store(url("http://h.com/"), "  sp = v w ; ; Unknown=1; Max-Age=abc ", NOW));
        assertEquals("sp=v w", jar.header(url("http://h.com/"), NOW));
        assertFalse(jar.cookies().get(0).persistent(), "an unreadable Max-Age is ignored");
    }

    @Test
    void limitsEvictTheLeastRecentlyUsed() {
        CookieJar jar = new CookieJar();
        for (int i = 0; i < CookieJar.MAX_PER_DOMAIN; i++) {
            jar.store(url("http://h.com/"), "c" + i + "=1", NOW + i);
        }
        jar.header(url("http://h.com/"), NOW + 100); // every cookie used at NOW + 100
        jar.store(url("http://h.com/"), "c0=2", NOW + 101); // c0 used last
        jar.store(url("http://h.com/"), "new=1", NOW + 102);
        assertEquals(CookieJar.MAX_PER_DOMAIN, jar.cookies().size());
        assertTrue(jar.cookies().stream().anyMatch(c -> c.name().equals("c0")));
        assertTrue(jar.cookies().stream().anyMatch(c -> c.name().equals("new")));
        assertFalse(jar.cookies().stream().anyMatch(c -> c.name().equals("c1")), "the least recently used went");
    }

    @Test
    void addByHandAndClear() {
        CookieJar jar = new CookieJar();
        jar.add(new CookieJar.StoredCookie("k", "v", "h.com", "/", Long.MAX_VALUE, false, false, false, null, NOW));
        assertEquals("k=v", jar.header(url("http://sub.h.com/x"), NOW));
        jar.add(new CookieJar.StoredCookie("k", "w", "h.com", "/", NOW + 10, false, false, false, null, NOW));
        assertEquals(List.of("w"), jar.cookies().stream().map(CookieJar.StoredCookie::value).toList());
        assertTrue(jar.cookies().get(0).persistent());
        assertTrue(jar.cookies().get(0).expired(NOW + 10));
        jar.clear();
        assertTrue(jar.cookies().isEmpty());
        assertNull(jar.header(url("http://h.com/"), NOW));
        assertThrows(NullPointerException.class,
                () -> new CookieJar.StoredCookie(null, "v", "h", "/", 0, true, false, false, null, 0));
    }

    @Test
    void relativeUrlsAreRefused() {
        CookieJar jar = new CookieJar();
        assertThrows(IllegalArgumentException.class, () -> jar.header(url("/path"), NOW));
        assertThrows(IllegalArgumentException.class, () -> jar.store(url("/path"), "a=1", NOW));
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        CookieJar jar = jarWith("http://[::1]:8080/", "a=1");
        assertEquals("[::1]", jar.cookies().get(0).domain());
        assertEquals("a=1", jar.header(url("http://[::1]/"), NOW));
    }
}
