package io.jasyncio.http.codec;

import io.jasyncio.http.Method;

/**
 * Request-target forms (RFC 9112 §3.2) and Host values (RFC 9110 §7.2): which form a target is
 * in, whether the method allows it, and the authority of an absolute-form target.
 */
final class Targets {
    /** RFC 3986 unreserved and sub-delims, the bytes a reg-name may hold besides pct-encoded. */
    private static final boolean[] REG_NAME = new boolean[128];
    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) REG_NAME[c] = true;
        for (char c = 'a'; c <= 'z'; c++) REG_NAME[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) REG_NAME[c] = true;
        for (char c : "-._~!$&'()*+,;=".toCharArray()) REG_NAME[c] = true;
        for (char c = '0'; c <= '9'; c++) HEX[c] = true;
        for (char c = 'a'; c <= 'f'; c++) HEX[c] = true;
        for (char c = 'A'; c <= 'F'; c++) HEX[c] = true;
    }

    private Targets() {
    }

    /**
     * Checks the target's form against the method and returns the authority of an absolute-form
     * target (which then replaces the Host field), or null for the other forms.
     *
     * @throws CodecException 400 for a form the method may not use or a malformed target
     */
    static String check(Method method, String target) throws CodecException {
        char first = target.charAt(0);
        if (method == Method.CONNECT) {
            if (!isHostPort(target, 0, target.length(), true)) {
                throw new CodecException(400, "CONNECT needs an authority-form target (host:port)");
            }
            return null;
        }
        if (first == '/') {
            return null;
        }
        if (target.equals("*")) {
            if (method != Method.OPTIONS) {
                throw new CodecException(400, "asterisk-form target is only for OPTIONS");
            }
            return null;
        }
        int colon = schemeEnd(target);
        if (colon < 0 || !target.startsWith("//", colon + 1)) {
            throw new CodecException(400, "request target is neither origin-form nor absolute-form");
        }
        int from = colon + 3;
        int to = from;
        while (to < target.length() && "/?#".indexOf(target.charAt(to)) < 0) {
            to++;
        }
        if (to == from || !isHostPort(target, from, to, false)) {
            throw new CodecException(400, "absolute-form target has an invalid authority");
        }
        return target.substring(from, to);
    }

    /** The index of the ':' ending a valid scheme at the start of {@code s}, or -1. */
    private static int schemeEnd(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether a Host field value is {@code uri-host [":" port]} (RFC 9110 §7.2); empty is allowed. */
    static boolean isHostValue(String s) {
        return s.isEmpty() || isHostPort(s, 0, s.length(), false);
    }

    /**
     * Whether {@code s[from, to)} is {@code uri-host [":" port]} with no userinfo; with
     * {@code portRequired}, the port must be there (authority-form).
     */
    static boolean isHostPort(String s, int from, int to, boolean portRequired) {
        int i = from;
        if (i < to && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close >= to || close == i + 1) {
                return false;
            }
            for (int j = i + 1; j < close; j++) {
                char c = s.charAt(j);
                if (c >= 128 || !(REG_NAME[c] || c == ':')) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            int hostStart = i;
            while (i < to && s.charAt(i) != ':') {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= to || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                        return false;
                    }
                    i += 3;
                    continue;
                }
                if (c >= 128 || !REG_NAME[c]) {
                    return false;
                }
                i++;
            }
            if (i == hostStart) {
                return false;
            }
        }
        if (i == to) {
            return !portRequired;
        }
        if (s.charAt(i) != ':') {
            return false;
        }
        i++;
        if (portRequired && i == to) {
            return false;
        }
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c < 128 && HEX[c];
    }
}
