package io.jasyncio.http.client;

import io.jasyncio.http.Url;
import java.util.Locale;
import java.util.Objects;

/**
 * Where requests go: scheme, host and port (RFC 6454's origin). The pool keeps connections per
 * origin, and its per-host limit counts them per origin, as aiohttp's connector keys them.
 *
 * @param scheme "http" or "https"
 * @param host the host name in lower case, or an IP literal (an IPv6 one without brackets)
 * @param port the port, the scheme's default filled in
 */
public record Origin(String scheme, String host, int port) {
    /**
     * Checks and normalises the parts.
     *
     * @throws IllegalArgumentException if the scheme is not http or https, the host is empty or
     *         the port out of range
     */
    public Origin {
        scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https, not " + scheme);
        }
        host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * The origin of an absolute URL ({@code http://host[:port]/...}).
     *
     * @throws IllegalArgumentException if {@code url} is not in absolute form, or its authority
     *         has a bad port
     */
    public static Origin of(Url url) {
        if (url.form() != Url.Form.ABSOLUTE) {
            throw new IllegalArgumentException("the client needs an absolute http(s) URL, got " + url);
        }
        return parse(url.scheme(), url.authority());
    }

    /**
     * The origin of {@code authority} ({@code host[:port]}, IPv6 in brackets) under {@code scheme}.
     *
     * @throws IllegalArgumentException if the port is not a number in range or the host is empty
     */
    public static Origin parse(String scheme, String authority) {
        String host = authority;
        int port = defaultPort(scheme);
        int colon = authority.lastIndexOf(':');
        int bracket = authority.lastIndexOf(']');
        if (colon > bracket && (bracket >= 0 || authority.indexOf(':') == colon)) {
            host = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            if (!p.isEmpty()) {
                try {
                    port = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port in " + authority);
                }
            }
        }
        return new Origin(scheme, host, port);
    }

    /** 443 for https, 80 for http. */
    public static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** Whether requests to this origin go over TLS. */
    public boolean secure() {
        return scheme.equals("https");
    }

    /**
     * The {@code Host} header's value: the host (an IPv6 one in brackets), with the port unless it
     * is the scheme's default.
     */
    public String authority() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? h : h + ":" + port;
    }

    /** {@code host:port} always, as a CONNECT target and in messages. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code scheme://authority}. */
    @Override
    public String toString() {
        return scheme + "://" + authority();
    }
}
