package io.jasyncio.http;

import java.nio.charset.StandardCharsets;

/**
 * Converts between Java values and JSON (RFC 8259) bytes, always UTF-8. The server's JSON
 * helpers go through this interface, so an application picks its JSON library once
 * (aiohttp takes a {@code dumps}/{@code loads} function per call instead).
 *
 * <p>Two implementations ship: {@link SimpleJsonCodec}, built in, which maps JSON to maps,
 * lists, strings, numbers, booleans and null and back, plus records; and
 * {@link JacksonJsonCodec}, which needs {@code com.fasterxml.jackson.databind} at run time.
 * {@link #defaultCodec()} picks Jackson when it is there. Implementations are thread-safe.
 */
public interface JsonCodec {
    /**
     * Encodes {@code value} as UTF-8 JSON.
     *
     * @throws JsonException if the value (or something inside it) cannot be represented
     */
    byte[] encode(Object value);

    /**
     * Decodes UTF-8 JSON into a {@code type}: {@code Object.class} gives the codec's natural
     * mapping (maps, lists, strings, numbers, booleans, null).
     *
     * @throws JsonException if the bytes are not JSON, exceed the codec's limits or do not fit
     *     {@code type}
     */
    <T> T decode(byte[] json, Class<T> type);

    /**
     * Decodes UTF-8 JSON to maps, lists, strings, numbers, booleans and null.
     *
     * @throws JsonException as {@link #decode(byte[], Class)}
     */
    default Object decode(byte[] json) {
        return decode(json, Object.class);
    }

    /**
     * Encodes {@code value} as a JSON string.
     *
     * @throws JsonException as {@link #encode}
     */
    default String encodeToString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /**
     * The codec to use when the application names none: a {@link JacksonJsonCodec} with a
     * default {@code ObjectMapper} when Jackson's databind classes can be loaded, else a
     * {@link SimpleJsonCodec} with its default limits. Decided once.
     *
     * <p>On the module path Jackson counts only if its module is resolved (this module
     * {@code requires static} it, which does not resolve it by itself: run with
     * {@code --add-modules com.fasterxml.jackson.databind}, or have another module require it).
     */
    static JsonCodec defaultCodec() {
        return DefaultCodec.INSTANCE;
    }
}

/** Holds the lazily chosen default, so the check and Jackson's loading happen at most once. */
final class DefaultCodec {
    static final JsonCodec INSTANCE = choose();

    private DefaultCodec() {
    }

    private static JsonCodec choose() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, DefaultCodec.class.getClassLoader());
            return new JacksonJsonCodec();
        } catch (ClassNotFoundException | LinkageError e) {
            return new SimpleJsonCodec();
        }
    }
}
