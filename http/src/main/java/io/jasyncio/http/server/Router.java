package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One application's route table: resources (a path template and a handler per method) and
 * mounted sub-applications. Frozen before the first request; after that it only resolves.
 */
final class Router {
    /* Implementation notes
     *
     * Static templates (no parameters) sit in a hash map and are tried first, so "/users/me"
     * wins over "/users/{id}" whatever the registration order; templates with parameters and
     * mounts are then tried in registration order. A mount claims every path under its prefix:
     * the sub-application's answer (even its 404) is final, as aiohttp's prefixed sub-app
     * resource does. A path that matches templates but none with the method collects their
     * methods for the 405's Allow field, and the scan goes on (a later template may take it).
     *
     * freeze() wraps every handler in the middleware of its application and all enclosing
     * ones, once, and makes the Match of each static route, so a static route dispatches without
     * allocating and a template allocates only its parameter map and Match.
     */

    /** A path template with its handlers by method. */
    static final class Resource {
        final PathTemplate template;
        final Map<Method, Handler> handlers = new LinkedHashMap<>();
        final Map<Method, Handler> chains = new HashMap<>();
        final Map<Method, Match> matches = new HashMap<>();
        String allow;

        Resource(PathTemplate template) {
            this.template = template;
        }

        Handler lookup(Method method) {
            Handler h = chains.get(method);
            if (h == null && method.equals(Method.HEAD)) {
                h = chains.get(Method.GET);
            }
            return h;
        }

        /** The parameterless match for {@code method} (static templates), made once at freeze. */
        Match match(Method method) {
            Match m = matches.get(method);
            if (m == null && method.equals(Method.HEAD)) {
                m = matches.get(Method.GET);
            }
            return m;
        }
    }

    /** A sub-application under a prefix. */
    record Mount(String prefix, Application app) {
    }

    /** What a path resolved to: the wrapped handler to call and the path parameters. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private final Map<String, Resource> byTemplate = new LinkedHashMap<>();
    private final Map<String, Resource> statics = new HashMap<>();
    private final List<Object> ordered = new ArrayList<>();
    private List<Middleware> chain = List.of();
    private Handler notFound;

    void add(Method method, String template, Handler handler) {
        Resource r = byTemplate.get(template);
        if (r == null) {
            PathTemplate t = PathTemplate.parse(template);
            r = new Resource(t);
            byTemplate.put(template, r);
            if (t.isStatic()) {
                statics.put(t.staticPath(), r);
            } else {
                ordered.add(r);
            }
        }
        if (r.handlers.containsKey(method)) {
            throw new IllegalArgumentException(method + " " + template + " is already routed; the second route would never run");
        }
        r.handlers.put(method, handler);
    }

    void mount(String prefix, Application app) {
        ordered.add(new Mount(prefix, app));
    }

    List<Mount> mounts() {
        List<Mount> out = new ArrayList<>();
        for (Object o : ordered) {
            if (o instanceof Mount m) {
                out.add(m);
            }
        }
        return out;
    }

    /** Wraps every handler in {@code middleware} (outermost first) and freezes the sub-applications. */
    void freeze(List<Middleware> middleware) {
        chain = List.copyOf(middleware);
        for (Resource r : byTemplate.values()) {
            TreeSet<String> allow = new TreeSet<>();
            r.handlers.forEach((method, handler) -> {
                Handler wrapped = wrap(chain, handler);
                r.chains.put(method, wrapped);
                r.matches.put(method, new Match(wrapped, Map.of()));
                allow.add(method.name());
            });
            if (allow.contains("GET")) {
                allow.add("HEAD");
            }
            r.allow = String.join(", ", allow);
        }
        notFound = wrap(chain, request -> {
            throw new HttpException(404);
        });
        for (Mount m : mounts()) {
            m.app().freeze(chain);
        }
    }

    static Handler wrap(List<Middleware> middleware, Handler handler) {
        Handler h = handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware mw = middleware.get(i);
            Handler next = h;
            h = request -> mw.handle(request, next);
        }
        return h;
    }

    /** Resolves {@code matchPath} (see {@link Request#matchPath}) for {@code method}; never null. */
    Match resolve(Method method, String matchPath) {
        TreeSet<String> allowed = null;
        Resource s = statics.get(matchPath);
        if (s != null) {
            Match m = s.match(method);
            if (m != null) {
                return m;
            }
            allowed = new TreeSet<>(List.of(s.allow.split(", ")));
        }
        for (Object o : ordered) {
            if (o instanceof Resource r) {
                Map<String, String> params = r.template.match(matchPath);
                if (params != null) {
                    Handler h = r.lookup(method);
                    if (h != null) {
                        return new Match(h, params);
                    }
                    if (allowed == null) {
                        allowed = new TreeSet<>();
                    }
                    allowed.addAll(List.of(r.allow.split(", ")));
                }
            } else if (o instanceof Mount m) {
                String p = m.prefix();
                if (matchPath.startsWith(p) && (matchPath.length() == p.length() || matchPath.charAt(p.length()) == '/')) {
                    return m.app().router().resolve(method, matchPath.substring(p.length()));
                }
            }
        }
        if (allowed != null) {
            String allow = String.join(", ", allowed);
            return new Match(wrap(chain, request -> {
                throw new HttpException(405, Status.reason(405), Headers.of("Allow", allow));
            }), Map.of());
        }
        return new Match(notFound, Map.of());
    }
}
