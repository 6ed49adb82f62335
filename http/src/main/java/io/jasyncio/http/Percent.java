package io.jasyncio.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding (RFC 3986 §2.1) and the {@code application/x-www-form-urlencoded} byte
 * serialisation (WHATWG URL §5), shared by {@link QueryParams}, {@link FormData} and {@link Url}.
 */
final class Percent {
    /* Implementation notes: decoding works on chars, treating a char below 0x80 as its byte and
     * encoding any other char as UTF-8 (a Java string handed to us is text, not latin-1 bytes);
     * a '%' not followed by two hex digits stays literal, as WHATWG and yarl do; bytes that are not
     * valid in the charset become U+FFFD (the JDK decoder's replacement). */
    private static final boolean[] FORM_SAFE = new boolean[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    static {
        for (char c = '0'; c <= '9'; c++) FORM_SAFE[c] = true;
        for (char c = 'a'; c <= 'z'; c++) FORM_SAFE[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) FORM_SAFE[c] = true;
        for (char c : "*-._".toCharArray()) FORM_SAFE[c] = true;
    }

    private Percent() {
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Decodes {@code s[from, to)}; {@code plus} turns '+' into a space (form encoding). */
    static String decode(CharSequence s, int from, int to, boolean plus, Charset charset) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && !(plus && c == '+');
        }
        if (plain) {
            return s.subSequence(from, to).toString();
        }
        byte[] out = new byte[(to - from) * 3];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else if (plus && c == '+') {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                int cp = Character.codePointAt(s, i);
                if (Character.isSupplementaryCodePoint(cp)) {
                    i++;
                }
                byte[] utf8 = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
            }
        }
        return new String(out, 0, n, charset);
    }

    /** Appends {@code s} form-encoded: alphanumerics and {@code *-._} as is, space as '+', the rest %XX. */
    static void formEncode(StringBuilder sb, String s, Charset charset) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 0x80 && FORM_SAFE[s.charAt(i)]) {
            i++;
        }
        if (i == s.length()) {
            sb.append(s);
            return;
        }
        byte[] bytes = s.getBytes(charset);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v < 0x80 && FORM_SAFE[v]) {
                sb.append((char) v);
            } else if (v == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append((char) HEX[v >> 4]).append((char) HEX[v & 0xF]);
            }
        }
    }

    /** Percent-encodes a path segment: RFC 3986 pchar minus nothing; '/', '?', '#', '%' and the rest escaped. */
    static String encodePathSegment(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if (v < 0x80 && isPchar((char) v)) {
                sb.append((char) v);
            } else {
                sb.append('%').append((char) HEX[v >> 4]).append((char) HEX[v & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean isPchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
