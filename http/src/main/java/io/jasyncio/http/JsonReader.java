package io.jasyncio.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SimpleJsonCodec}'s strict RFC 8259 decoder: one use, over a whole byte array. */
final class JsonReader {
    /* Implementation notes: recursive descent with an explicit depth bound (so hostile nesting
     * gives a JsonException, never a StackOverflowError). Strings are validated as UTF-8 by hand
     * (no overlongs, no encoded surrogates, nothing above U+10FFFF) because the JDK decoder
     * would replace bad bytes silently. Numbers longer than MAX_NUMBER chars are refused, as
     * Jackson's StreamReadConstraints do, since BigInteger parsing is quadratic. */
    static final int MAX_NUMBER = 1000;

    private final byte[] b;
    private final int maxDepth;
    private final boolean bigDecimals;
    private int pos;

    JsonReader(byte[] json, int maxDepth, boolean bigDecimals) {
        this.b = json;
        this.maxDepth = maxDepth;
        this.bigDecimals = bigDecimals;
    }

    Object readDocument() {
        skipWs();
        Object v = value(0);
        skipWs();
        if (pos != b.length) {
            throw error("unexpected data after the JSON value");
        }
        return v;
    }

    private JsonException error(String what) {
        return new JsonException("invalid JSON at byte " + pos + ": " + what);
    }

    private void skipWs() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private Object value(int depth) {
        if (pos == b.length) {
            throw error("unexpected end of input");
        }
        return switch (b[pos]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + (char) (b[pos] & 0xFF) + "'");
            }
        };
    }

    private Object literal(String word, Object result) {
        if (pos + word.length() > b.length) {
            throw error("unexpected end of input");
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw error("invalid literal");
            }
        }
        pos += word.length();
        return result;
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (pos < b.length && b[pos] == '}') {
            pos++;
            return m;
        }
        while (true) {
            if (pos == b.length || b[pos] != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value(depth);
            if (m.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            m.put(key, v);
            skipWs();
            if (pos < b.length && b[pos] == ',') {
                pos++;
                skipWs();
                continue;
            }
            expect('}');
            return m;
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWs();
        if (pos < b.length && b[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWs();
            if (pos < b.length && b[pos] == ',') {
                pos++;
                skipWs();
                continue;
            }
            expect(']');
            return list;
        }
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
    }

    private void expect(char c) {
        if (pos == b.length) {
            throw error("unexpected end of input, expected '" + c + "'");
        }
        if (b[pos] != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String string() {
        int start = ++pos;
        // Fast path: printable ASCII without escapes.
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return new String(b, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\' || c < 0x20) { // c < 0 for bytes >= 0x80
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        while (true) {
            if (pos == b.length) {
                throw error("unterminated string");
            }
            int c = b[pos] & 0xFF;
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                escape(sb);
            } else if (c < 0x20) {
                throw error("unescaped control character in a string");
            } else if (c < 0x80) {
                sb.append((char) c);
                pos++;
            } else {
                utf8(sb, c);
            }
        }
    }

    private void escape(StringBuilder sb) {
        if (pos + 1 >= b.length) {
            throw error("unterminated escape");
        }
        char e = (char) b[pos + 1];
        pos += 2;
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (pos + 4 > b.length) {
                    throw error("truncated \\u escape");
                }
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = Percent.hex((char) b[pos + i]);
                    if (h < 0) {
                        throw error("bad hex digit in a \\u escape");
                    }
                    v = v << 4 | h;
                }
                pos += 4;
                sb.append((char) v); // a lone surrogate is allowed by RFC 8259's grammar (§8.2), as Jackson allows it
            }
            default -> {
                pos -= 2;
                throw error("invalid escape");
            }
        }
    }

    private void utf8(StringBuilder sb, int lead) {
        int need;
        int cp;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            need = 1; cp = lead & 0x1F; min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            need = 2; cp = lead & 0x0F; min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            need = 3; cp = lead & 0x07; min = 0x10000;
        } else {
            throw error("invalid UTF-8 lead byte 0x" + Integer.toHexString(lead));
        }
        if (pos + need >= b.length) {
            throw error("truncated UTF-8 sequence");
        }
        for (int i = 1; i <= need; i++) {
            int c = b[pos + i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                throw error("invalid UTF-8 continuation byte");
            }
            cp = cp << 6 | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw error("invalid UTF-8 sequence (overlong, surrogate or out of range)");
        }
        sb.appendCodePoint(cp);
        pos += need + 1;
    }

    private Object number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos == b.length || b[pos] < '0' || b[pos] > '9') {
            throw error("a digit must follow '-'");
        }
        if (b[pos] == '0') {
            pos++;
            if (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                throw error("leading zero");
            }
        } else {
            digits();
        }
        boolean integral = true;
        if (pos < b.length && b[pos] == '.') {
            integral = false;
            pos++;
            if (digits() == 0) {
                throw error("a digit must follow '.'");
            }
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("a digit must follow the exponent");
            }
        }
        int len = pos - start;
        if (len > MAX_NUMBER) {
            pos = start;
            throw error("number longer than " + MAX_NUMBER + " characters");
        }
        String text = new String(b, start, len, StandardCharsets.ISO_8859_1);
        if (integral) {
            if (len <= 18) {
                return Long.parseLong(text);
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (bigDecimals) {
            return new BigDecimal(text);
        }
        double d = Double.parseDouble(text);
        return Double.isInfinite(d) ? new BigDecimal(text) : (Object) d;
    }

    private int digits() {
        int start = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }
}
