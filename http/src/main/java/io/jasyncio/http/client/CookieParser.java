package io.jasyncio.http.client;

import java.util.Locale;

/**
 * Parses one {@code Set-Cookie} value as RFC 6265 §5.2 says a user agent must: leniently,
 * ignoring attributes it cannot read, the last of a repeated attribute winning. The
 * {@code SetCookie} type in {@code io.jasyncio.http} is the strict builder for servers; this is
 * the receiving side's parser.
 */
final class CookieParser {
    /**
     * The parts a {@link CookieJar} needs; {@code domain} and {@code path} null when absent (or,
     * for path, not starting with '/'); {@code expiresAt} {@link Long#MAX_VALUE} for a session
     * cookie, {@link Long#MIN_VALUE} for one already expired through Max-Age.
     */
    record Parsed(String name, String value, String domain, String path, long expiresAt, boolean secure, boolean httpOnly,
                  String sameSite) {
    }

    private CookieParser() {
    }

    /** The cookie, or null when the value is to be ignored (no '=' or an empty name). */
    static Parsed parse(String setCookie, long now) {
        int semi = setCookie.indexOf(';');
        String pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = trim(pair.substring(0, eq));
        String value = trim(pair.substring(eq + 1));
        if (name.isEmpty() || hasControl(name) || hasControl(value)) {
            return null;
        }
        String domain = null;
        String path = null;
        long maxAgeExpiry = 0;
        boolean hasMaxAge = false;
        long expires = Long.MAX_VALUE;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        int p = semi;
        while (p >= 0 && p < setCookie.length()) {
            int next = setCookie.indexOf(';', p + 1);
            String av = setCookie.substring(p + 1, next < 0 ? setCookie.length() : next);
            p = next;
            int e = av.indexOf('=');
            String an = trim(e < 0 ? av : av.substring(0, e)).toLowerCase(Locale.ROOT);
            String v = e < 0 ? "" : trim(av.substring(e + 1));
            switch (an) {
                case "expires" -> {
                    long t = CookieDates.parse(v);
                    if (t != Long.MIN_VALUE) {
                        expires = t;
                    }
                }
                case "max-age" -> {
                    if (isMaxAge(v)) {
                        hasMaxAge = true;
                        maxAgeExpiry = maxAge(v, now);
                    }
                }
                case "domain" -> {
                    if (!v.isEmpty()) {
                        String d = v.startsWith(".") ? v.substring(1) : v;
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = v.startsWith("/") ? v : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = sameSite(v);
                default -> { }
            }
        }
        return new Parsed(name, value, domain, path, hasMaxAge ? maxAgeExpiry : expires, secure, httpOnly, sameSite);
    }

    private static boolean isMaxAge(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
                return false;
            }
        }
        return true;
    }

    private static long maxAge(String v, long now) {
        if (v.charAt(0) == '-' || v.chars().allMatch(c -> c == '0')) {
            return Long.MIN_VALUE; // "the earliest representable date and time"
        }
        long seconds;
        try {
            seconds = Long.parseLong(v);
        } catch (NumberFormatException e) {
            seconds = Long.MAX_VALUE;
        }
        long millis = seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        return now > Long.MAX_VALUE - millis ? Long.MAX_VALUE - 1 : now + millis;
    }

    private static String sameSite(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default -> null;
        };
    }

    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) b--;
        return s.substring(a, b);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code host} is an IPv4 dotted quad or a bracketed IPv6 literal. */
    static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
