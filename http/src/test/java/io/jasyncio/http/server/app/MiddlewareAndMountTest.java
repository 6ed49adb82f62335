package io.jasyncio.http.server.app;

import static io.jasyncio.Asyncio.sleep;
import static io.jasyncio.http.server.AppTestRequests.get;
import static io.jasyncio.http.server.AppTestRequests.request;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.Method;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Middleware;
import io.jasyncio.http.server.Response;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Application}'s middleware, sub-applications, hooks and freezing. */
class MiddlewareAndMountTest {
    private static String body(Response r) {
        var bytes = (io.jasyncio.http.server.ResponseBody.Bytes) r.body();
        return StandardCharsets.UTF_8.decode(bytes.data().duplicate()).toString();
    }

    private static Middleware tag(List<String> log, String name) {
        return (request, next) -> {
            log.add(name + " in");
            try {
                return next.handle(request);
            } finally {
                log.add(name + " out");
            }
        };
    }

    @Test
    void middlewareRunsInRegistrationOrderFirstOutermost() throws Exception {
        List<String> log = new ArrayList<>();
        Application app = new Application().use(tag(log, "a")).use(tag(log, "b")).get("/", r -> {
            log.add("handler");
            return Response.text("ok");
        });
        app.handle(get("/"));
        assertEquals(List.of("a in", "b in", "handler", "b out", "a out"), log);
    }

    @Test
    void middlewareMayAnswerAloneAndHandAttributesToTheHandler() throws Exception {
        Application app = new Application()
                .use((request, next) -> {
                    String auth = request.headers().get("Authorization");
                    if (auth == null) {
                        return Response.text(401, "who are you?");
                    }
                    request.setAttribute("user", auth.substring("Bearer ".length()));
                    return next.handle(request);
                })
                .get("/me", r -> Response.text("hello " + r.attribute("user", String.class)));
        Response denied = app.handle(get("/me"));
        assertEquals(401, denied.status());
        assertEquals("hello ann", body(app.handle(get("/me", "Authorization", "Bearer ann"))));
    }

    @Test
    void middlewareSees404And405AsExceptionsAndMayRenderThem() throws Exception {
        Application app = new Application()
                .use((request, next) -> {
                    try {
                        return next.handle(request);
                    } catch (HttpException e) {
                        Response page = Response.text(e.status(), "<h1>" + e.status() + "</h1>");
                        e.headers().forEach(h -> page.header(h.getKey(), h.getValue()));
                        return page;
                    }
                })
                .get("/a", r -> Response.text("a"));
        assertEquals("<h1>404</h1>", body(app.handle(get("/nope"))));
        Response notAllowed = app.handle(request(Method.POST, "/a"));
        assertEquals(405, notAllowed.status());
        assertEquals("GET, HEAD", notAllowed.headers().get("Allow"));
        assertEquals("<h1>400</h1>", body(app.handle(get("/%zz"))));
    }

    @Test
    void attributesCanBeReplacedAndRemoved() throws Exception {
        var r = get("/");
        assertNull(r.attribute("k"));
        assertNull(r.setAttribute("k", 1));
        assertEquals(1, r.setAttribute("k", 2));
        assertEquals(2, r.attribute("k", Integer.class));
        assertThrows(ClassCastException.class, () -> r.attribute("k", String.class));
        assertEquals(2, r.setAttribute("k", null));
        assertNull(r.attribute("k"));
    }

    @Test
    void aSubApplicationSeesTheRestOfThePathInsideTheParentsMiddlewareAndKeepsItsOwnToItself() throws Exception {
        List<String> log = new ArrayList<>();
        Application api = new Application().use(tag(log, "api"))
                .get("/users/{id}", r -> Response.text("user " + r.pathParam("id") + " at " + r.path()));
        Application app = new Application().use(tag(log, "root"))
                .get("/", r -> Response.text("home"))
                .mount("/api", api);
        assertEquals("user 3 at /api/users/3", body(app.handle(get("/api/users/3"))));
        assertEquals(List.of("root in", "api in", "api out", "root out"), log);
        log.clear();
        assertEquals("home", body(app.handle(get("/"))));
        assertEquals(List.of("root in", "root out"), log);
    }

    @Test
    void aMountClaimsItsPrefixWholeAnd404sAreTheSubApplications() throws Exception {
        List<String> log = new ArrayList<>();
        Application api = new Application().use(tag(log, "api")).get("/", r -> Response.text("api root"));
        Application app = new Application().mount("/api", api).get("/api/late", r -> Response.text("shadowed"));
        assertEquals("api root", body(app.handle(get("/api/"))));
        assertEquals(404, assertThrows(HttpException.class, () -> app.handle(get("/api"))).status());
        log.clear();
        assertEquals(404, assertThrows(HttpException.class, () -> app.handle(get("/api/other"))).status());
        assertEquals(List.of("api in", "api out"), log, "the sub's middleware saw its 404");
        assertEquals(404, assertThrows(HttpException.class, () -> app.handle(get("/apix"))).status());
        assertEquals("shadowed", body(app.handle(get("/api/late"))), "static paths are tried before mounts");
    }

    @Test
    void nestedMountsCompose() throws Exception {
        Application v1 = new Application().get("/ping", r -> Response.text("pong " + r.path()));
        Application api = new Application().mount("/v1", v1);
        Application app = new Application().mount("/api", api);
        assertEquals("pong /api/v1/ping", body(app.handle(get("/api/v1/ping"))));
    }

    @Test
    void mountRefusesBadPrefixesItselfAndTwiceMountedApplications() {
        Application app = new Application();
        Application sub = new Application();
        assertThrows(IllegalArgumentException.class, () -> app.mount("api", sub));
        assertThrows(IllegalArgumentException.class, () -> app.mount("/api/", sub));
        assertThrows(IllegalArgumentException.class, () -> app.mount("/", sub));
        assertThrows(IllegalArgumentException.class, () -> app.mount("/self", app));
        app.mount("/api", sub);
        assertThrows(IllegalStateException.class, () -> new Application().mount("/x", sub));
        assertThrows(IllegalStateException.class, sub::freeze);
    }

    @Test
    void theTableFreezesAtTheFirstRequestOrAtStartup() throws Exception {
        Application app = new Application().get("/", r -> Response.text("x"));
        app.handle(get("/"));
        assertThrows(IllegalStateException.class, () -> app.get("/b", r -> null));
        assertThrows(IllegalStateException.class, () -> app.use((r, n) -> null));
        assertThrows(IllegalStateException.class, () -> app.onStartup(() -> { }));
        assertThrows(IllegalStateException.class, () -> app.mount("/s", new Application()));
        Application sub = new Application();
        Application parent = new Application().mount("/s", sub);
        parent.startup();
        assertThrows(IllegalStateException.class, () -> sub.get("/late", r -> null));
        assertThrows(IllegalStateException.class, parent::startup);
        app.freeze();
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void hooksRunInRegistrationOrderWithSubApplicationsInTheirMountPositionAndMaySuspend(LoopHarness h) {
        List<String> log = new ArrayList<>();
        Application sub = new Application();
        Application app = new Application();
        app.onStartup(() -> log.add("start 1")).onShutdown(() -> log.add("shut 1")).onCleanup(() -> log.add("clean 1"));
        app.mount("/sub", sub);
        sub.onStartup(() -> {
            sleep(Duration.ofSeconds(1));
            log.add("sub start");
        });
        sub.onShutdown(() -> log.add("sub shut")).onCleanup(() -> log.add("sub clean"));
        app.onStartup(() -> log.add("start 2")).onShutdown(() -> log.add("shut 2")).onCleanup(() -> log.add("clean 2"));
        h.run(() -> {
            app.startup();
            app.shutdown();
            app.cleanup();
            return null;
        });
        assertEquals(List.of("start 1", "sub start", "start 2", "shut 1", "sub shut", "shut 2", "clean 1", "sub clean", "clean 2"), log);
    }

    @Test
    void aFailingStartupHookStopsTheRestButShutdownAndCleanupRunEveryHook() {
        List<String> log = new ArrayList<>();
        Application app = new Application()
                .onStartup(() -> { throw new IllegalStateException("db down"); })
                .onStartup(() -> log.add("never"))
                .onCleanup(() -> { throw new IllegalStateException("first"); })
                .onCleanup(() -> log.add("still runs"))
                .onCleanup(() -> { throw new IllegalStateException("second"); });
        assertEquals("db down", assertThrows(IllegalStateException.class, app::startup).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class, app::cleanup);
        assertEquals("first", e.getMessage());
        assertEquals("second", e.getSuppressed()[0].getMessage());
        assertEquals(List.of("still runs"), log);
    }
}
