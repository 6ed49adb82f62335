package io.jasyncio.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} bodies (WHATWG URL §5): the encoding HTML forms use
 * by default. Parsing and encoding follow {@link QueryParams}, which holds the result.
 *
 * <p>For {@code multipart/form-data} see {@link MultipartParser}. Unlike aiohttp's
 * {@code request.post()}, which reads the body itself, these work on bytes already read: the
 * server's {@code Request} reads the body (with its size limit) and calls {@link #parse}.
 */
public final class FormData {
    /** The media type, {@code application/x-www-form-urlencoded}. */
    public static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private FormData() {
    }

    /**
     * Parses a form body whose escapes encode UTF-8, up to {@link QueryParams#DEFAULT_MAX_PARAMS}
     * fields.
     *
     * @throws IllegalArgumentException on more fields than that
     */
    public static QueryParams parse(byte[] body) {
        return parse(body, StandardCharsets.UTF_8, QueryParams.DEFAULT_MAX_PARAMS);
    }

    /**
     * Parses a form body whose escapes (and raw non-ASCII bytes) encode {@code charset}, the
     * charset parameter of its Content-Type if any (browsers send none and mean UTF-8).
     *
     * @throws IllegalArgumentException on more than {@code maxFields} fields
     */
    public static QueryParams parse(byte[] body, Charset charset, int maxFields) {
        // Raw non-ASCII bytes are percent-encoded first so that Percent.decode keeps them as bytes
        // and decodes them with the escapes, in one pass, in the body's charset.
        StringBuilder sb = null;
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xFF;
            if (b >= 0x80 && sb == null) {
                sb = new StringBuilder(body.length + 16).append(new String(body, 0, i, StandardCharsets.ISO_8859_1));
            }
            if (sb != null) {
                if (b >= 0x80) {
                    sb.append('%').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
                } else {
                    sb.append((char) b);
                }
            }
        }
        String text = sb != null ? sb.toString() : new String(body, StandardCharsets.ISO_8859_1);
        return QueryParams.parse(text, charset, maxFields);
    }

    /** Encodes {@code fields} as a UTF-8 form body. */
    public static byte[] encode(QueryParams fields) {
        return fields.encode(StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII);
    }
}
