package io.jasyncio.http.server.app;

import static io.jasyncio.http.server.AppTestRequests.get;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.Method;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Application}'s routing: templates, typed parameters, 404, 405 with Allow, HEAD, order. */
class RoutingTest {
    private static String body(Response r) {
        var bytes = (io.jasyncio.http.server.ResponseBody.Bytes) r.body();
        return StandardCharsets.UTF_8.decode(bytes.data().duplicate()).toString();
    }

    private static HttpException error(Application app, Request request) {
        return assertThrows(HttpException.class, () -> app.handle(request));
    }

    @Test
    void staticPathsRouteByMethod() throws Exception {
        Application app = new Application()
                .get("/", r -> Response.text("root"))
                .post("/", r -> Response.text("posted"))
                .put("/x", r -> Response.text("put"))
                .patch("/x", r -> Response.text("patch"))
                .delete("/x", r -> Response.text("delete"));
        assertEquals("root", body(app.handle(get("/"))));
        assertEquals("posted", body(app.handle(request(Method.POST, "/"))));
        assertEquals("put", body(app.handle(request(Method.PUT, "/x"))));
        assertEquals("patch", body(app.handle(request(Method.PATCH, "/x"))));
        assertEquals("delete", body(app.handle(request(Method.DELETE, "/x"))));
    }

    @Test
    void noRouteForThePathIs404() {
        Application app = new Application().get("/a", r -> Response.text("a"));
        assertEquals(404, error(app, get("/b")).status());
        assertEquals(404, error(app, get("/a/")).status(), "paths are not normalised");
    }

    @Test
    void wrongMethodIs405WithAllowListingThePathsMethodsAndHeadBesideGet() {
        Application app = new Application()
                .get("/items/{id}", r -> Response.text("g"))
                .put("/items/{id}", r -> Response.text("p"))
                .delete("/items/{n:\\d+}", r -> Response.text("d"));
        HttpException e = error(app, request(Method.POST, "/items/7"));
        assertEquals(405, e.status());
        assertEquals("DELETE, GET, HEAD, PUT", e.headers().get("Allow"));
        assertEquals("GET, HEAD, PUT", error(app, request(Method.POST, "/items/x")).headers().get("Allow"));
    }

    @Test
    void headIsAnsweredByTheGetRouteUnlessHeadHasItsOwn() throws Exception {
        Application app = new Application()
                .get("/a", r -> Response.text("get a"))
                .get("/b", r -> Response.text("get b"))
                .head("/b", r -> Response.text("head b"));
        assertEquals("get a", body(app.handle(request(Method.HEAD, "/a"))));
        assertEquals("head b", body(app.handle(request(Method.HEAD, "/b"))));
    }

    @Test
    void routeTakesAnyMethodIncludingExtensionMethods() throws Exception {
        Application app = new Application().route(Method.of("PURGE"), "/cache", r -> Response.text("purged"));
        assertEquals("purged", body(app.handle(request(Method.of("PURGE"), "/cache"))));
        assertEquals("PURGE", error(app, get("/cache")).headers().get("Allow"));
    }

    @Test
    void parametersAreCapturedAndDecoded() throws Exception {
        Application app = new Application().get("/users/{id}/files/{name}", r -> Response.text(r.pathParam("id") + "|" + r.pathParam("name")));
        assertEquals("42|a b/c.txt", body(app.handle(get("/users/42/files/a%20b%2Fc.txt"))));
        assertEquals(404, error(app, get("/users/42/files/a/b")).status(), "{name} is one segment");
    }

    @Test
    void encodedSlashDoesNotSplitSegmentsButRegexParametersMaySpanThem() throws Exception {
        Application app = new Application()
                .get("/static/{path:.*}", r -> Response.text(r.pathParam("path")))
                .get("/one/{seg}", r -> Response.text(r.pathParam("seg")));
        assertEquals("css/site.css", body(app.handle(get("/static/css/site.css"))));
        assertEquals("", body(app.handle(get("/static/"))));
        assertEquals("a/b", body(app.handle(get("/one/a%2fb"))));
        assertEquals("100%", body(app.handle(get("/one/100%25"))));
    }

    @Test
    void typedPathParametersAnswer400OnBadValues() throws Exception {
        Application app = new Application().get("/n/{v}", r -> Response.text(String.valueOf(r.pathParam("v", Integer.class) + 1)));
        assertEquals("8", body(app.handle(get("/n/7"))));
        HttpException e = error(app, get("/n/seven"));
        assertEquals(400, e.status());
        assertEquals("path parameter \"v\" is not a valid Integer: \"seven\"", e.getMessage());
    }

    enum Color { RED, GREEN }

    @Test
    void typedPathParametersCoverTheSupportedTypes() throws Exception {
        Request r = routed("/{v}", "/123");
        assertEquals(123L, r.pathParam("v", Long.class));
        assertEquals(123, r.pathParam("v", int.class));
        assertEquals(123.0, r.pathParam("v", Double.class));
        assertTrue(routed("/{v}", "/TRUE").pathParam("v", Boolean.class));
        assertEquals(400, assertThrows(HttpException.class, () -> routed("/{v}", "/yes").pathParam("v", boolean.class)).status());
        assertEquals(400, assertThrows(HttpException.class, () -> routed("/{v}", "/NaN").pathParam("v", double.class)).status());
        assertEquals(java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                routed("/{v}", "/123e4567-e89b-12d3-a456-426614174000").pathParam("v", java.util.UUID.class));
        assertEquals(Color.GREEN, routed("/{v}", "/green").pathParam("v", Color.class));
        assertEquals(400, assertThrows(HttpException.class, () -> routed("/{v}", "/blue").pathParam("v", Color.class)).status());
        assertThrows(IllegalArgumentException.class, () -> r.pathParam("v", StringBuilder.class));
        assertThrows(IllegalArgumentException.class, () -> r.pathParam("nope"));
        assertEquals(Map.of("v", "123"), r.pathParams());
    }

    private static Request routed(String template, String target) throws Exception {
        Request[] seen = new Request[1];
        new Application().get(template, r -> {
            seen[0] = r;
            return Response.text("");
        }).handle(get(target));
        return seen[0];
    }

    @Test
    void staticPathsWinOverTemplatesAndTemplatesGoInRegistrationOrder() throws Exception {
        Application app = new Application()
                .get("/users/{id}", r -> Response.text("id " + r.pathParam("id")))
                .get("/users/me", r -> Response.text("me"))
                .get("/{a}/{b}", r -> Response.text("generic"));
        assertEquals("me", body(app.handle(get("/users/me"))));
        assertEquals("id 5", body(app.handle(get("/users/5"))));
        assertEquals("generic", body(app.handle(get("/x/y"))));
    }

    @Test
    void aLaterTemplateTakesAMethodAnEarlierMatchingOneLacks() throws Exception {
        Application app = new Application()
                .get("/x/{a}", r -> Response.text("get"))
                .post("/x/{b}", r -> Response.text("post"));
        assertEquals("post", body(app.handle(request(Method.POST, "/x/1"))));
    }

    @Test
    void absoluteFormTargetsRouteByTheirPath() throws Exception {
        Application app = new Application().get("/p", r -> Response.text(r.path() + "?" + r.rawQuery()));
        assertEquals("/p?q=1", body(app.handle(get("http://example.test:8080/p?q=1"))));
    }

    @Test
    void badPercentEncodingIs400() {
        Application app = new Application().get("/{x}", r -> Response.text("x"));
        assertEquals(400, error(app, get("/%zz")).status());
        assertEquals(400, error(app, get("/%c3%28")).status(), "not UTF-8");
    }

    @Test
    void badTemplatesAndDuplicateRoutesAreRefused() {
        Application app = new Application().get("/a", r -> Response.text("a"));
        assertThrows(IllegalArgumentException.class, () -> app.get("/a", r -> Response.text("again")));
        assertThrows(IllegalArgumentException.class, () -> app.get("no-slash", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/{id", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/id}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/{1x}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/{a}/{a}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/{a:[}", r -> null));
        assertThrows(IllegalArgumentException.class, () -> app.get("/{a:}", r -> null));
        app.get("/{n:\\d{2,3}}", r -> Response.text("braces in a regex are fine"));
    }

    @Test
    void userRegexGroupsDoNotDisturbOtherParameters() throws Exception {
        Application app = new Application().get("/{a:(x|y)+}/{b}", r -> Response.text(r.pathParam("a") + r.pathParam("b")));
        assertEquals("xyz", body(app.handle(get("/xy/z"))));
    }
}
