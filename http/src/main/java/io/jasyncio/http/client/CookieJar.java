package io.jasyncio.http.client;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Url;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A client's cookie store, following the storage model of RFC 6265 §5.3-§5.4 with the
 * {@code __Secure-}/{@code __Host-} prefixes and the "leave secure cookies alone" rule of RFC
 * 6265bis. {@link #store} reads a response's {@code Set-Cookie} fields, {@link #header} builds
 * the {@code Cookie} header for a request. Sans-IO and clock-free: the caller passes the time.
 *
 * {@snippet :
 * CookieJar jar = new CookieJar();
 * jar.store(url, response.headers(), System.currentTimeMillis());
 * String cookie = jar.header(nextUrl, System.currentTimeMillis());   // null: send no Cookie header
 * }
 *
 * <p>The rules, in short: a cookie without {@code Domain} is host-only (sent back to its exact
 * host); one with {@code Domain} goes to that domain and its subdomains, and is refused when the
 * request host is not inside it, when it is an IP address other than the host, or a single
 * label such as {@code com} (there is no public-suffix list here: {@code Domain=co.uk} is
 * accepted from {@code a.co.uk}, as aiohttp does). {@code Path} defaults to the request path's
 * directory. {@code Max-Age} wins over {@code Expires}; an expiry in the past deletes. A
 * {@code Secure} cookie is stored and sent only over https, and an http response may not
 * overwrite one. {@code HttpOnly} is kept (this is an HTTP client, so it changes nothing).
 * {@code SameSite} is kept but not enforced: a client has no "site" for its requests. Like
 * aiohttp's {@code CookieJar(unsafe=False)}, which also refuses cookies from IP hosts by default,
 * except that this one accepts host-only cookies from IP hosts (browsers do; aiohttp needs
 * {@code unsafe=True}). Limits as RFC 6265 §6.1 suggests: 4096 bytes per cookie, 50 per domain,
 * 3000 in all, the least recently used going first. Not thread-safe: one loop uses it.
 */
public final class CookieJar {
    /* Implementation notes: cookies are indexed by domain (the host for a host-only cookie);
     * within a domain by (name, path), in insertion order. header() walks the request host and
     * each parent domain, so it looks at the cookies that can match and no others. Expired
     * cookies are dropped when met. */

    /**
     * One stored cookie (RFC 6265 §5.3's fields).
     *
     * @param name the cookie's name, as received
     * @param value the cookie's value, as received (quotes kept)
     * @param domain the host (host-only) or the Domain attribute, lower case, without a leading dot
     * @param path the Path attribute, or the default-path of the URL that set it
     * @param expiresAt epoch millis after which it is gone; {@link Long#MAX_VALUE} for a session cookie
     * @param hostOnly sent to {@code domain} exactly (no Domain attribute), not to its subdomains
     * @param secure sent over https only
     * @param httpOnly hidden from scripts in a browser; kept for completeness
     * @param sameSite {@code Strict}, {@code Lax}, {@code None} or null when absent
     * @param createdAt epoch millis when first stored (kept when replaced), for the order of {@link #header}
     */
    public record StoredCookie(String name, String value, String domain, String path, long expiresAt, boolean hostOnly,
                               boolean secure, boolean httpOnly, String sameSite, long createdAt) {
        /** @throws NullPointerException when name, value, domain or path is null */
        public StoredCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(path, "path");
        }

        /** Whether it outlives the session (it had {@code Max-Age} or {@code Expires}). */
        public boolean persistent() {
            return expiresAt != Long.MAX_VALUE;
        }

        /** Whether it has expired at {@code nowEpochMillis}. */
        public boolean expired(long nowEpochMillis) {
            return expiresAt <= nowEpochMillis;
        }
    }

    static final int MAX_COOKIE_BYTES = 4096;
    static final int MAX_PER_DOMAIN = 50;
    static final int MAX_TOTAL = 3000;

    private record Key(String name, String path) {
    }

    private final Map<String, LinkedHashMap<Key, StoredCookie>> byDomain = new HashMap<>();
    private final Map<StoredCookie, Long> lastAccess = new HashMap<>();
    private int count;

    /** An empty jar. */
    public CookieJar() {
    }

    /**
     * Stores the cookies of every {@code Set-Cookie} field of a response to {@code requestUrl};
     * the ones the rules refuse are skipped silently, as a browser does.
     *
     * @param requestUrl the absolute URL the response answered (scheme and authority needed)
     * @throws IllegalArgumentException when {@code requestUrl} is not absolute
     */
    public void store(Url requestUrl, Headers responseHeaders, long nowEpochMillis) {
        for (String v : responseHeaders.getAll("Set-Cookie")) {
            store(requestUrl, v, nowEpochMillis);
        }
    }

    /**
     * Stores one {@code Set-Cookie} value received from {@code requestUrl}.
     *
     * @return whether it was taken (stored, replaced a cookie, or deleted one by expiring it);
     *     false when a rule refused it
     * @throws IllegalArgumentException when {@code requestUrl} is not absolute
     */
    public boolean store(Url requestUrl, String setCookie, long nowEpochMillis) {
        String host = host(requestUrl);
        boolean https = "https".equals(requestUrl.scheme());
        CookieParser.Parsed p = CookieParser.parse(setCookie, nowEpochMillis);
        if (p == null || p.name().length() + p.value().length() > MAX_COOKIE_BYTES) {
            return false;
        }
        String domain;
        boolean hostOnly;
        if (p.domain() == null || p.domain().equals(host)) {
            domain = host;
            hostOnly = true;
        } else if (CookieParser.isIpLiteral(p.domain()) || p.domain().indexOf('.') < 0 || !domainMatch(host, p.domain())) {
            return false;
        } else {
            domain = p.domain();
            hostOnly = false;
        }
        String path = p.path() != null ? p.path() : defaultPath(requestUrl.rawPath());
        if (p.secure() && !https) {
            return false;
        }
        String lower = p.name().toLowerCase(Locale.ROOT);
        if (lower.startsWith("__secure-") && !p.secure()) {
            return false;
        }
        if (lower.startsWith("__host-") && (!p.secure() || p.domain() != null || !"/".equals(p.path()))) {
            return false;
        }
        if (!p.secure() && !https && shadowsSecure(p.name(), domain, path)) {
            return false;
        }
        evictExpired(nowEpochMillis);
        Key key = new Key(p.name(), path);
        LinkedHashMap<Key, StoredCookie> cookies = byDomain.get(domain);
        StoredCookie old = cookies == null ? null : cookies.get(key);
        long created = old != null ? old.createdAt() : nowEpochMillis;
        if (old != null) {
            remove(domain, key);
        }
        if (p.expiresAt() <= nowEpochMillis) {
            return true; // an expiry in the past deletes (or stores nothing)
        }
        StoredCookie c = new StoredCookie(p.name(), p.value(), domain, path, p.expiresAt(), hostOnly, p.secure(), p.httpOnly(),
                p.sameSite(), created);
        add(c, nowEpochMillis);
        return true;
    }

    /**
     * Adds a cookie by hand, replacing one with the same name, domain and path. No rule is
     * applied: the caller decides.
     */
    public void add(StoredCookie cookie) {
        Key key = new Key(cookie.name(), cookie.path());
        remove(cookie.domain(), key);
        add(cookie, cookie.createdAt());
    }

    private void add(StoredCookie c, long now) {
        LinkedHashMap<Key, StoredCookie> cookies = byDomain.computeIfAbsent(c.domain(), d -> new LinkedHashMap<>());
        if (cookies.size() >= MAX_PER_DOMAIN) {
            remove(c.domain(), leastRecentlyUsed(cookies.values()));
        }
        if (count >= MAX_TOTAL) {
            List<StoredCookie> all = cookies();
            StoredCookie lru = all.stream().min(Comparator.comparingLong(x -> lastAccess.getOrDefault(x, 0L))).orElseThrow();
            remove(lru.domain(), new Key(lru.name(), lru.path()));
        }
        byDomain.computeIfAbsent(c.domain(), d -> new LinkedHashMap<>()).put(new Key(c.name(), c.path()), c);
        lastAccess.put(c, now);
        count++;
    }

    private Key leastRecentlyUsed(Iterable<StoredCookie> cookies) {
        StoredCookie lru = null;
        for (StoredCookie c : cookies) {
            if (lru == null || lastAccess.getOrDefault(c, 0L) < lastAccess.getOrDefault(lru, 0L)) {
                lru = c;
            }
        }
        return new Key(lru.name(), lru.path());
    }

    private void remove(String domain, Key key) {
        LinkedHashMap<Key, StoredCookie> cookies = byDomain.get(domain);
        if (cookies == null) {
            return;
        }
        StoredCookie old = cookies.remove(key);
        if (old != null) {
            lastAccess.remove(old);
            count--;
            if (cookies.isEmpty()) {
                byDomain.remove(domain);
            }
        }
    }

    /**
     * The {@code Cookie} header value for a request to {@code requestUrl}: the unexpired cookies
     * whose domain, path and Secure flag match it, longest path first, then oldest first (RFC
     * 6265 §5.4); null when none match.
     *
     * @throws IllegalArgumentException when {@code requestUrl} is not absolute
     */
    public String header(Url requestUrl, long nowEpochMillis) {
        String host = host(requestUrl);
        if (byDomain.isEmpty()) {
            return null; // a session that never received a cookie pays no more per request
        }
        boolean https = "https".equals(requestUrl.scheme());
        String path = requestUrl.rawPath() == null || requestUrl.rawPath().isEmpty() ? "/" : requestUrl.rawPath();
        List<StoredCookie> matches = new ArrayList<>();
        boolean ip = CookieParser.isIpLiteral(host);
        for (String d = host; d != null; d = ip ? null : parent(d)) {
            LinkedHashMap<Key, StoredCookie> cookies = byDomain.get(d);
            if (cookies == null) {
                continue;
            }
            for (Iterator<StoredCookie> it = cookies.values().iterator(); it.hasNext(); ) {
                StoredCookie c = it.next();
                if (c.expired(nowEpochMillis)) {
                    it.remove();
                    lastAccess.remove(c);
                    count--;
                    continue;
                }
                if ((c.hostOnly() && !d.equals(host)) || (c.secure() && !https) || !pathMatch(path, c.path())) {
                    continue;
                }
                matches.add(c);
            }
            if (cookies.isEmpty()) {
                byDomain.remove(d);
            }
        }
        if (matches.isEmpty()) {
            return null;
        }
        matches.sort(Comparator.comparingInt((StoredCookie c) -> -c.path().length()).thenComparingLong(StoredCookie::createdAt));
        StringBuilder sb = new StringBuilder();
        for (StoredCookie c : matches) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(c.name()).append('=').append(c.value());
            lastAccess.put(c, nowEpochMillis);
        }
        return sb.toString();
    }

    /** Every stored cookie (expired ones not yet dropped included), in no particular order. */
    public List<StoredCookie> cookies() {
        List<StoredCookie> all = new ArrayList<>(count);
        for (LinkedHashMap<Key, StoredCookie> m : byDomain.values()) {
            all.addAll(m.values());
        }
        return all;
    }

    /** Drops every cookie. */
    public void clear() {
        byDomain.clear();
        lastAccess.clear();
        count = 0;
    }

    private void evictExpired(long now) {
        for (StoredCookie c : cookies()) {
            if (c.expired(now)) {
                remove(c.domain(), new Key(c.name(), c.path()));
            }
        }
    }

    /** RFC 6265bis §5.6 step 14: a non-secure cookie may not overwrite (or shadow) a secure one. */
    private boolean shadowsSecure(String name, String domain, String path) {
        for (StoredCookie c : cookies()) {
            if (c.secure() && c.name().equals(name) && (domainMatch(domain, c.domain()) || domainMatch(c.domain(), domain))
                    && pathMatch(path, c.path())) {
                return true;
            }
        }
        return false;
    }

    /** The lower-cased host of an absolute URL (an IPv6 literal keeps its brackets). */
    static String host(Url url) {
        String a = url.authority();
        if (a == null || url.scheme() == null) {
            throw new IllegalArgumentException("cookies need an absolute URL (scheme and host): " + url);
        }
        int end = a.startsWith("[") ? a.indexOf(']') + 1 : a.lastIndexOf(':') >= 0 ? a.lastIndexOf(':') : a.length();
        if (end <= 0) {
            end = a.length();
        }
        String h = a.substring(0, end).toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** RFC 6265 §5.1.3: {@code host} is {@code domain} or a name under it (never for an IP). */
    static boolean domainMatch(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !CookieParser.isIpLiteral(host);
    }

    /** RFC 6265 §5.1.4's default-path: the request path up to its last '/', or "/". */
    static String defaultPath(String uriPath) {
        if (uriPath == null || uriPath.isEmpty() || uriPath.charAt(0) != '/') {
            return "/";
        }
        int last = uriPath.lastIndexOf('/');
        return last == 0 ? "/" : uriPath.substring(0, last);
    }

    /** RFC 6265 §5.1.4's path-match. */
    static boolean pathMatch(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1);
    }
}
