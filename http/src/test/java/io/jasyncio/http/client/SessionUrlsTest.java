package io.jasyncio.http.client;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Url;
import org.junit.jupiter.api.Test;

/** {@link ClientUrls}: RFC 3986 §5.2 resolution, what a typed URL is turned into, origins. */
class SessionUrlsTest {
    private static final Url BASE = ClientUrls.resolve(null, "http://a/b/c/d;p?q");

    @Test
    void resolvesTheNormalExamplesOfRfc3986() {
        String[][] cases = {
            {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},
            {"//g", "http://g/"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q"},
            {"g#s", "http://a/b/c/g"}, {";x", "http://a/b/c/;x"}, {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"},
            {"./", "http://a/b/c/"}, {"..", "http://a/b/"}, {"../", "http://a/b/"}, {"../g", "http://a/b/g"},
            {"../..", "http://a/"}, {"../../g", "http://a/g"}, {"../../../g", "http://a/g"}, {"/./g", "http://a/g"},
            {"g.", "http://a/b/c/g."}, {"..g", "http://a/b/c/..g"}, {"g/../h", "http://a/b/c/h"},
            {"https://other:8443/x?y=1", "https://other:8443/x?y=1"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], ClientUrls.resolve(BASE, c[0]).toString(), c[0]);
        }
    }

    @Test
    void cleansWhatARequestLineCannotCarry() {
        assertEquals("http://h/a%20b/%C3%A9?q=%7Bx%7D", ClientUrls.resolve(null, " http://h/a b/é?q={x}#frag ").toString());
        assertEquals("http://h/100%25", ClientUrls.resolve(null, "http://h/100%").toString());
        assertEquals("http://h/ok%41", ClientUrls.resolve(null, "http://h/ok%41").toString());
        assertEquals("http://xn--bcher-kva.example/", ClientUrls.resolve(null, "http://bücher.example").toString());
        assertEquals("https://h/", ClientUrls.resolve(null, "HTTPS://h").toString());
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> ClientUrls.resolve(null, "/relative"));
        assertThrows(IllegalArgumentException.class, () -> ClientUrls.resolve(null, "ftp://h/x"));
        assertThrows(IllegalArgumentException.class, () -> ClientUrls.resolve(BASE, "mailto:x@y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientUrls.resolve(null, "http://user:secret@h/"));
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> ClientUrls.resolve(null, "http:///x"));
    }

    @Test
    void appendsQueryParameters() {
        Url u = ClientUrls.resolve(null, "http://h/p?a=1");
        assertEquals("http://h/p?a=1&b=x+y", ClientUrls.withQuery(u, QueryParams.of("b", "x y")).toString());
        assertEquals("http://h/?c=%26", ClientUrls.withQuery(ClientUrls.resolve(null, "http://h"), QueryParams.of("c", "&")).toString());
        assertSame(u, ClientUrls.withQuery(u, QueryParams.EMPTY));
    }

    @Test
    void splitsHostAndPortAndComparesOrigins() {
        Url v6 = ClientUrls.resolve(null, "http://[::1]:8080/x");
        assertEquals("::1", ClientUrls.host(v6));
        assertEquals(8080, ClientUrls.port(v6));
        assertEquals("http://[::1]:8080", ClientUrls.origin(v6));
        assertEquals(443, ClientUrls.port(ClientUrls.resolve(null, "https://H.example/")));
        assertEquals("h.example", ClientUrls.host(ClientUrls.resolve(null, "https://H.example/")));
        assertEquals(ClientUrls.origin(ClientUrls.resolve(null, "http://h/a")), ClientUrls.origin(ClientUrls.resolve(null, "http://H:80/b")));
        assertNotEquals(ClientUrls.origin(ClientUrls.resolve(null, "http://h/")), ClientUrls.origin(ClientUrls.resolve(null, "https://h/")));
        assertEquals("http://h/p", ClientUrls.withoutQuery(ClientUrls.resolve(null, "http://h/p?token=s")));
    }
}
