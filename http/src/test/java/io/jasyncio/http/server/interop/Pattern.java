package io.jasyncio.http.server.interop;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The deterministic bytes the interop tests send and expect: byte {@code i} of a stream is a
 * 64 KiB random block's byte {@code i % 65536} mixed with {@code i >> 16}, so a stream whose
 * blocks are reordered, repeated or dropped does not check out.
 */
final class Pattern {
    private static final byte[] BLOCK = new byte[1 << 16];

    static {
        new Random(42).nextBytes(BLOCK);
    }

    private Pattern() {
    }

    /** Fills {@code dst} (position to limit) with the bytes at stream offset {@code offset}. */
    static void fill(long offset, ByteBuffer dst) {
        while (dst.hasRemaining()) {
            int in = (int) (offset & 0xFFFF);
            int n = Math.min(dst.remaining(), BLOCK.length - in);
            int mix = (int) (offset >>> 16);
            for (int i = 0; i < n; i++) {
                dst.put((byte) (BLOCK[in + i] ^ mix));
            }
            offset += n;
        }
    }

    /** The bytes {@code [offset, offset + n)}. */
    static byte[] bytes(long offset, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        fill(offset, b);
        return b.array();
    }

    /** The CRC32C of the first {@code length} bytes. */
    static long crc(long length) {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (long off = 0; off < length; off += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), length - off));
            fill(off, b);
            b.flip();
            crc.update(b);
        }
        return crc.getValue();
    }
}
