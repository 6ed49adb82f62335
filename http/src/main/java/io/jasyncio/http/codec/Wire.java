package io.jasyncio.http.codec;

import io.jasyncio.http.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writing heads and chunk framing into one byte array, shared by the two encoders. */
final class Wire {
    static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private Wire() {
    }

    /** The bytes {@code headers} take as field lines: name, ": ", value, CRLF each. */
    static int fieldsSize(Headers headers) {
        int n = 0;
        for (int i = 0, size = headers.size(); i < size; i++) {
            n += headers.name(i).length() + headers.value(i).length() + 4;
        }
        return n;
    }

    /** Writes the field lines and the empty line ending the section; returns the new offset. */
    static int writeFields(byte[] dst, int p, Headers headers) {
        for (int i = 0, size = headers.size(); i < size; i++) {
            p = writeLatin1(dst, p, headers.name(i));
            dst[p++] = ':';
            dst[p++] = ' ';
            p = writeLatin1(dst, p, headers.value(i));
            dst[p++] = '\r';
            dst[p++] = '\n';
        }
        dst[p++] = '\r';
        dst[p++] = '\n';
        return p;
    }

    /** Writes {@code s}'s chars as bytes; Headers guarantees they are below 256. */
    static int writeLatin1(byte[] dst, int p, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            dst[p++] = (byte) s.charAt(i);
        }
        return p;
    }

    /** {@code size} in hex followed by CRLF: a chunk-size line without extensions. */
    static ByteBuffer chunkHeader(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("chunk size must be >= 0, got " + size);
        }
        byte[] out = new byte[18];
        int p = writeChunkSize(out, 0, size);
        out[p++] = '\r';
        out[p++] = '\n';
        return ByteBuffer.wrap(out, 0, p);
    }

    private static int writeChunkSize(byte[] dst, int p, long size) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(size) + 3) / 4);
        for (int d = digits - 1; d >= 0; d--) {
            dst[p++] = HEX[(int) (size >>> (4 * d)) & 0xF];
        }
        return p;
    }

    static ByteBuffer chunk(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        byte[] out = new byte[n + 20];
        int p = writeChunkSize(out, 0, n);
        out[p++] = '\r';
        out[p++] = '\n';
        data.get(out, p, n);
        p += n;
        out[p++] = '\r';
        out[p++] = '\n';
        return ByteBuffer.wrap(out, 0, p);
    }

    static ByteBuffer lastChunk(Headers trailers) {
        byte[] out = new byte[LAST_CHUNK.length + fieldsSize(trailers) + 2];
        System.arraycopy(LAST_CHUNK, 0, out, 0, LAST_CHUNK.length);
        int p = writeFields(out, LAST_CHUNK.length, trailers);
        return ByteBuffer.wrap(out, 0, p);
    }
}
