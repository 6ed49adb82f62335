package io.jasyncio.http.server.app;

import static io.jasyncio.http.server.AppTestRequests.get;
import static io.jasyncio.http.server.AppTestRequests.post;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.Method;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Request}'s path, query, cookie, content-type, text and form accessors. */
class RequestAccessorsTest {
    @Test
    void pathAndQueryComeFromEveryFormOfTarget() {
        Request origin = get("/a%20b/c?x=1&y=%C3%A9#frag");
        assertEquals("/a%20b/c", origin.rawPath());
        assertEquals("/a b/c", origin.path());
        assertEquals("x=1&y=%C3%A9", origin.rawQuery());
        Request absolute = get("http://example.test:8080/p/q?z=2");
        assertEquals("/p/q", absolute.rawPath());
        assertEquals("z=2", absolute.rawQuery());
        assertEquals("/", get("http://example.test").rawPath());
        assertEquals("/", get("http://example.test?x=1").rawPath());
        assertEquals("x=1", get("http://example.test?x=1").rawQuery());
        assertEquals("*", request(Method.OPTIONS, "*").path());
        assertEquals("", request(Method.CONNECT, "example.test:443").rawPath());
        assertEquals("", get("/plain").rawQuery());
        assertEquals("/a+b", get("/a+b").path(), "a plus in a path is a plus");
    }

    @Test
    void aBadEscapeInThePathIs400() {
        assertEquals(400, assertThrows(HttpException.class, () -> get("/%4").path()).status());
        assertEquals(400, assertThrows(HttpException.class, () -> get("/%ff").path()).status());
    }

    @Test
    void queryIsAnOrderedMultimapWithTypedLookups() {
        Request r = get("/s?q=hello+world&tag=a&tag=b&page=3&flag=true&bad=x");
        QueryParams q = r.query();
        assertEquals(List.of("a", "b"), q.getAll("tag"));
        assertEquals("hello world", r.query("q"));
        assertNull(r.query("missing"));
        assertEquals(3, r.query("page", 1));
        assertEquals(1, r.query("missing", 1));
        assertEquals(true, r.query("flag", false));
        assertEquals("a", r.query("tag", "none"));
        assertEquals(400, assertThrows(HttpException.class, () -> r.query("bad", 0)).status());
        assertEquals(3L, r.requireQuery("page", Long.class));
        HttpException missing = assertThrows(HttpException.class, () -> r.requireQuery("missing", Integer.class));
        assertEquals(400, missing.status());
        assertEquals("query parameter \"missing\" is required", missing.getMessage());
        assertThrows(NullPointerException.class, () -> r.query("page", (Integer) null));
    }

    @Test
    void tooManyQueryParametersIs400() {
        String many = "a=1&".repeat(QueryParams.DEFAULT_MAX_PARAMS + 1);
        assertEquals(400, assertThrows(HttpException.class, () -> get("/?" + many).query()).status());
    }

    @Test
    void cookiesAreReadFromEveryCookieField() {
        Request r = request(Method.GET, "/", "Cookie", "session=abc; theme=dark", "Cookie", "session=later; lang=fr");
        assertEquals(Map.of("session", "abc", "theme", "dark", "lang", "fr"), r.cookies());
        assertEquals("dark", r.cookie("theme"));
        assertNull(r.cookie("nope"));
        assertEquals(Map.of(), get("/").cookies());
    }

    @Test
    void contentTypeAndCharsetAreParsedOrNull() {
        Request r = post("/", "", "Content-Type", "text/plain; charset=ISO-8859-1");
        assertEquals("text/plain", r.contentType().mediaType());
        assertEquals(StandardCharsets.ISO_8859_1, r.charset());
        assertNull(get("/").contentType());
        assertNull(get("/").charset());
        assertNull(post("/", "", "Content-Type", "not a type").contentType());
        assertNull(post("/", "", "Content-Type", "text/plain; charset=no-such-charset").charset());
    }

    @Test
    void textHonoursTheCharsetAndDefaultsToUtf8() throws Exception {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", request(Method.POST, "/", latin1, 1, "Content-Type", "text/plain; charset=iso-8859-1").text());
        assertEquals("caf\u00e9", post("/", "caf\u00e9").text());
        assertEquals("caf\u00e9", post("/", "caf\u00e9", "Content-Type", "text/plain").text());
    }

    @Test
    void bytesAreLimitedByMaxBody() throws Exception {
        Request r = post("/", "0123456789");
        r.setMaxBody(5);
        assertEquals(413, assertThrows(HttpException.class, r::bytes).status());
        assertThrows(IllegalArgumentException.class, () -> r.setMaxBody(-1));
        assertEquals(5, r.maxBody());
    }

    @Test
    void formReadsUrlencodedBodiesInTheirCharset() throws Exception {
        QueryParams f = post("/", "name=Ann+Lee&lang=fr&lang=en&note=%C3%A9", "Content-Type", "application/x-www-form-urlencoded").form();
        assertEquals("Ann Lee", f.get("name"));
        assertEquals(List.of("fr", "en"), f.getAll("lang"));
        assertEquals("\u00e9", f.get("note"));
        QueryParams latin = request(Method.POST, "/", "n=%E9".getBytes(StandardCharsets.US_ASCII), 2,
                "Content-Type", "application/x-www-form-urlencoded; charset=iso-8859-1").form();
        assertEquals("\u00e9", latin.get("n"));
    }

    @Test
    void formRefusesOtherMediaTypesWith415() {
        assertEquals(415, assertThrows(HttpException.class, () -> post("/", "{}", "Content-Type", "application/json").form()).status());
        assertEquals(415, assertThrows(HttpException.class, () -> post("/", "a=1").form()).status());
    }
}
