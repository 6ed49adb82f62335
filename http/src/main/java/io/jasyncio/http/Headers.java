package io.jasyncio.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * HTTP header (or trailer) fields: an ordered, case-insensitive multimap that keeps repeated
 * fields as separate entries, in the order they arrived or were added, with their names' case
 * as given. Like aiohttp's {@code CIMultiDict}.
 *
 * <p>Not thread-safe; a request's headers belong to the task handling it. {@link #add} and
 * {@link #set} check names (RFC 9110 tokens) and values (no CR, LF, NUL or other controls), so
 * a header built here cannot split a response.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    private String[] names;
    private String[] values;
    private int size;

    /** An empty set of fields. */
    public Headers() {
        this(8);
    }

    /** An empty set of fields with room for {@code capacity} before it grows. */
    public Headers(int capacity) {
        names = new String[Math.max(capacity, 1)];
        values = new String[names.length];
    }

    /**
     * Fields from alternating names and values: {@code Headers.of("Content-Type", "text/plain")}.
     *
     * @throws IllegalArgumentException on an odd count, a bad name or a bad value
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: odd count " + namesAndValues.length);
        }
        Headers h = new Headers(Math.max(namesAndValues.length / 2, 1));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /**
     * Appends a field, keeping any others of the same name.
     *
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds a
     *     control character (CR, LF, NUL, ...) or a char above 0xFF
     */
    public Headers add(String name, String value) {
        if (!Tokens.isToken(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("not a header field name: \"" + name + "\"");
        }
        if (!Tokens.isFieldValue(Objects.requireNonNull(value, "value"))) {
            throw new IllegalArgumentException("header " + name + ": value holds a control character or a char above 0xFF");
        }
        return addUnchecked(name, value);
    }

    /**
     * Appends a field the caller has already validated (the codec, which checks every byte as it
     * parses). Not for applications: {@link #add} checks.
     */
    public Headers addUnchecked(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /**
     * Replaces every field named {@code name} with one field, at the position of the first.
     *
     * @throws IllegalArgumentException as {@link #add}
     */
    public Headers set(String name, String value) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return add(name, value);
        }
        if (!Tokens.isFieldValue(Objects.requireNonNull(value, "value"))) {
            throw new IllegalArgumentException("header " + name + ": value holds a control character or a char above 0xFF");
        }
        values[first] = value;
        removeFrom(name, first + 1);
        return this;
    }

    /** Removes every field named {@code name}; returns how many there were. */
    public int remove(String name) {
        return removeFrom(name, 0);
    }

    private int removeFrom(String name, int from) {
        int w = from;
        int removed = 0;
        for (int r = from; r < size; r++) {
            if (asciiEqualsIgnoreCase(names[r], name)) {
                removed++;
            } else {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
        return removed;
    }

    /** The value of the first field named {@code name}, or null. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values[i];
    }

    /** The value of the first field named {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** The values of every field named {@code name}, in order; empty if none. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            out.add(values[i]);
        }
        return out;
    }

    /** How many fields are named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            n++;
        }
        return n;
    }

    /** Whether a field named {@code name} is present. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** The number of fields, repeated ones counted each time. */
    public int size() {
        return size;
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The name of the {@code i}th field as given.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
     */
    public String name(int i) {
        Objects.checkIndex(i, size);
        return names[i];
    }

    /**
     * The value of the {@code i}th field.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
     */
    public String value(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            String n = names[i];
            if (n == name || asciiEqualsIgnoreCase(n, name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Field names are ASCII tokens, so case folds only A-Z: String.equalsIgnoreCase would also
     * match U+212A KELVIN SIGN to "k" and U+017F to "s", letting a name that is not the token
     * alias one that is, and disagree with hashCode's lower-casing.
     */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                int lower = x | 0x20;
                if (lower != (y | 0x20) || lower < 'a' || lower > 'z') {
                    return false;
                }
            }
        }
        return true;
    }

    private static int asciiLowerHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return h;
    }

    /** The fields in order, as name-value entries (the entries are read-only). */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, String> e = Map.entry(names[i], values[i]);
                i++;
                return e;
            }
        };
    }

    /** A copy that later changes to either do not affect. */
    public Headers copy() {
        Headers h = new Headers(Math.max(size, 1));
        System.arraycopy(names, 0, h.names, 0, size);
        System.arraycopy(values, 0, h.values, 0, size);
        h.size = size;
        return h;
    }

    /** Equal when both hold the same fields in the same order, names compared ASCII-case-insensitively. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers h) || h.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!asciiEqualsIgnoreCase(names[i], h.names[i]) || !values[i].equals(h.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + asciiLowerHash(names[i]) * 17 + values[i].hashCode();
        }
        return h;
    }

    /** The fields as {@code Name: value} lines, for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }
}
