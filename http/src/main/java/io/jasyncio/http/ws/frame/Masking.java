package io.jasyncio.http.ws.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The XOR masking of RFC 6455 §5.3, eight bytes at a time. */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code b[off, off+len)} in place with the 4-byte {@code key} (big-endian, as on the
     * wire), starting at byte {@code keyPos} (0-3) of the key, and returns the key position after.
     */
    static int apply(byte[] b, int off, int len, int key, int keyPos) {
        int k = Integer.rotateLeft(key, 8 * keyPos); // the key as seen from byte keyPos on
        int i = off;
        int end = off + len;
        long wide = ((long) k << 32) | (k & 0xFFFFFFFFL);
        for (; i + 8 <= end; i += 8) {
            LONGS.set(b, i, (long) LONGS.get(b, i) ^ wide);
        }
        for (int j = 0; i < end; i++, j++) {
            b[i] ^= (byte) (k >>> (24 - 8 * (j & 3)));
        }
        return (keyPos + len) & 3;
    }
}
