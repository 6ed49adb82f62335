package io.jasyncio.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A request target (RFC 9112 §3.2) split into its parts: the scheme and authority of an
 * absolute-form target, the path and the query. Parts are kept raw (as on the wire) and decoded
 * on request.
 *
 * <p>Percent-decoding and {@code %2F}: {@link #path()} decodes every escape, so {@code /a%2Fb}
 * and {@code /a/b} both give {@code "/a/b"}; it is for display and logs. Routing and anything
 * that maps a path to resources must use {@link #pathSegments()}, which splits the raw path on
 * {@code /} first and decodes each segment after, so {@code %2F} stays inside its segment
 * ({@code ["a/b"]} against {@code ["a", "b"]}). aiohttp (through yarl) has the same split
 * between {@code path} and {@code raw_path}/{@code path_safe}. Neither method removes
 * {@code .}/{@code ..} segments: serving files is the caller's job, and it must refuse them.
 * Invalid escapes stay literal and invalid UTF-8 becomes U+FFFD, as in yarl.
 *
 * {@snippet :
 * Url u = Url.parseTarget("/files/a%20b%2Fc?download=1");
 * u.rawPath();        // "/files/a%20b%2Fc"
 * u.pathSegments();   // ["files", "a b/c"]
 * u.query().get("download"); // "1"
 * }
 */
public final class Url {
    /** Which of RFC 9112's four request-target forms a target is in. */
    public enum Form {
        /** {@code /path?query}: the usual form. */
        ORIGIN,
        /** {@code http://host/path?query}: sent to proxies, and allowed to servers. */
        ABSOLUTE,
        /** {@code host:port}: CONNECT's target. */
        AUTHORITY,
        /** {@code *}: OPTIONS for the whole server. */
        ASTERISK
    }

    private final Form form;
    private final String scheme;
    private final String authority;
    private final String rawPath;
    private final String rawQuery;
    private QueryParams query;

    private Url(Form form, String scheme, String authority, String rawPath, String rawQuery) {
        this.form = form;
        this.scheme = scheme;
        this.authority = authority;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    /**
     * Splits a request target as it appeared on the request line.
     *
     * @throws IllegalArgumentException if the target is empty, holds a fragment ({@code #}),
     *     a space or a control, or is an absolute form whose scheme is not http or https
     */
    public static Url parseTarget(String target) {
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == '#' || c >= 0x7F) {
                throw new IllegalArgumentException("request target holds a forbidden char (0x"
                        + Integer.toHexString(c) + ") at " + i);
            }
        }
        if (target.equals("*")) {
            return new Url(Form.ASTERISK, null, null, "*", null);
        }
        if (target.charAt(0) == '/') {
            int q = target.indexOf('?');
            return q < 0 ? new Url(Form.ORIGIN, null, null, target, null)
                    : new Url(Form.ORIGIN, null, null, target.substring(0, q), target.substring(q + 1));
        }
        int sep = target.indexOf("://");
        if (sep > 0) {
            String scheme = target.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("absolute-form target with scheme " + scheme + ": only http and https");
            }
            int authStart = sep + 3;
            int authEnd = authStart;
            while (authEnd < target.length() && target.charAt(authEnd) != '/' && target.charAt(authEnd) != '?') {
                authEnd++;
            }
            if (authEnd == authStart) {
                throw new IllegalArgumentException("absolute-form target without a host: " + target);
            }
            String authority = target.substring(authStart, authEnd);
            if (authority.indexOf('@') >= 0) {
                throw new IllegalArgumentException("absolute-form target with userinfo (RFC 9110 §4.2.4 forbids it)");
            }
            int q = target.indexOf('?', authEnd);
            String path = q < 0 ? target.substring(authEnd) : target.substring(authEnd, q);
            return new Url(Form.ABSOLUTE, scheme, authority, path.isEmpty() ? "/" : path,
                    q < 0 ? null : target.substring(q + 1));
        }
        if (target.indexOf('/') >= 0 || target.indexOf('?') >= 0 || target.indexOf(':') < 0) {
            throw new IllegalArgumentException("not a request target in any RFC 9112 form: " + target);
        }
        return new Url(Form.AUTHORITY, null, target, null, null);
    }

    /** Which form the target was in. */
    public Form form() {
        return form;
    }

    /** {@code http} or {@code https} (lower case) for an absolute-form target; null otherwise. */
    public String scheme() {
        return scheme;
    }

    /** {@code host[:port]} of an absolute-form or authority-form target; null otherwise. */
    public String authority() {
        return authority;
    }

    /** The path as on the wire (escapes kept); {@code "*"} for the asterisk form; null for the authority form. */
    public String rawPath() {
        return rawPath;
    }

    /** The query as on the wire, without {@code ?}; null when the target has no {@code ?}. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The path with every escape decoded as UTF-8 ({@code %2F} becomes {@code /}: see the class notes); null for the authority form. */
    public String path() {
        return rawPath == null ? null : Percent.decode(rawPath, 0, rawPath.length(), false, StandardCharsets.UTF_8);
    }

    /**
     * The path's segments, split on the raw {@code /} and then decoded, so that an escaped
     * {@code %2F} stays inside its segment. {@code "/"} gives {@code [""]}, {@code "/a/"} gives
     * {@code ["a", ""]}; empty for the asterisk and authority forms.
     */
    public List<String> pathSegments() {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            out.add(Percent.decode(rawPath, start, end, false, StandardCharsets.UTF_8));
            if (slash < 0) {
                return Collections.unmodifiableList(out);
            }
            start = slash + 1;
        }
    }

    /** The query parameters, parsed once on first use (empty without a query). */
    public QueryParams query() {
        QueryParams q = query;
        if (q == null) {
            q = query = rawQuery == null ? QueryParams.EMPTY : QueryParams.parse(rawQuery);
        }
        return q;
    }

    /**
     * Percent-encodes {@code segment} for use as one path segment: everything but RFC 3986's
     * unreserved characters and sub-delims, {@code :} and {@code @} is escaped, {@code /} included.
     */
    public static String encodePathSegment(String segment) {
        return Percent.encodePathSegment(segment);
    }

    /** Equal when the raw parts are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Url u && u.form == form && Objects.equals(u.scheme, scheme)
                && Objects.equals(u.authority, authority) && Objects.equals(u.rawPath, rawPath)
                && Objects.equals(u.rawQuery, rawQuery);
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, scheme, authority, rawPath, rawQuery);
    }

    /** The target as it would appear on a request line. */
    @Override
    public String toString() {
        return switch (form) {
            case ASTERISK -> "*";
            case AUTHORITY -> authority;
            case ORIGIN -> rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            case ABSOLUTE -> scheme + "://" + authority + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        };
    }
}
