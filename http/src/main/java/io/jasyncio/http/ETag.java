package io.jasyncio.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An entity tag (RFC 9110 §8.8.3): an opaque quoted string, weak when prefixed by {@code W/}, and
 * the comparisons that {@code If-Match} (strong) and {@code If-None-Match} (weak) use (§13.1.1-2).
 *
 * <p>aiohttp has {@code ETag} too, and matches If-None-Match weakly as here; this also parses
 * the lists strictly: a list element that is not a valid entity tag makes the whole header
 * invalid, and an invalid header never matches (so a conditional GET falls back to 200 and a
 * conditional update to 412).
 *
 * @param opaque the tag's characters between the quotes
 * @param weak whether it is a weak validator
 */
public record ETag(String opaque, boolean weak) {
    /**
     * A tag.
     *
     * @throws IllegalArgumentException if {@code opaque} holds a char that an etagc does not
     *     allow (a double quote, space, control or DEL)
     */
    public ETag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            if (!isEtagc(opaque.charAt(i))) {
                throw new IllegalArgumentException("not an entity-tag char at " + i + ": \"" + opaque + "\"");
            }
        }
    }

    /** A strong tag. */
    public static ETag strong(String opaque) {
        return new ETag(opaque, false);
    }

    /** A weak tag. */
    public static ETag weak(String opaque) {
        return new ETag(opaque, true);
    }

    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /**
     * Parses one entity tag: {@code "xyz"} or {@code W/"xyz"}.
     *
     * @throws IllegalArgumentException if {@code text} is not exactly one entity tag
     */
    public static ETag parse(String text) {
        List<ETag> out = new ArrayList<>(1);
        int end = read(text, HeaderParams.skipOws(text, 0), out);
        if (end < 0 || HeaderParams.skipOws(text, end) != text.length()) {
            throw new IllegalArgumentException("not an entity tag: " + text);
        }
        return out.get(0);
    }

    /** Reads a tag at {@code i} into {@code out}; returns the index after it, or -1. */
    private static int read(String s, int i, List<ETag> out) {
        boolean weak = s.startsWith("W/", i);
        if (weak) {
            i += 2;
        }
        if (i >= s.length() || s.charAt(i) != '"') {
            return -1;
        }
        int close = s.indexOf('"', i + 1);
        if (close < 0) {
            return -1;
        }
        for (int k = i + 1; k < close; k++) {
            if (!isEtagc(s.charAt(k))) {
                return -1;
            }
        }
        out.add(new ETag(s.substring(i + 1, close), weak));
        return close + 1;
    }

    /**
     * Parses an {@code If-Match}/{@code If-None-Match} value: {@code *} or a comma-separated
     * list of tags.
     *
     * @return the tags; {@code null} for {@code *}
     * @throws IllegalArgumentException if the value is neither
     */
    public static List<ETag> parseList(String header) {
        String t = header.strip();
        if (t.equals("*")) {
            return null;
        }
        List<ETag> out = new ArrayList<>();
        int i = 0;
        while (true) {
            i = HeaderParams.skipOws(t, i);
            while (i < t.length() && t.charAt(i) == ',') {
                i = HeaderParams.skipOws(t, i + 1);
            }
            if (i == t.length()) {
                break;
            }
            i = read(t, i, out);
            if (i < 0) {
                throw new IllegalArgumentException("not an entity-tag list: " + header);
            }
            i = HeaderParams.skipOws(t, i);
            if (i < t.length() && t.charAt(i) != ',') {
                throw new IllegalArgumentException("not an entity-tag list: " + header);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty entity-tag list");
        }
        return List.copyOf(out);
    }

    /** Strong comparison: both strong and the same opaque tag. */
    public boolean strongMatch(ETag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison: the same opaque tag, weakness ignored. */
    public boolean weakMatch(ETag other) {
        return opaque.equals(other.opaque);
    }

    /**
     * Whether an {@code If-None-Match} value matches a current representation tagged
     * {@code current} (weak comparison; {@code *} matches any existing representation). A match
     * means 304 for GET/HEAD and 412 otherwise.
     *
     * @param current the representation's tag, or null when it has none / does not exist
     * @return false also when the header is null or malformed
     */
    public static boolean noneMatchHits(String header, ETag current) {
        if (header == null || current == null) {
            return false;
        }
        try {
            List<ETag> tags = parseList(header);
            return tags == null || tags.stream().anyMatch(current::weakMatch);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether an {@code If-Match} value matches (strong comparison; {@code *} matches any
     * existing representation). No match means 412.
     *
     * @param current the representation's tag, or null when it has none / does not exist
     * @return false also when the header is malformed; true when it is null (no condition)
     */
    public static boolean matchHolds(String header, ETag current) {
        if (header == null) {
            return true;
        }
        if (current == null) {
            return false;
        }
        try {
            List<ETag> tags = parseList(header);
            return tags == null || tags.stream().anyMatch(current::strongMatch);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The tag as a header value: {@code "xyz"} or {@code W/"xyz"}. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }
}
