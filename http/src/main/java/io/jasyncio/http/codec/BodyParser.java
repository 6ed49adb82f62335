package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;

import java.nio.ByteBuffer;

/**
 * Frames one message body out of the input: a counted body, a chunked one (RFC 9112 §7.1) with
 * its trailer section, or one that runs until the connection closes. Produces {@link BodyData}
 * pieces and one {@link EndOfMessage}.
 */
final class BodyParser {
    /* Implementation notes
     *
     * State machine, one state at a time:
     *   LENGTH (remaining > 0 bytes) -> DONE
     *   CHUNK_SIZE -> CHUNK_DATA (remaining) -> CHUNK_END (CRLF) -> CHUNK_SIZE ... size 0 -> TRAILERS -> DONE
     *   UNTIL_CLOSE -> DONE at EOF
     * A chunk-size line is read incrementally (a line dripped one byte at a time costs no more
     * than one read whole), checking bytes in order, so the error found is the same however the
     * bytes were split. Body data is never copied again: the event is a read-only view of the
     * input array.
     */

    private static final int LENGTH = 0;
    private static final int CHUNK_SIZE = 1;
    private static final int CHUNK_DATA = 2;
    private static final int CHUNK_END = 3;
    private static final int TRAILERS = 4;
    private static final int UNTIL_CLOSE = 5;
    private static final int DONE = 6;

    private static final byte[] HEX_VALUE = new byte[256];
    /** A chunk size of more than 16 hex digits, leading zeros included, is refused. */
    private static final int MAX_SIZE_DIGITS = 16;

    static {
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int c = '0'; c <= '9'; c++) HEX_VALUE[c] = (byte) (c - '0');
        for (int c = 'a'; c <= 'f'; c++) HEX_VALUE[c] = (byte) (c - 'a' + 10);
        for (int c = 'A'; c <= 'F'; c++) HEX_VALUE[c] = (byte) (c - 'A' + 10);
    }

    private final CodecLimits limits;
    private final HeadScanner trailerScanner;
    private final HeadParser fieldParser;
    private int state = DONE;
    private long remaining;
    // A chunk-size line in progress: bytes read so far, the size they give, where ';' was (-1: none).
    private int lineScanned;
    private long sizeSoFar;
    private int extensionFrom = -1;

    BodyParser(CodecLimits limits, HeadParser fieldParser) {
        this.limits = limits;
        this.fieldParser = fieldParser;
        this.trailerScanner = new HeadScanner(false, 0, limits.maxTrailerBytes(), limits.maxHeaderCount(), 0, 431);
    }

    /** Starts a body: {@code length >= 0} bytes, -1 chunked, -2 until the connection closes. */
    void begin(long length) {
        if (length >= 0) {
            state = LENGTH;
            remaining = length;
        } else if (length == -1) {
            state = CHUNK_SIZE;
            lineScanned = 0;
            sizeSoFar = 0;
            extensionFrom = -1;
        } else {
            state = UNTIL_CLOSE;
        }
    }

    /**
     * The next body event, or null when more bytes are needed.
     *
     * @param eof whether the peer has closed: a body cut short is then an error
     * @throws CodecException on a malformed chunk or trailer, or EOF inside a framed body
     */
    HttpEvent next(InputBuffer in, boolean eof) throws CodecException {
        while (true) {
            switch (state) {
                case LENGTH, CHUNK_DATA -> {
                    if (remaining == 0) {
                        if (state == LENGTH) {
                            state = DONE;
                            return new EndOfMessage(new Headers(1));
                        }
                        state = CHUNK_END;
                        continue;
                    }
                    int avail = in.available();
                    if (avail == 0) {
                        if (eof) {
                            throw new CodecException(400, "connection closed inside a body");
                        }
                        return null;
                    }
                    int n = (int) Math.min(avail, remaining);
                    remaining -= n;
                    return take(in, n);
                }
                case CHUNK_END -> {
                    if (in.available() < 2) {
                        if (in.available() == 1 && in.buf[in.start] != '\r') {
                            throw new CodecException(400, "chunk data not followed by CRLF");
                        }
                        return needMore(eof, "connection closed inside a chunk");
                    }
                    if (in.buf[in.start] != '\r' || in.buf[in.start + 1] != '\n') {
                        throw new CodecException(400, "chunk data not followed by CRLF");
                    }
                    in.start += 2;
                    state = CHUNK_SIZE;
                }
                case CHUNK_SIZE -> {
                    if (!chunkSize(in)) {
                        return needMore(eof, "connection closed inside a chunk-size line");
                    }
                    if (remaining == 0) {
                        trailerScanner.reset();
                        state = TRAILERS;
                    } else {
                        state = CHUNK_DATA;
                    }
                }
                case TRAILERS -> {
                    int len = trailerScanner.scan(in.buf, in.start, in.end);
                    if (len == 0) {
                        return needMore(eof, "connection closed inside the trailer section");
                    }
                    Headers trailers = new Headers(1);
                    fieldParser.parseFields(in.buf, in.start, in.start + len, trailers, false);
                    in.start += len;
                    state = DONE;
                    return new EndOfMessage(trailers);
                }
                case UNTIL_CLOSE -> {
                    int avail = in.available();
                    if (avail > 0) {
                        return take(in, avail);
                    }
                    if (eof) {
                        state = DONE;
                        return new EndOfMessage(new Headers(1));
                    }
                    return null;
                }
                default -> throw new IllegalStateException("no body in progress");
            }
        }
    }

    private static HttpEvent needMore(boolean eof, String whatIfEof) throws CodecException {
        if (eof) {
            throw new CodecException(400, whatIfEof);
        }
        return null;
    }

    private static BodyData take(InputBuffer in, int n) {
        ByteBuffer view = ByteBuffer.wrap(in.buf, in.start, n).asReadOnlyBuffer();
        in.start += n;
        return new BodyData(view);
    }

    /**
     * Reads on in a chunk-size line ({@code 1*HEXDIG [chunk-ext] CRLF}); when it is complete,
     * consumes it and sets {@link #remaining}.
     *
     * @return false when the line has not fully arrived
     */
    private boolean chunkSize(InputBuffer in) throws CodecException {
        byte[] buf = in.buf;
        int s = in.start;
        int avail = in.available();
        int i = lineScanned;
        while (i < avail) {
            byte b = buf[s + i];
            if (b == '\r') {
                if (i == 0) {
                    throw new CodecException(400, "chunk size is not a hex number");
                }
                if (sizeSoFar < 0) {
                    throw new CodecException(400, "chunk size overflows");
                }
                if (i + 1 == avail) {
                    break;
                }
                if (buf[s + i + 1] != '\n') {
                    throw new CodecException(400, "bare CR after chunk size");
                }
                in.start += i + 2;
                remaining = sizeSoFar;
                lineScanned = 0;
                sizeSoFar = 0;
                extensionFrom = -1;
                return true;
            }
            if (extensionFrom >= 0) {
                if (!HeadParser.FIELD_VALUE[b & 0xFF]) {
                    throw new CodecException(400, "control character in chunk extension");
                }
                if (++i - extensionFrom > limits.maxChunkExtension()) {
                    throw new CodecException(400, "chunk extension longer than " + limits.maxChunkExtension() + " bytes");
                }
                continue;
            }
            int d = HEX_VALUE[b & 0xFF];
            if (d >= 0) {
                if (i == MAX_SIZE_DIGITS) {
                    throw new CodecException(400, "chunk size longer than " + MAX_SIZE_DIGITS + " hex digits");
                }
                sizeSoFar = (sizeSoFar << 4) | d;
                i++;
                continue;
            }
            if (i == 0) {
                throw new CodecException(400, "chunk size is not a hex number");
            }
            if (sizeSoFar < 0) {
                throw new CodecException(400, "chunk size overflows");
            }
            if (b != ';') {
                throw new CodecException(400, "invalid byte after chunk size");
            }
            extensionFrom = i;
        }
        lineScanned = i;
        return false;
    }
}
