package io.jasyncio.http.client;

/**
 * How the pool reaches an origin, and so which connections can carry its requests: directly, or
 * through a proxy (absolute-form requests for http, a CONNECT tunnel for https). Connections are
 * pooled, and the per-host limit counted, per route.
 */
record Route(Origin origin, Proxy proxy) {
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
}
