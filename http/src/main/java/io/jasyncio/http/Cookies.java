package io.jasyncio.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code Cookie} request header (RFC 6265 §4.2, §5.4): {@code name=value} pairs
 * separated by {@code ;}. Cookies are sent back by the browser, so this is lenient the way the
 * major servers are: whitespace around pairs and around {@code =} is dropped, a value in double
 * quotes loses its quotes, pairs without {@code =} or with a name that is not a token are
 * skipped rather than failing the request, and values are not decoded (no percent or octal
 * unescaping: Python's {@code http.cookies}, which aiohttp uses, unescapes {@code \\ooo} in
 * quoted values and drops the whole header on some errors; this keeps every good pair).
 *
 * <p>When a name repeats (a browser sends a more specific path's cookie first, §5.4 step 2),
 * {@link #parse} keeps the first and {@link #parseAll} keeps every pair.
 */
public final class Cookies {
    private Cookies() {
    }

    /** The cookies of one {@code Cookie} header value, in order, the first of a repeated name winning. */
    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parseAll(header)) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The cookies of every {@code Cookie} field in {@code headers} (HTTP/2 proxies may split it), first wins. */
    public static Map<String, String> parse(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : headers.getAll("Cookie")) {
            for (Map.Entry<String, String> e : parseAll(h)) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every well-formed pair of a {@code Cookie} header value, in order, repeats kept; null gives none. */
    public static List<Map.Entry<String, String>> parseAll(String header) {
        if (header == null || header.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        int start = 0;
        while (start < header.length()) {
            int semi = header.indexOf(';', start);
            int end = semi < 0 ? header.length() : semi;
            int eq = header.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                String name = header.substring(start, eq).strip();
                String value = header.substring(eq + 1, end).strip();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (Tokens.isToken(name) && isValue(value)) {
                    out.add(Map.entry(name, value));
                }
            }
            start = end + 1;
        }
        return out;
    }

    private static boolean isValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '"' || c == ';') {
                return false;
            }
        }
        return true;
    }
}
