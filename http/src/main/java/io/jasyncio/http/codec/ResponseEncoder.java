package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;
import io.jasyncio.http.Status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The server side of an HTTP/1.1 connection's output: response heads and chunked-body framing as
 * bytes. Stateless (the server decides framing: it adds Content-Length or
 * {@code Transfer-Encoding: chunked} to the headers it passes); every method returns a new heap
 * buffer positioned at 0, ready to write. Thread-safe.
 *
 * <p>Validates nothing that {@link Headers#add} already validated: fields added with
 * {@link Headers#addUnchecked} are written as they are.
 */
public final class ResponseEncoder {
    /* Implementation notes
     *
     * The status lines of every code Status names are built once; encodeHead sizes the head
     * first and fills one array, so a response head costs one allocation plus the wrapper.
     */

    private static final byte[][] STATUS_LINES = new byte[1000][];

    static {
        for (int code = 100; code < 600; code++) {
            String reason = Status.reason(code);
            if (!reason.equals("Unknown")) {
                STATUS_LINES[code] = statusLine(code, reason);
            }
        }
    }

    private ResponseEncoder() {
    }

    private static byte[] statusLine(int code, String reason) {
        return ("HTTP/1.1 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code HTTP/1.1 <status> <reason>}, the fields and the empty line, with RFC 9110's reason
     * phrase ({@code Unknown} for a code it does not name).
     *
     * @throws IllegalArgumentException if {@code status} is not in 100..999
     */
    public static ByteBuffer encodeHead(int status, Headers headers) {
        Objects.requireNonNull(headers, "headers");
        byte[] line = status >= 100 && status <= 999 ? STATUS_LINES[status] : null;
        if (line == null) {
            line = statusLine(status, Status.reason(status));
        }
        return encode(line, headers);
    }

    /**
     * As {@link #encodeHead(int, Headers)}, written into {@code dst} at its position (which moves
     * past the head), so that a connection can gather a head and a small body into one buffer.
     *
     * @throws java.nio.BufferOverflowException if {@code dst} has too little room; nothing is
     *     written then
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     * @throws IllegalArgumentException if {@code status} is not in 100..999
     */
    public static void encodeHead(int status, Headers headers, ByteBuffer dst) {
        Objects.requireNonNull(headers, "headers");
        byte[] line = status >= 100 && status <= 999 ? STATUS_LINES[status] : null;
        if (line == null) {
            line = statusLine(status, Status.reason(status));
        }
        int size = line.length + Wire.fieldsSize(headers) + 2;
        if (dst.remaining() < size) {
            throw new java.nio.BufferOverflowException();
        }
        if (dst.hasArray()) {
            byte[] out = dst.array();
            int p = dst.arrayOffset() + dst.position();
            System.arraycopy(line, 0, out, p, line.length);
            Wire.writeFields(out, p + line.length, headers);
            dst.position(dst.position() + size);
        } else {
            dst.put(encode(line, headers));
        }
    }

    /**
     * As {@link #encodeHead(int, Headers)} with a reason phrase of the caller's.
     *
     * @throws IllegalArgumentException if {@code status} is not in 100..999 or {@code reason}
     *     holds a control character (a CR or LF would split the response)
     */
    public static ByteBuffer encodeHead(int status, String reason, Headers headers) {
        Status.reason(status);
        if (!io.jasyncio.http.Tokens.isFieldValue(Objects.requireNonNull(reason, "reason"))) {
            throw new IllegalArgumentException("reason phrase holds a control character or a char above 0xFF");
        }
        return encode(statusLine(status, reason), Objects.requireNonNull(headers, "headers"));
    }

    private static ByteBuffer encode(byte[] line, Headers headers) {
        byte[] out = new byte[line.length + Wire.fieldsSize(headers) + 2];
        System.arraycopy(line, 0, out, 0, line.length);
        int p = Wire.writeFields(out, line.length, headers);
        return ByteBuffer.wrap(out, 0, p);
    }

    /**
     * One chunk of a chunked body: the size line, the remaining bytes of {@code data} (consumed)
     * and CRLF, copied into one buffer. An empty {@code data} gives an empty buffer, never the
     * zero-size chunk that would end the body (use {@link #lastChunk}).
     */
    public static ByteBuffer chunk(ByteBuffer data) {
        return Wire.chunk(data);
    }

    /**
     * The size line alone ({@code hex CRLF}), for a writer that sends the data itself without
     * copying it, followed by {@link #crlf()}.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public static ByteBuffer chunkHeader(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be > 0 (0 ends the body), got " + size);
        }
        return Wire.chunkHeader(size);
    }

    /** CRLF, the bytes that end a chunk's data. */
    public static ByteBuffer crlf() {
        return ByteBuffer.wrap(Wire.CRLF).asReadOnlyBuffer();
    }

    /** The last chunk ({@code 0 CRLF}), the trailer fields and the empty line that end a chunked body. */
    public static ByteBuffer lastChunk(Headers trailers) {
        return Wire.lastChunk(Objects.requireNonNull(trailers, "trailers"));
    }
}
