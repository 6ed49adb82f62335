package io.jasyncio.http.client;

import java.util.Objects;

/**
 * How the pool reaches an origin, and so which connections can carry its requests: directly, or
 * through a proxy (absolute-form requests for http, a CONNECT tunnel for https). Connections are
 * pooled, and the per-host limit counted, per route. A value with its hash computed once: the
 * pool looks routes up on every request.
 */
final class Route {
    private final Origin origin;
    private final Proxy proxy;
    private final int hash;
    private final String hostHeader;

    /** The route to {@code origin}, through {@code proxy} or directly when it is null. */
    Route(Origin origin, Proxy proxy) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.proxy = proxy;
        this.hash = origin.hashCode() * 31 + Objects.hashCode(proxy);
        this.hostHeader = origin.authority();
    }

    /** The {@code Host} header for the origin (computed once). */
    String hostHeader() {
        return hostHeader;
    }

    /** Where requests go. */
    Origin origin() {
        return origin;
    }

    /** The proxy, or null. */
    Proxy proxy() {
        return proxy;
    }

    /** Where the socket goes: the proxy if there is one, else the origin. */
    Origin dial() {
        return proxy == null ? origin : proxy.origin();
    }

    /** Whether requests are sent to a forward proxy in absolute form (http through a proxy). */
    boolean forward() {
        return proxy != null && !origin.secure();
    }

    /** Whether the connection is a CONNECT tunnel through the proxy (https through a proxy). */
    boolean tunnel() {
        return proxy != null && origin.secure();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Route r && r.hash == hash && r.origin.equals(origin) && Objects.equals(r.proxy, proxy);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return proxy == null ? origin.toString() : origin + " via " + dial();
    }
}
