package io.jasyncio.http.client;

import io.jasyncio.http.Url;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * An HTTP proxy the pool sends every request through: plain http requests go to it in absolute
 * form ({@code GET http://host/path HTTP/1.1}), https ones through a {@code CONNECT host:443}
 * tunnel with TLS to the target inside (aiohttp's {@code proxy=}, {@code proxy_auth=}).
 *
 * <p><b>Differs from aiohttp:</b> the proxy is set once for the pool ({@link PoolOptions#proxy()}),
 * not per request; only {@code http://} proxies (no TLS to the proxy itself, no SOCKS).
 *
 * @param url the proxy, {@code http://host:port}
 * @param authorization the {@code Proxy-Authorization} header's value, or null for none
 */
public record Proxy(Url url, String authorization) {
    /**
     * Checks the URL.
     *
     * @throws IllegalArgumentException if the URL is not an absolute {@code http://} URL
     */
    public Proxy {
        Objects.requireNonNull(url, "url");
        if (url.form() != Url.Form.ABSOLUTE || !"http".equals(url.scheme())) {
            throw new IllegalArgumentException("a proxy must be an http:// URL, got " + url);
        }
    }

    /**
     * The proxy at {@code url} ("http://host:port") without authentication.
     *
     * @throws IllegalArgumentException if it is not an absolute http:// URL
     */
    public static Proxy of(String url) {
        return new Proxy(Url.parseTarget(url), null);
    }

    /** This proxy with HTTP Basic credentials ({@code Proxy-Authorization: Basic ...}). */
    public Proxy withBasicAuth(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Proxy(url, "Basic " + token);
    }

    /** Where the pool connects: the proxy's host and port. */
    public Origin origin() {
        return Origin.of(url);
    }
}
