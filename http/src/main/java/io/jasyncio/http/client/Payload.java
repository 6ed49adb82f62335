package io.jasyncio.http.client;

import io.jasyncio.http.ContentType;
import io.jasyncio.http.FormData;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.QueryParams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The content of a request: its length when known, its media type, and how to write it. A body
 * that is {@linkplain #replayable() replayable} can be written more than once, which a retry on a
 * stale keep-alive connection and a 307/308 redirect need; a streamed one cannot.
 *
 * <p>The static factories cover aiohttp's {@code data=}/{@code json=} forms:
 * {@snippet :
 * session.post("/upload", Payload.bytes(data, "application/octet-stream"));
 * session.post("/notes", Payload.text("hello"));                        // text/plain; charset=utf-8
 * session.post("/login", Payload.form(Map.of("user", "ann")));          // application/x-www-form-urlencoded
 * session.post("/users", Payload.json(new User("ann", 7)));             // the session's JsonCodec
 * session.post("/files", Payload.multipart().field("note", "x").file("doc", Path.of("a.pdf")).build());
 * session.put("/big", Payload.file(Path.of("big.iso")));                // streamed from disk
 * session.post("/feed", Payload.stream(generator));                     // sent chunked as produced
 * }
 */
public interface Payload {
    /** The length in bytes, or -1 when unknown (the request is then sent chunked). */
    long length();

    /** The {@code Content-Type} to send, or null for none. */
    String contentType();

    /** Whether {@link #writeTo} may be called again after a first call. */
    boolean replayable();

    /**
     * Writes the content to {@code sink}, suspending while the connection applies backpressure.
     *
     * @throws IOException when the content cannot be read or the connection fails
     */
    void writeTo(PayloadSink sink) throws IOException;

    /**
     * {@code data} as {@code application/octet-stream}; replayable. The array is sent as it is
     * when the request goes out, not copied: do not change it meanwhile.
     */
    static Payload bytes(byte[] data) {
        return new BytesBody(data, ContentType.OCTET_STREAM.toString());
    }

    /** {@code data} with the given {@code Content-Type} (null: none); replayable, not copied. */
    static Payload bytes(byte[] data, String contentType) {
        return new BytesBody(data, contentType);
    }

    /** {@code text} as UTF-8 {@code text/plain; charset=utf-8}; replayable. */
    static Payload text(String text) {
        return new BytesBody(text.getBytes(StandardCharsets.UTF_8), ContentType.TEXT_PLAIN_UTF8.toString());
    }

    /**
     * {@code text} encoded with the charset {@code contentType} names (UTF-8 when it names none,
     * and then the charset is added to the header); replayable.
     *
     * @throws IllegalArgumentException if {@code contentType} does not parse or names an unknown charset
     */
    static Payload text(String text, String contentType) {
        ContentType type = ContentType.parse(contentType);
        Charset charset = type.charset().orElse(null);
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
            type = type.withCharset(charset);
        }
        return new BytesBody(text.getBytes(charset), type.toString());
    }

    /** {@code fields} form-encoded as UTF-8, {@code application/x-www-form-urlencoded}; replayable. */
    static Payload form(QueryParams fields) {
        return new BytesBody(FormData.encode(fields), FormData.MEDIA_TYPE);
    }

    /** {@link #form(QueryParams)} from a map, in the map's iteration order. */
    static Payload form(Map<String, String> fields) {
        QueryParams.Builder b = QueryParams.builder();
        fields.forEach(b::add);
        return form(b.build());
    }

    /**
     * {@code value} as {@code application/json}, encoded when the request is sent with the
     * session's {@link JsonCodec} ({@link JsonCodec#defaultCodec()} unless the builder set one);
     * replayable.
     */
    static Payload json(Object value) {
        return new JsonBody(value, null);
    }

    /** {@code value} as {@code application/json} encoded now with {@code codec}; replayable. */
    static Payload json(Object value, JsonCodec codec) {
        return new JsonBody(value, codec).encode(codec);
    }

    /**
     * The file at {@code path} as {@code application/octet-stream}, streamed from disk: read in
     * pieces on a worker thread ({@link io.jasyncio.Asyncio#toThread}) so a slow disk does not
     * hold the loop, and sent as the connection takes it. The length is the file's size now;
     * replayable (each write reads the file again).
     *
     * @throws IOException if the file cannot be read now
     */
    static Payload file(Path path) throws IOException {
        return FileBody.of(path, ContentType.OCTET_STREAM.toString());
    }

    /** {@link #file(Path)} with the given {@code Content-Type}. */
    static Payload file(Path path, String contentType) throws IOException {
        return FileBody.of(path, contentType);
    }

    /**
     * The buffers {@code source} yields, sent chunked as they come, for an
     * {@link io.jasyncio.AsyncGenerator} or any iterable whose {@code hasNext}/{@code next}
     * may suspend (aiohttp takes an async generator as {@code data}). Each buffer is written
     * before the next is asked for, so a producer faster than the connection is paused by
     * backpressure. Not replayable: a redirect that must resend it (307/308) fails instead. A
     * source that is {@link AutoCloseable} is closed when the body was written or failed.
     */
    static Payload stream(Iterable<ByteBuffer> source) {
        return new StreamBody(source, -1, ContentType.OCTET_STREAM.toString());
    }

    /**
     * {@link #stream(Iterable)} with a known {@code length} (sent as {@code Content-Length};
     * the request fails if the source yields more or fewer bytes) and a {@code Content-Type}.
     */
    static Payload stream(Iterable<ByteBuffer> source, long length, String contentType) {
        return new StreamBody(source, length, contentType);
    }

    /**
     * A builder of a {@code multipart/form-data} body (RFC 7578) of text fields and files:
     * aiohttp's {@code FormData} with files, or {@code MultipartWriter}.
     */
    static MultipartBody.Builder multipart() {
        return MultipartBody.builder();
    }
}
