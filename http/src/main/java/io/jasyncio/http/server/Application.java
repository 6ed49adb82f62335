package io.jasyncio.http.server;

import io.jasyncio.http.Method;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A web application, aiohttp's {@code web.Application}: routes by method and path template,
 * middleware, sub-applications under a prefix, and startup/shutdown/cleanup hooks. It is the
 * {@link Handler} a server runs, and the server calls its {@link Lifecycle} hooks.
 *
 * {@snippet :
 * Application app = new Application();
 * app.get("/", request -> Response.text("Hello, World!"));
 * app.get("/users/{id:\\d+}", request -> Response.json(Map.of("id", request.pathParam("id", Integer.class))));
 * app.use((request, next) -> {
 *     if (request.headers().get("Authorization") == null) {
 *         throw new HttpException(401);
 *     }
 *     return next.handle(request);
 * });
 * HttpServer.runApp(app, ServerConfig.DEFAULTS.withPort(8080));
 * }
 *
 * <h2>Routing</h2>
 * Templates are aiohttp's: {@code /users/{id}} (one path segment), {@code /files/{path:.*}} (a
 * regex). They are matched against the percent-decoded path, with {@code %2F} and {@code %25}
 * still encoded so an encoded slash never separates segments (aiohttp's {@code path_safe}); a
 * parameter's value is then fully decoded. Paths without parameters are matched first; templates
 * and sub-applications then in registration order. No route for the path answers 404; routes for
 * the path but not the method answer 405 with {@code Allow} listing the methods (HEAD wherever
 * GET is: a GET route answers HEAD too, and the server drops the body). Paths are not normalised:
 * {@code /a/} and {@code /a} are different routes, and dot-segments are not removed (so they match
 * nothing that was not written with them).
 *
 * <h2>Middleware and sub-applications</h2>
 * {@link #use} adds middleware; the first added is the outermost. {@link #mount} routes every
 * path under a prefix to a sub-application: the parent's middleware wraps the sub's, and the
 * sub's applies only to its own routes. The sub's hooks run inside the parent's, at the
 * position where it was mounted (aiohttp's {@code add_subapp}).
 *
 * <h2>Hooks and freezing</h2>
 * {@link #onStartup}, {@link #onShutdown} and {@link #onCleanup} hooks each run in
 * registration order — cleanup too, as aiohttp's {@code on_cleanup} signal does (only its
 * {@code cleanup_ctx} unwinds in reverse). The route table freezes at {@link #startup} (or at the
 * first request, for a test that calls {@link #handle} directly); adding a route, middleware,
 * mount or hook after that throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe: build it, then hand it to one server; it runs on that server's loop.
 */
public final class Application implements Handler, Lifecycle {
    /* Implementation notes
     *
     * Hooks are kept as Hook lambdas; a mount adds, to each of the parent's three lists, a hook
     * that runs the sub's list at run time, so hooks the sub gains after being mounted (before
     * freezing) still run, in the mount's position. freeze() propagates the enclosing
     * middleware down to mounted sub-applications, which wrap their handlers once.
     */

    /** A startup, shutdown or cleanup hook: runs in a task on the server's loop and may suspend. */
    @FunctionalInterface
    public interface Hook {
        /**
         * Runs the hook.
         *
         * @throws Exception anything; see {@link Application#startup} and {@link Application#cleanup}
         */
        void run() throws Exception;
    }

    private final Router router = new Router();
    private final List<Middleware> middleware = new ArrayList<>();
    private final List<Hook> onStartup = new ArrayList<>();
    private final List<Hook> onShutdown = new ArrayList<>();
    private final List<Hook> onCleanup = new ArrayList<>();
    private boolean frozen;
    private boolean mounted;
    private boolean started;

    /** An empty application: every request answers 404 until routes are added. */
    public Application() {
    }

    /**
     * Routes {@code GET} (and so {@code HEAD}) requests for {@code template} to {@code handler}.
     *
     * @return this application, for chaining
     * @throws IllegalArgumentException on a bad template, or if GET is already routed for it
     * @throws IllegalStateException once the application is frozen
     */
    public Application get(String template, Handler handler) {
        return route(Method.GET, template, handler);
    }

    /** Routes {@code POST} as {@link #get} does GET. */
    public Application post(String template, Handler handler) {
        return route(Method.POST, template, handler);
    }

    /** Routes {@code PUT} as {@link #get} does GET. */
    public Application put(String template, Handler handler) {
        return route(Method.PUT, template, handler);
    }

    /** Routes {@code PATCH} as {@link #get} does GET. */
    public Application patch(String template, Handler handler) {
        return route(Method.PATCH, template, handler);
    }

    /** Routes {@code DELETE} as {@link #get} does GET. */
    public Application delete(String template, Handler handler) {
        return route(Method.DELETE, template, handler);
    }

    /**
     * Routes {@code HEAD} explicitly, ahead of the GET route that otherwise answers it (the
     * server sends no body either way). Throws as {@link #get} does.
     */
    public Application head(String template, Handler handler) {
        return route(Method.HEAD, template, handler);
    }

    /**
     * Routes {@code method} requests for {@code template} to {@code handler}.
     *
     * @return this application, for chaining
     * @throws IllegalArgumentException on a bad template (see the class doc), or if the method is
     *     already routed for the same template
     * @throws IllegalStateException once the application is frozen
     */
    public Application route(Method method, String template, Handler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        checkNotFrozen();
        router.add(method, template, handler);
        return this;
    }

    /**
     * Routes WebSocket opening requests ({@code GET} with {@code Upgrade: websocket}) for
     * {@code template} to {@code handler}, with {@link io.jasyncio.http.ws.WebSocketOptions#DEFAULTS}:
     * aiohttp's {@code WebSocketResponse} in a GET handler. See {@link WebSockets#accept} for the
     * handshake and its errors; the handler runs after the 101, in the request's task.
     *
     * {@snippet :
     * app.websocket("/echo", (request, ws) -> {
     *     for (Message m : ws) {
     *         ws.send(m.bytes());
     *     }
     * });
     * }
     *
     * @return this application, for chaining
     * @throws IllegalArgumentException on a bad template, or if GET is already routed for it
     * @throws IllegalStateException once the application is frozen
     */
    public Application websocket(String template, WebSocketHandler handler) {
        return websocket(template, io.jasyncio.http.ws.WebSocketOptions.DEFAULTS, handler);
    }

    /** Routes WebSocket requests as {@link #websocket(String, WebSocketHandler)} does, with {@code options}. */
    public Application websocket(String template, io.jasyncio.http.ws.WebSocketOptions options, WebSocketHandler handler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        return get(template, request -> WebSockets.accept(request, options, handler));
    }

    /**
     * Serves the files under {@code directory} at {@code prefix}: {@code GET prefix/a/b.css}
     * answers {@link Response#file} of {@code directory/a/b.css} (ranges and conditional
     * requests included), aiohttp's {@code add_static}. A path with a {@code .} or {@code ..}
     * segment, an empty segment, a backslash or a NUL, or one that leaves the directory through
     * a symbolic link, answers 404; so does a directory (no listings, no index files).
     *
     * @param prefix {@code /} or a path starting with {@code /} and not ending with one
     * @return this application, for chaining
     * @throws IllegalArgumentException on a bad prefix, or if {@code directory} is not a directory
     * @throws IOException if {@code directory} cannot be resolved
     * @throws IllegalStateException once the application is frozen
     */
    public Application staticFiles(String prefix, Path directory) throws IOException {
        if (prefix == null || !prefix.startsWith("/") || (prefix.length() > 1 && prefix.endsWith("/"))) {
            throw new IllegalArgumentException("a static prefix is / or starts with '/' and does not end with one: " + prefix);
        }
        return get((prefix.equals("/") ? "" : prefix) + "/{path:.*}", FileResponses.staticFiles(directory));
    }

    /**
     * Adds middleware around every route of this application and its sub-applications; the
     * first added is the outermost.
     *
     * @return this application, for chaining
     * @throws IllegalStateException once the application is frozen
     */
    public Application use(Middleware middleware) {
        Objects.requireNonNull(middleware, "middleware");
        checkNotFrozen();
        this.middleware.add(middleware);
        return this;
    }

    /**
     * Routes every path under {@code prefix} ({@code prefix} itself and {@code prefix/...}) to
     * {@code sub}, which sees the rest of the path ({@code /api/users} is {@code /users} to a sub
     * mounted at {@code /api}; {@link Request#path} still gives the whole path). The sub's
     * middleware applies only inside it, within this application's; its hooks run with this
     * application's, in this mount's position.
     *
     * @return this application, for chaining
     * @throws IllegalArgumentException unless {@code prefix} starts with {@code /} and does not
     *     end with one (and is not {@code /} alone), or if {@code sub} is this application
     * @throws IllegalStateException once either application is frozen, or if {@code sub} is
     *     already mounted somewhere
     */
    public Application mount(String prefix, Application sub) {
        Objects.requireNonNull(sub, "sub");
        if (prefix == null || !prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount prefix starts with '/' and does not end with one: " + prefix);
        }
        if (sub == this) {
            throw new IllegalArgumentException("an application cannot be mounted in itself");
        }
        checkNotFrozen();
        if (sub.frozen || sub.mounted) {
            throw new IllegalStateException("the sub-application is already " + (sub.frozen ? "frozen" : "mounted"));
        }
        sub.mounted = true;
        router.mount(prefix, sub);
        onStartup.add(() -> runAll(sub.onStartup, true));
        onShutdown.add(() -> runAll(sub.onShutdown, false));
        onCleanup.add(() -> runAll(sub.onCleanup, false));
        return this;
    }

    /**
     * Adds a hook run at {@link #startup}, after those added before it.
     *
     * @return this application, for chaining
     * @throws IllegalStateException once the application is frozen
     */
    public Application onStartup(Hook hook) {
        return addHook(onStartup, hook);
    }

    /** Adds a hook run at {@link #shutdown}, as {@link #onStartup} does. */
    public Application onShutdown(Hook hook) {
        return addHook(onShutdown, hook);
    }

    /** Adds a hook run at {@link #cleanup}, as {@link #onStartup} does (registration order, not reversed). */
    public Application onCleanup(Hook hook) {
        return addHook(onCleanup, hook);
    }

    private Application addHook(List<Hook> hooks, Hook hook) {
        Objects.requireNonNull(hook, "hook");
        checkNotFrozen();
        hooks.add(hook);
        return this;
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("the application is frozen (it has started or handled a request): "
                    + "add routes, middleware, mounts and hooks before that");
        }
    }

    /**
     * Freezes the route table (and those of sub-applications): later changes throw
     * {@link IllegalStateException}. {@link #startup} and the first {@link #handle} call it;
     * calling it again does nothing.
     *
     * @throws IllegalStateException if this is a mounted sub-application (its parent freezes it)
     */
    public void freeze() {
        if (!frozen) {
            if (mounted) {
                throw new IllegalStateException("a mounted sub-application is frozen by its parent");
            }
            freeze(List.of());
        }
    }

    void freeze(List<Middleware> outer) {
        frozen = true;
        List<Middleware> all = new ArrayList<>(outer);
        all.addAll(middleware);
        router.freeze(all);
    }

    Router router() {
        return router;
    }

    /**
     * Routes {@code request} through the middleware to its handler: what the server calls for
     * each request, in the request's task. Sets the request's {@link Request#pathParams}.
     *
     * @throws HttpException 404 if no route has the path, 405 (with {@code Allow}) if none has
     *     the method, 400 if the path's percent-encoding is bad; whatever the handler or
     *     middleware throws
     */
    @Override
    public Response handle(Request request) throws Exception {
        if (!frozen) {
            freeze();
        }
        Router.Match match;
        try {
            match = router.resolve(request.method(), request.matchPath());
        } catch (HttpException e) {
            // A bad escape in the path: still let the middleware see (and render) the error.
            match = new Router.Match(Router.wrap(middleware, r -> {
                throw e;
            }), Map.of());
        }
        request.setPathParams(match.params());
        return match.handler().handle(request);
    }

    /**
     * Freezes the application, then runs the startup hooks in registration order (a mounted
     * sub-application's where it was mounted). Suspends while they do.
     *
     * @throws IllegalStateException if it has already started, or is a mounted sub-application
     * @throws Exception the first hook's exception: the later hooks do not run, and the server
     *     does not start
     */
    @Override
    public void startup() throws Exception {
        if (started) {
            throw new IllegalStateException("the application has already started");
        }
        freeze();
        started = true;
        runAll(onStartup, true);
    }

    /**
     * Runs the shutdown hooks in registration order. Every hook runs even if one throws.
     *
     * @throws Exception the first hook's exception, with later ones added as suppressed
     */
    @Override
    public void shutdown() throws Exception {
        runAll(onShutdown, false);
    }

    /**
     * Runs the cleanup hooks in registration order (not reversed: aiohttp's {@code on_cleanup}).
     * Every hook runs even if one throws.
     *
     * @throws Exception the first hook's exception, with later ones added as suppressed
     */
    @Override
    public void cleanup() throws Exception {
        runAll(onCleanup, false);
    }

    private static void runAll(List<Hook> hooks, boolean stopAtFirst) throws Exception {
        Exception first = null;
        for (Hook hook : List.copyOf(hooks)) {
            try {
                hook.run();
            } catch (Exception e) {
                if (stopAtFirst) {
                    throw e;
                }
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
