package io.jasyncio.http.server.app;

import static io.jasyncio.http.server.AppTestRequests.get;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.HttpDates;
import io.jasyncio.http.Method;
import io.jasyncio.http.SetCookie;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Response#file}: validators, conditional requests, ranges; {@link Application#staticFiles}; cookies. */
class FileResponseTest {
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final String MODIFIED_TEXT = "Fri, 02 Jan 2026 03:04:05 GMT";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(MODIFIED));
        return p;
    }

    private static ResponseBody.FileRegion region(Response r) {
        return (ResponseBody.FileRegion) r.body();
    }

    @Test
    void aWholeFileCarriesItsTypeValidatorsAndAcceptRanges() throws Exception {
        Path p = file("index.html", "<h1>hi</h1>");
        Response r = Response.file(get("/"), p);
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals(MODIFIED_TEXT, r.headers().get("Last-Modified"));
        assertEquals("bytes", r.headers().get("Accept-Ranges"));
        assertTrue(r.headers().get("ETag").matches("\"[0-9a-f]+-b\""), r.headers().get("ETag"));
        assertEquals(new ResponseBody.FileRegion(p, 0, 11), r.body());
        assertEquals("application/octet-stream", Response.file(get("/"), file("blob.unknownext", "x")).headers().get("Content-Type"));
        assertEquals("image/png", Response.file(get("/"), file("a.PNG", "x")).headers().get("Content-Type"));
    }

    @Test
    void missingFilesAre404AndDirectories403() throws Exception {
        assertEquals(404, assertThrows(HttpException.class, () -> Response.file(get("/"), dir.resolve("nope"))).status());
        assertEquals(403, assertThrows(HttpException.class, () -> Response.file(get("/"), dir)).status());
    }

    @Test
    void ifNoneMatchAndIfModifiedSinceAnswer304() throws Exception {
        Path p = file("a.txt", "hello");
        String etag = Response.file(get("/"), p).headers().get("ETag");
        Response hit = Response.file(get("/", "If-None-Match", "\"other\", " + etag), p);
        assertEquals(304, hit.status());
        assertEquals(etag, hit.headers().get("ETag"));
        assertInstanceOf(ResponseBody.Empty.class, hit.body());
        assertEquals(304, Response.file(get("/", "If-None-Match", "W/" + etag), p).status(), "weak comparison");
        assertEquals(304, Response.file(get("/", "If-None-Match", "*"), p).status());
        assertEquals(304, Response.file(request(Method.HEAD, "/", "If-None-Match", etag), p).status());
        assertEquals(412, Response.file(request(Method.PUT, "/", "If-None-Match", etag), p).status());
        assertEquals(200, Response.file(get("/", "If-None-Match", "\"other\""), p).status());
        assertEquals(304, Response.file(get("/", "If-Modified-Since", MODIFIED_TEXT), p).status());
        assertEquals(200, Response.file(get("/", "If-Modified-Since", HttpDates.format(MODIFIED.minusSeconds(1))), p).status());
        assertEquals(200, Response.file(get("/", "If-Modified-Since", "garbage"), p).status());
        assertEquals(200, Response.file(get("/", "If-None-Match", "\"other\"", "If-Modified-Since", MODIFIED_TEXT), p).status(),
                "If-None-Match present: If-Modified-Since is ignored");
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceAnswer412() throws Exception {
        Path p = file("a.txt", "hello");
        String etag = Response.file(get("/"), p).headers().get("ETag");
        assertEquals(200, Response.file(get("/", "If-Match", etag), p).status());
        assertEquals(412, Response.file(get("/", "If-Match", "\"other\""), p).status());
        assertEquals(412, Response.file(get("/", "If-Match", "W/" + etag), p).status(), "strong comparison");
        assertEquals(412, Response.file(get("/", "If-Unmodified-Since", HttpDates.format(MODIFIED.minusSeconds(1))), p).status());
        assertEquals(200, Response.file(get("/", "If-Unmodified-Since", MODIFIED_TEXT), p).status());
    }

    @Test
    void aSingleRangeIs206WithContentRange() throws Exception {
        Path p = file("digits.txt", "0123456789");
        Response r = Response.file(get("/", "Range", "bytes=2-4"), p);
        assertEquals(206, r.status());
        assertEquals("bytes 2-4/10", r.headers().get("Content-Range"));
        assertEquals(new ResponseBody.FileRegion(p, 2, 3), region(r));
        assertEquals("bytes 7-9/10", Response.file(get("/", "Range", "bytes=-3"), p).headers().get("Content-Range"));
        assertEquals("bytes 8-9/10", Response.file(get("/", "Range", "bytes=8-"), p).headers().get("Content-Range"));
        assertEquals("bytes 0-5/10", Response.file(get("/", "Range", "bytes=0-2,3-5"), p).headers().get("Content-Range"),
                "adjacent ranges merge into one");
    }

    @Test
    void severalDisjointRangesGetTheWholeFileAndUnsatisfiableOnes416() throws Exception {
        Path p = file("digits.txt", "0123456789");
        Response multi = Response.file(get("/", "Range", "bytes=0-1,5-6"), p);
        assertEquals(200, multi.status());
        assertEquals(new ResponseBody.FileRegion(p, 0, 10), region(multi));
        Response none = Response.file(get("/", "Range", "bytes=20-30"), p);
        assertEquals(416, none.status());
        assertEquals("bytes */10", none.headers().get("Content-Range"));
        assertInstanceOf(ResponseBody.Empty.class, none.body());
        assertEquals(200, Response.file(get("/", "Range", "items=0-1"), p).status(), "another unit is ignored");
        assertEquals(200, Response.file(request(Method.HEAD, "/", "Range", "bytes=0-1"), p).status(), "only GET has ranges");
    }

    @Test
    void ifRangeGuardsTheRangeWithAStrongTagOrTheExactDate() throws Exception {
        Path p = file("digits.txt", "0123456789");
        String etag = Response.file(get("/"), p).headers().get("ETag");
        assertEquals(206, Response.file(get("/", "Range", "bytes=0-0", "If-Range", etag), p).status());
        assertEquals(200, Response.file(get("/", "Range", "bytes=0-0", "If-Range", "\"stale\""), p).status());
        assertEquals(200, Response.file(get("/", "Range", "bytes=0-0", "If-Range", "W/" + etag), p).status());
        assertEquals(206, Response.file(get("/", "Range", "bytes=0-0", "If-Range", MODIFIED_TEXT), p).status());
        assertEquals(200, Response.file(get("/", "Range", "bytes=0-0", "If-Range", HttpDates.format(MODIFIED.plusSeconds(5))), p).status());
    }

    @Test
    void theEtagChangesWhenTheFileDoes() throws Exception {
        Path p = file("a.txt", "hello");
        String before = Response.file(get("/"), p).headers().get("ETag");
        Files.writeString(p, "hello!");
        Files.setLastModifiedTime(p, FileTime.from(MODIFIED));
        assertNotEquals(before, Response.file(get("/"), p).headers().get("ETag"));
    }

    @Test
    void staticFilesServeUnderThePrefixAndRefuseToLeaveTheDirectory() throws Exception {
        Path root = dir.resolve("public");
        Path css = file("public/css/site.css", "body{}");
        file("secret.txt", "keep out");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
        Application app = new Application().staticFiles("/static", root);
        Response r = app.handle(get("/static/css/site.css"));
        assertEquals(200, r.status());
        assertEquals("text/css; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals(css.toRealPath(), region(r).path());
        for (String bad : new String[] {"/static/../secret.txt", "/static/css/../../secret.txt", "/static/%2e%2e/secret.txt",
                "/static/..%2fsecret.txt", "/static/css", "/static/", "/static/css//site.css", "/static/./css/site.css",
                "/static/escape.txt", "/static/nope.txt", "/static/css%5c..%5c..%5csecret.txt", "/static/a%00b"}) {
            assertEquals(404, assertThrows(HttpException.class, () -> app.handle(get(bad)), bad).status(), bad);
        }
        Application atRoot = new Application().staticFiles("/", root);
        assertEquals(200, atRoot.handle(get("/css/site.css")).status());
        assertThrows(IllegalArgumentException.class, () -> new Application().staticFiles("/s/", root));
        assertThrows(IllegalArgumentException.class, () -> new Application().staticFiles("/s", css));
    }

    @Test
    void setCookieAddsOneFieldPerCookie() {
        Response r = Response.text("ok")
                .setCookie(SetCookie.builder("session", "abc").path("/").httpOnly(true).build())
                .setCookie(SetCookie.builder("theme", "dark").build());
        assertEquals(2, r.headers().count("Set-Cookie"));
        assertTrue(r.headers().getAll("Set-Cookie").get(0).startsWith("session=abc"), r.headers().toString());
        assertTrue(r.headers().getAll("Set-Cookie").get(0).contains("HttpOnly"), r.headers().toString());
        assertEquals("theme=dark", r.headers().getAll("Set-Cookie").get(1));
    }
}
