package io.jasyncio.http.server;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Status;

import java.nio.ByteBuffer;
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
        return bytes(status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** {@code status} with {@code data} (not copied: do not change it after) as {@code contentType}. */
    public static Response bytes(int status, byte[] data, String contentType) {
        Response r = new Response(status);
        r.headers.set("Content-Type", contentType);
        r.body = new ResponseBody.Bytes(ByteBuffer.wrap(data));
        return r;
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
