package io.jasyncio.http.client;

import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Url;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The client's URL handling on top of {@link Url}: an absolute {@code http}/{@code https} URL
 * from what a user types (fragment dropped, characters a request line cannot carry
 * percent-encoded, an internationalised host in its ASCII form), a reference resolved against a
 * base as RFC 3986 §5.2 says (a base URL, a relative {@code Location}), query parameters
 * appended, and the origin (scheme, host, port) that decides whether a redirect crosses origins.
 */
final class ClientUrls {
    private ClientUrls() {
    }

    /**
     * {@code reference} made absolute against {@code base} (null: the reference must be absolute).
     *
     * @throws IllegalArgumentException if the result is not an absolute http or https URL, or
     *     holds credentials ({@code user:pass@host}: send an {@code Authorization} header instead)
     */
    static Url resolve(Url base, String reference) {
        String ref = clean(reference);
        String scheme = schemeOf(ref);
        String authority;
        String path;
        String query;
        if (scheme != null) {
            String rest = ref.substring(scheme.length() + 1);
            if (!rest.startsWith("//")) {
                throw new IllegalArgumentException("not an http URL: " + reference);
            }
            int end = authorityEnd(rest, 2);
            authority = rest.substring(2, end);
            path = removeDotSegments(pathOf(rest, end));
            query = queryOf(rest, end);
        } else {
            if (base == null || base.form() != Url.Form.ABSOLUTE) {
                throw new IllegalArgumentException("a relative URL (" + reference + ") needs an absolute base URL");
            }
            scheme = base.scheme();
            if (ref.startsWith("//")) {
                int end = authorityEnd(ref, 2);
                authority = ref.substring(2, end);
                path = removeDotSegments(pathOf(ref, end));
                query = queryOf(ref, end);
            } else {
                authority = base.authority();
                String refPath = pathOf(ref, 0);
                query = queryOf(ref, 0);
                if (refPath.isEmpty()) {
                    path = base.rawPath();
                    if (query == null) {
                        query = base.rawQuery();
                    }
                } else if (refPath.startsWith("/")) {
                    path = removeDotSegments(refPath);
                } else {
                    String basePath = base.rawPath();
                    path = removeDotSegments(basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath);
                }
            }
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the client speaks http and https, not " + scheme + ": " + reference);
        }
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("a URL with credentials (user:pass@host) is refused, so they do not end up in"
                    + " logs: send an Authorization header instead");
        }
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("URL without a host: " + reference);
        }
        String target = scheme + "://" + asciiHost(authority) + (path.isEmpty() ? "/" : path)
                + (query == null ? "" : "?" + query);
        return Url.parseTarget(target);
    }

    /** {@code url} with {@code params} appended to its query (after any it has). */
    static Url withQuery(Url url, QueryParams params) {
        if (params == null || params.isEmpty()) {
            return url;
        }
        String q = url.rawQuery() == null || url.rawQuery().isEmpty() ? params.encode() : url.rawQuery() + "&" + params.encode();
        return Url.parseTarget(url.scheme() + "://" + url.authority() + url.rawPath() + "?" + q);
    }

    /** The host of an absolute URL, lower case, without brackets around an IPv6 literal. */
    static String host(Url url) {
        String a = url.authority();
        if (a.startsWith("[")) {
            return a.substring(1, a.indexOf(']')).toLowerCase(Locale.ROOT);
        }
        int colon = a.lastIndexOf(':');
        return (colon < 0 ? a : a.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** The port of an absolute URL: the explicit one, else 443 for https and 80 for http. */
    static int port(Url url) {
        String a = url.authority();
        int colon = a.lastIndexOf(':');
        if (colon < 0 || colon < a.lastIndexOf(']') || colon == a.length() - 1) {
            return url.scheme().equals("https") ? 443 : 80;
        }
        try {
            return Integer.parseInt(a.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + url);
        }
    }

    /** {@code scheme://host:port}, with the default port made explicit: equal for same-origin URLs (RFC 6454). */
    static String origin(Url url) {
        String host = host(url);
        return url.scheme() + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port(url);
    }

    /** The URL with its query and path replaced by "/" — what a message may show without leaking tokens in the query. */
    static String withoutQuery(Url url) {
        return url.scheme() + "://" + url.authority() + url.rawPath();
    }

    private static String schemeOf(String ref) {
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == ':') {
                return i > 0 ? ref.substring(0, i) : null;
            }
            boolean ok = Character.isLetter(c) && c < 0x80 || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.');
            if (!ok) {
                return null;
            }
        }
        return null;
    }

    private static int authorityEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '/' && s.charAt(i) != '?') {
            i++;
        }
        return i;
    }

    private static String pathOf(String s, int from) {
        int q = s.indexOf('?', from);
        return q < 0 ? s.substring(from) : s.substring(from, q);
    }

    private static String queryOf(String s, int from) {
        int q = s.indexOf('?', from);
        return q < 0 ? null : s.substring(q + 1);
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        if (path.indexOf('.') < 0) {
            return path;
        }
        Deque<String> out = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        boolean absolute = path.startsWith("/");
        for (int i = absolute ? 1 : 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (p.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (p.equals("..")) {
                out.pollLast();
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(p);
            }
        }
        return (absolute ? "/" : "") + String.join("/", out);
    }

    /** Drops the fragment and percent-encodes what a request line cannot carry (spaces, controls, non-ASCII, stray %). */
    private static String clean(String reference) {
        String s = reference.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean strayPercent = c == '%' && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)));
            boolean bad = c <= ' ' || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0 || strayPercent;
            if (bad && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!bad) {
                sb.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** The authority with an internationalised host in its ASCII (punycode) form; escapes from {@link #clean} undone first. */
    private static String asciiHost(String authority) {
        if (authority.indexOf('%') < 0 || authority.startsWith("[")) {
            return authority;
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        String decoded = java.net.URLDecoder.decode(host.replace("+", "%2B"), StandardCharsets.UTF_8);
        return IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED) + (colon < 0 ? "" : authority.substring(colon));
    }
}
