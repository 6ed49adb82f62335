package io.jasyncio.http;

/**
 * A small, dependency-free JSON codec: strict RFC 8259 decoding with depth and size limits, and
 * encoding of the values web handlers return.
 *
 * <p><b>Encoding</b> takes {@code null}, strings and other {@code CharSequence}s, characters,
 * booleans, numbers ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double},
 * {@code Float}, {@code BigInteger}, {@code BigDecimal}, atomics; NaN and infinities are
 * refused), enums (by name), {@code Optional} (its value or null), maps (keys written with
 * {@code toString}; strings, numbers, booleans, enums, characters and UUIDs only), iterables,
 * arrays, {@code byte[]} (as base64, as Jackson does), records (an object of their components,
 * in declaration order), UUIDs, URIs and {@code java.time} values (their {@code toString}).
 * Strings are escaped as RFC 8259 §7 requires, and lone surrogates as {@code \\uXXXX} so the
 * output is always valid UTF-8. Anything else, and nesting deeper than the limit (which is what
 * a reference cycle becomes), throws {@link JsonException}.
 *
 * <p><b>Decoding</b> gives {@code LinkedHashMap} for objects, {@code ArrayList} for arrays,
 * {@code String}, {@code Long} for integers that fit ({@code BigInteger} beyond), {@code Double}
 * for other numbers ({@code BigDecimal} when asked for, or when a double would overflow),
 * {@code Boolean} and null. It is strict where Python's {@code json} module (which aiohttp
 * uses) is lenient: no {@code NaN}/{@code Infinity}, no byte-order mark, no trailing commas or
 * data, no invalid UTF-8, and <b>a repeated object key is an error</b> (Python and Jackson keep
 * the last, which lets two parsers of one document disagree). Numbers are at most 1000
 * characters long. {@link #decode(byte[], Class)} also fills records by component name
 * (unknown names are an error, as in Jackson's default; a missing component is null, or an
 * error for a primitive, where Jackson would use 0), enums by name, boxed and primitive numbers
 * (range-checked), arrays and generic {@code List}, {@code Set}, {@code Map<String, V>} and
 * {@code Optional} components. Beans with setters are not supported: use
 * {@link JacksonJsonCodec}.
 *
 * <p>Thread-safe: each call uses its own reader or writer.
 */
public final class SimpleJsonCodec implements JsonCodec {
    /** The default nesting limit, on both encode and decode (Jackson's default is 1000; Python's is the recursion limit). */
    public static final int DEFAULT_MAX_DEPTH = 512;
    /** The default input size limit for {@link #decode}: 16 MiB. */
    public static final int DEFAULT_MAX_BYTES = 16 << 20;

    private final int maxDepth;
    private final int maxBytes;
    private final boolean bigDecimals;

    /** A codec with the default limits, decoding fractions to {@code Double}. */
    public SimpleJsonCodec() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_BYTES, false);
    }

    /**
     * A codec with its own limits.
     *
     * @param maxDepth the deepest nesting of arrays and objects accepted
     * @param maxBytes the largest input {@link #decode} accepts
     * @param bigDecimals decode numbers with a fraction or exponent as {@code BigDecimal}, exactly
     * @throws IllegalArgumentException if a limit is below 1
     */
    public SimpleJsonCodec(int maxDepth, int maxBytes, boolean bigDecimals) {
        if (maxDepth < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: maxDepth " + maxDepth + ", maxBytes " + maxBytes);
        }
        this.maxDepth = maxDepth;
        this.maxBytes = maxBytes;
        this.bigDecimals = bigDecimals;
    }

    /**
     * {@inheritDoc}
     *
     * @throws JsonException for a type this codec does not encode (see the class notes), a
     *     non-finite double, a bad map key, or nesting deeper than the limit
     */
    @Override
    public byte[] encode(Object value) {
        return new JsonWriter(maxDepth).write(value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws JsonException if the input is larger than the limit, is not strict RFC 8259 JSON,
     *     nests deeper than the limit, or does not fit {@code type}; the message gives the byte
     *     offset or the path of the value that does not fit
     */
    @Override
    public <T> T decode(byte[] json, Class<T> type) {
        if (json.length > maxBytes) {
            throw new JsonException("JSON input of " + json.length + " bytes exceeds the limit of " + maxBytes);
        }
        Object v = new JsonReader(json, maxDepth, bigDecimals).readDocument();
        Object converted = JsonBinder.convert(v, type, "$");
        @SuppressWarnings("unchecked")
        T t = type.isPrimitive() ? (T) converted : type.cast(converted);
        return t;
    }
}
