package io.jasyncio.http;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** {@link SimpleJsonCodec}'s encoder: one use, straight to UTF-8 bytes. */
final class JsonWriter {
    /* Implementation notes: strings are written char by char into the byte buffer, escaping what
     * RFC 8259 §7 requires (quote, backslash, C0 controls) and lone surrogates (as \\uXXXX, so the
     * output stays valid UTF-8 where String.getBytes would write '?'). Depth is bounded, which is
     * also what stops a self-referencing collection. */
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final int maxDepth;
    private byte[] buf = new byte[128];
    private int n;

    JsonWriter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    byte[] write(Object value) {
        value(value, 0);
        return Arrays.copyOf(buf, n);
    }

    private void value(Object v, int depth) {
        if (depth > maxDepth) {
            throw new JsonException("nesting deeper than " + maxDepth + " levels (a reference cycle?)");
        }
        switch (v) {
            case null -> raw("null");
            case String s -> string(s);
            case Boolean b -> raw(b ? "true" : "false");
            case Integer i -> raw(i.toString());
            case Long l -> raw(l.toString());
            case Short s -> raw(s.toString());
            case Byte b -> raw(b.toString());
            case Double d -> finite(d, d.toString());
            case Float f -> finite(f, f.toString());
            case BigInteger bi -> raw(bi.toString());
            case BigDecimal bd -> raw(bd.toString());
            case AtomicInteger ai -> raw(Integer.toString(ai.get()));
            case AtomicLong al -> raw(Long.toString(al.get()));
            case Character c -> string(c.toString());
            case CharSequence cs -> string(cs.toString());
            case Enum<?> e -> string(e.name());
            case Optional<?> o -> value(o.orElse(null), depth);
            case Map<?, ?> m -> object(m, depth);
            case Iterable<?> it -> {
                put(b('['));
                boolean first = true;
                for (Object e : it) {
                    if (!first) {
                        put(b(','));
                    }
                    first = false;
                    value(e, depth + 1);
                }
                put(b(']'));
            }
            case byte[] bytes -> string(Base64.getEncoder().encodeToString(bytes));
            case Record r -> record(r, depth);
            case UUID u -> string(u.toString());
            case java.time.temporal.TemporalAccessor t -> string(t.toString());
            case java.time.Duration d -> string(d.toString());
            case java.net.URI u -> string(u.toString());
            default -> {
                if (!v.getClass().isArray()) {
                    throw new JsonException("cannot encode a " + v.getClass().getName()
                            + " as JSON: SimpleJsonCodec takes maps, iterables, arrays, records, strings, numbers,"
                            + " booleans, enums, Optional and null (use JacksonJsonCodec for beans)");
                }
                int len = Array.getLength(v);
                put(b('['));
                for (int i = 0; i < len; i++) {
                    if (i > 0) {
                        put(b(','));
                    }
                    value(Array.get(v, i), depth + 1);
                }
                put(b(']'));
            }
        }
    }

    private static byte b(char c) {
        return (byte) c;
    }

    private void finite(double d, String text) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new JsonException("JSON has no " + text + " (RFC 8259 §6)");
        }
        raw(text);
    }

    private void object(Map<?, ?> m, int depth) {
        put(b('{'));
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            if (!(k instanceof String || k instanceof Number || k instanceof Boolean || k instanceof Enum<?>
                    || k instanceof Character || k instanceof UUID)) {
                throw new JsonException("cannot use a " + (k == null ? "null" : k.getClass().getName()) + " as a JSON object key");
            }
            if (!first) {
                put(b(','));
            }
            first = false;
            string(k instanceof Enum<?> en ? en.name() : k.toString());
            put(b(':'));
            value(e.getValue(), depth + 1);
        }
        put(b('}'));
    }

    private void record(Record r, int depth) {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        put(b('{'));
        for (int i = 0; i < comps.length; i++) {
            if (i > 0) {
                put(b(','));
            }
            string(comps[i].getName());
            put(b(':'));
            value(JsonBinder.component(r, comps[i]), depth + 1);
        }
        put(b('}'));
    }

    private void string(String s) {
        ensure(s.length() * 3 + 2);
        buf[n++] = '"';
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[n++] = (byte) c;
                    continue;
                }
                ensure((len - i) * 3 + 7); // the escape's 6 bytes, and keep the room reserved for the rest
                buf[n++] = '\\';
                switch (c) {
                    case '"' -> buf[n++] = '"';
                    case '\\' -> buf[n++] = '\\';
                    case '\n' -> buf[n++] = 'n';
                    case '\r' -> buf[n++] = 'r';
                    case '\t' -> buf[n++] = 't';
                    case '\b' -> buf[n++] = 'b';
                    case '\f' -> buf[n++] = 'f';
                    default -> unicodeEscape(c);
                }
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xC0 | c >> 6);
                buf[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[n++] = (byte) (0xF0 | cp >> 18);
                    buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buf[n++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    ensure((len - i) * 3 + 7);
                    buf[n++] = '\\';
                    unicodeEscape(c);
                }
            } else {
                buf[n++] = (byte) (0xE0 | c >> 12);
                buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        ensure(1);
        buf[n++] = '"';
    }

    private void unicodeEscape(char c) {
        buf[n++] = 'u';
        buf[n++] = HEX[c >> 12 & 0xF];
        buf[n++] = HEX[c >> 8 & 0xF];
        buf[n++] = HEX[c >> 4 & 0xF];
        buf[n++] = HEX[c & 0xF];
    }

    private void raw(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[n++] = (byte) s.charAt(i);
        }
    }

    private void put(byte c) {
        ensure(1);
        buf[n++] = c;
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }
}
