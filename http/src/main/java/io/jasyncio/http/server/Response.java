package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.SetCookie;
import io.jasyncio.http.Status;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a handler answers: a status, header fields and a {@link ResponseBody}. The server adds
 * {@code Content-Length} or {@code Transfer-Encoding}, {@code Date}, {@code Server} and
 * {@code Connection}, and sends no body for HEAD (with the same length headers as GET).
 */
public final class Response {
    private static final ResponseBody EMPTY = new ResponseBody.Empty();

    private int status;
    private final Headers headers;
    private ResponseBody body;

    /**
     * A response with {@code status}, no header fields and no body.
     *
     * @throws IllegalArgumentException unless {@code status} is in 100..999
     */
    public Response(int status) {
        Status.reason(status);
        this.status = status;
        this.headers = new Headers();
        this.body = EMPTY;
    }

    /** 200 with {@code text} as {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return text(Status.OK, text);
    }

    /** {@code status} with {@code text} as {@code text/plain; charset=utf-8}. */
    public static Response text(int status, String text) {
        return inMemory(status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** {@code status} with {@code data} (not copied: do not change it after) as {@code contentType}. */
    public static Response bytes(int status, byte[] data, String contentType) {
        Response r = new Response(status);
        r.headers.set("Content-Type", contentType);
        r.body = new ResponseBody.Bytes(ByteBuffer.wrap(data));
        return r;
    }

    /**
     * {@link #bytes} with one of this class's own content types: a constant known to be a valid
     * field value, so the per-request check of every character is skipped (text and JSON
     * answers are the hot path).
     */
    private static Response inMemory(int status, byte[] data, String constantContentType) {
        Response r = new Response(status);
        r.headers.addUnchecked("Content-Type", constantContentType);
        r.body = new ResponseBody.Bytes(ByteBuffer.wrap(data));
        return r;
    }

    /**
     * 200 with {@code value} as {@code application/json}, encoded by
     * {@link JsonCodec#defaultCodec()}: aiohttp's {@code web.json_response}.
     *
     * @throws io.jasyncio.http.JsonException if the codec cannot represent {@code value} (a bug
     *     in the handler, so the client gets a 500)
     */
    public static Response json(Object value) {
        return json(Status.OK, value, JsonCodec.defaultCodec());
    }

    /**
     * {@code status} with {@code value} as {@code application/json}, as {@link #json(Object)}.
     *
     * @throws IllegalArgumentException on a bad status
     * @throws io.jasyncio.http.JsonException as {@link #json(Object)}
     */
    public static Response json(int status, Object value) {
        return json(status, value, JsonCodec.defaultCodec());
    }

    /**
     * {@code status} with {@code value} as {@code application/json}, encoded by {@code codec}.
     *
     * @throws IllegalArgumentException on a bad status
     * @throws io.jasyncio.http.JsonException if {@code codec} cannot represent {@code value}
     */
    public static Response json(int status, Object value, JsonCodec codec) {
        return inMemory(status, codec.encode(value), "application/json");
    }

    /**
     * A redirect to {@code location} with an empty body: 301 (moved permanently), 302 (found),
     * 303 (see other: GET the new place), 307 or 308 (the same method again, temporarily or
     * permanently). {@code location} is sent as given (a relative reference is allowed, RFC 9110
     * §10.2.2); it must already be percent-encoded where needed.
     *
     * @throws IllegalArgumentException if {@code status} is not one of those, or
     *     {@code location} is empty or holds a control character (a header injection)
     */
    public static Response redirect(int status, String location) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("a redirect's status is 301, 302, 303, 307 or 308, not " + status);
        }
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("a redirect needs a location");
        }
        return new Response(status).header("Location", location);
    }

    /**
     * A streaming response: after the head ({@code status}, {@code contentType}) is sent,
     * {@code producer} writes the body in the handler's task with chunked transfer coding; it
     * should call {@link BodyWriter#drain} between writes so a slow client slows it down.
     * aiohttp's {@code StreamResponse} with {@code prepare} and {@code write}.
     *
     * {@snippet :
     * app.get("/numbers", request -> Response.stream(200, "text/plain; charset=utf-8", out -> {
     *     for (int i = 0; i < 1000; i++) {
     *         out.write(i + "\n");
     *         out.drain();
     *     }
     * }));
     * }
     *
     * @throws IllegalArgumentException on a bad status or content type
     */
    public static Response stream(int status, String contentType, ResponseBody.StreamProducer producer) {
        Objects.requireNonNull(producer, "producer");
        return new Response(status).header("Content-Type", contentType).body(new ResponseBody.Streaming(producer, -1));
    }

    /**
     * A Server-Sent Events stream ({@code text/event-stream}, {@code Cache-Control: no-cache},
     * {@code X-Accel-Buffering: no} so proxies pass events on at once): {@code producer} sends
     * events through a {@link ServerSentEvents} until it returns. See {@link ServerSentEvents}.
     */
    public static Response sse(ServerSentEvents.Producer producer) {
        Objects.requireNonNull(producer, "producer");
        Response r = stream(Status.OK, "text/event-stream", out -> producer.produce(new ServerSentEvents(out)));
        r.headers.set("Cache-Control", "no-cache");
        r.headers.set("X-Accel-Buffering", "no");
        return r;
    }

    /**
     * The file at {@code path} as the answer to {@code request}, sent zero-copy
     * ({@link ResponseBody.FileRegion}), aiohttp's {@code web.FileResponse}. It carries
     * {@code Content-Type} (from the extension; {@code application/octet-stream} when unknown),
     * {@code Last-Modified}, a strong {@code ETag} (modification time and size) and
     * {@code Accept-Ranges: bytes}, and honours the request's preconditions (RFC 9110 §13.2.2
     * order): {@code If-Match} / {@code If-Unmodified-Since} (412), {@code If-None-Match} /
     * {@code If-Modified-Since} (304 for GET and HEAD, 412 for other methods on an
     * {@code If-None-Match} hit), and on GET a {@code Range} (guarded by {@code If-Range}) of one
     * range, or of several that merge into one, as 206 with {@code Content-Range}; 416 with
     * {@code Content-Range: bytes *}{@code /size} when no range overlaps the file.
     *
     * <p>Differs from aiohttp: the request is an argument, as there is no {@code prepare} step;
     * a request for several disjoint ranges gets the whole file with 200, which RFC 9110 §14.2
     * allows (no {@code multipart/byteranges}); the file's attributes are read on the loop
     * thread (one {@code stat}), not in an executor. The file is opened when the body is sent, so
     * a file replaced in between is sent as it is then.
     *
     * @throws HttpException 404 if there is no such file, 403 if it is a directory or unreadable
     * @throws IOException if its attributes cannot be read
     */
    public static Response file(Request request, Path path) throws IOException {
        return FileResponses.file(request, path);
    }

    /**
     * Adds a {@code Set-Cookie} field (one per cookie; earlier ones are kept).
     *
     * @return this response, for chaining
     */
    public Response setCookie(SetCookie cookie) {
        headers.add("Set-Cookie", cookie.headerValue());
        return this;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /**
     * Sets the status code.
     *
     * @throws IllegalArgumentException unless {@code status} is in 100..999
     */
    public Response status(int status) {
        Status.reason(status);
        this.status = status;
        return this;
    }

    /** The header fields, to read or change. */
    public Headers headers() {
        return headers;
    }

    /**
     * Sets one header field (replacing any of the same name).
     *
     * @throws IllegalArgumentException on a bad name or value
     */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    /** The body. */
    public ResponseBody body() {
        return body;
    }

    /** Replaces the body. */
    public Response body(ResponseBody body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    @Override
    public String toString() {
        return "Response{" + status + " " + Status.reason(status) + ", " + headers + ", " + body.getClass().getSimpleName() + "}";
    }
}
