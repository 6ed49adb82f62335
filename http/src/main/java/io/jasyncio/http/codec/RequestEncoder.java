package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The client side of an HTTP/1.1 connection's output: request heads and chunked-body framing as
 * bytes. Stateless, like {@link ResponseEncoder}: the caller puts Host, Content-Length or
 * {@code Transfer-Encoding: chunked} in the headers. Every method returns a new heap buffer
 * positioned at 0. Thread-safe.
 */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    /**
     * {@code <method> <target> HTTP/1.1}, the fields and the empty line.
     *
     * @throws IllegalArgumentException if {@code target} is empty or holds a byte other than
     *     visible ASCII (a space or CRLF would split the request)
     */
    public static ByteBuffer encodeHead(Method method, String target, Headers headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        if (Objects.requireNonNull(target, "target").isEmpty()) {
            throw new IllegalArgumentException("empty request target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("request target holds a space, control or non-ASCII char at " + i);
            }
        }
        String name = method.name();
        byte[] out = new byte[name.length() + 1 + target.length() + 11 + Wire.fieldsSize(headers) + 2];
        int p = Wire.writeLatin1(out, 0, name);
        out[p++] = ' ';
        p = Wire.writeLatin1(out, p, target);
        p = Wire.writeLatin1(out, p, " HTTP/1.1\r\n");
        p = Wire.writeFields(out, p, headers);
        return ByteBuffer.wrap(out, 0, p);
    }

    /** One chunk: size line, the remaining bytes of {@code data} (consumed), CRLF; empty data gives an empty buffer. */
    public static ByteBuffer chunk(ByteBuffer data) {
        return Wire.chunk(data);
    }

    /** The last chunk, the trailer fields and the empty line that end a chunked body. */
    public static ByteBuffer lastChunk(Headers trailers) {
        return Wire.lastChunk(Objects.requireNonNull(trailers, "trailers"));
    }
}
