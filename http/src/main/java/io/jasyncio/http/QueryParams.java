package io.jasyncio.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Query-string parameters: an immutable, ordered multimap of decoded names to decoded values,
 * keeping repeated names as separate entries (aiohttp's {@code request.query}, a
 * {@code MultiDictProxy}). Names are case-sensitive.
 *
 * <p>{@link #parse} reads the {@code application/x-www-form-urlencoded} syntax of the WHATWG URL
 * standard, which browsers use for both query strings and form bodies: pairs split on {@code &},
 * name and value on the first {@code =}, {@code +} as a space, {@code %XX} escapes decoded as
 * UTF-8. It is lenient as browsers are: empty pairs are skipped, a pair without {@code =} has the
 * value {@code ""}, a {@code %} not followed by two hex digits stays literal and bytes that are
 * not UTF-8 become U+FFFD. Unlike Python's {@code parse_qsl}, {@code ;} is not a separator and
 * blank values are kept by default. {@link #encode} writes the same syntax back.
 *
 * {@snippet :
 * QueryParams q = QueryParams.parse("tag=a&tag=b&page=2&q=hello+world");
 * q.getAll("tag");        // [a, b]
 * q.getInt("page", 1);    // 2
 * q.get("q");             // "hello world"
 * }
 */
public final class QueryParams implements Iterable<Map.Entry<String, String>> {
    /** No parameters. */
    public static final QueryParams EMPTY = new QueryParams(List.of(), List.of());
    /** The most pairs {@link #parse(String)} accepts, against hash-flooding and memory abuse (as Tomcat's maxParameterCount). */
    public static final int DEFAULT_MAX_PARAMS = 10_000;

    private final List<String> names;
    private final List<String> values;

    private QueryParams(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    /**
     * Parses a query string (without the leading {@code ?}) as UTF-8, up to
     * {@link #DEFAULT_MAX_PARAMS} pairs.
     *
     * @throws IllegalArgumentException if there are more pairs than that
     */
    public static QueryParams parse(String query) {
        return parse(query, StandardCharsets.UTF_8, DEFAULT_MAX_PARAMS);
    }

    /**
     * Parses a query string or form body whose escapes encode {@code charset}.
     *
     * @param query the text after {@code ?}, or a form body decoded as ISO-8859-1 or ASCII
     * @param maxParams the most pairs accepted
     * @throws IllegalArgumentException if there are more than {@code maxParams} pairs
     */
    public static QueryParams parse(String query, Charset charset, int maxParams) {
        Objects.requireNonNull(charset, "charset");
        if (query == null || query.isEmpty()) {
            return EMPTY;
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int len = query.length();
        int start = 0;
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                if (names.size() == maxParams) {
                    throw new IllegalArgumentException("more than " + maxParams + " query parameters");
                }
                int eq = query.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                names.add(Percent.decode(query, start, nameEnd, true, charset));
                values.add(nameEnd == end ? "" : Percent.decode(query, nameEnd + 1, end, true, charset));
            }
            start = end + 1;
        }
        return new QueryParams(Collections.unmodifiableList(names), Collections.unmodifiableList(values));
    }

    /** Parameters from alternating names and values: {@code QueryParams.of("a", "1", "b", "2")}. */
    public static QueryParams of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: odd count " + namesAndValues.length);
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** A builder for parameters to encode. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters, to add to or change. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.names.addAll(names);
        b.values.addAll(values);
        return b;
    }

    /** The value of the first parameter named {@code name}, or null. */
    public String get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** The value of the first parameter named {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}, in order; empty if none. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /**
     * The first value of {@code name} as an {@code int}, or {@code fallback} if absent.
     *
     * @throws IllegalArgumentException if present but not a decimal int (aiohttp leaves the
     *     conversion to the caller; a server maps this to 400)
     */
    public int getInt(String name, int fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter " + name + " is not an integer: \"" + v + "\"", e);
        }
    }

    /**
     * The first value of {@code name} as a {@code long}, or {@code fallback} if absent.
     *
     * @throws IllegalArgumentException if present but not a decimal long
     */
    public long getLong(String name, long fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter " + name + " is not an integer: \"" + v + "\"", e);
        }
    }

    /**
     * The first value of {@code name} as a boolean, or {@code fallback} if absent:
     * {@code true/1/yes/on} and {@code false/0/no/off}, case-insensitive.
     *
     * @throws IllegalArgumentException if present but none of those
     */
    public boolean getBoolean(String name, boolean fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("query parameter " + name + " is not a boolean: \"" + v + "\"");
        };
    }

    /** Whether a parameter named {@code name} is present. */
    public boolean contains(String name) {
        return names.contains(name);
    }

    /** The distinct names, in order of first appearance. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** The number of pairs, repeated names counted each time. */
    public int size() {
        return names.size();
    }

    /** Whether there are no pairs. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The pairs in order. */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            entries.add(Map.entry(names.get(i), values.get(i)));
        }
        return entries.iterator();
    }

    /** The pairs form-encoded as UTF-8 ({@code a=1&b=x+y}), without a leading {@code ?}. */
    public String encode() {
        return encode(StandardCharsets.UTF_8);
    }

    /** The pairs form-encoded with {@code charset}: alphanumerics and {@code *-._} as is, space as {@code +}, the rest {@code %XX}. */
    public String encode(Charset charset) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            Percent.formEncode(sb, names.get(i), charset);
            sb.append('=');
            Percent.formEncode(sb, values.get(i), charset);
        }
        return sb.toString();
    }

    /** Equal when both hold the same pairs in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof QueryParams q && q.names.equals(names) && q.values.equals(values);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + values.hashCode();
    }

    /** The pairs, encoded, for logs. */
    @Override
    public String toString() {
        return "QueryParams{" + encode() + "}";
    }

    /** Collects pairs for {@link QueryParams}; not thread-safe. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Builder() {
        }

        /** Appends a pair, keeping others of the same name. */
        public Builder add(String name, String value) {
            names.add(Objects.requireNonNull(name, "name"));
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces every pair named {@code name} with one, at the position of the first (or at the end). */
        public Builder set(String name, String value) {
            Objects.requireNonNull(value, "value");
            int first = names.indexOf(name);
            if (first < 0) {
                return add(name, value);
            }
            values.set(first, value);
            for (int i = names.size() - 1; i > first; i--) {
                if (names.get(i).equals(name)) {
                    names.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /** Removes every pair named {@code name}. */
        public Builder remove(String name) {
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equals(name)) {
                    names.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /** The parameters collected so far; the builder may go on being used. */
        public QueryParams build() {
            return names.isEmpty() ? EMPTY : new QueryParams(List.copyOf(names), List.copyOf(values));
        }
    }
}
