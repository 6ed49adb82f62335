package io.jasyncio.http.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: finding the first CR or LF, or the first byte that cannot be in a field
 * value, with word arithmetic instead of a branch per byte (the loops that dominate parsing a
 * head: long field values such as User-Agent and Accept).
 */
final class Swar {
    /* Implementation notes
     *
     * Little-endian words, so the lowest flagged byte is the first in memory. zeroBytes(v) flags
     * 0x80 in each zero byte of v; borrows can also flag a byte above a real zero, never below
     * the first one, so numberOfTrailingZeros finds the first exactly. below(v, 0x20) does the
     * same for bytes under 0x20 among those under 0x80 (obs-text, 0x80-0xFF, is never flagged,
     * as it is allowed in values).
     */

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Swar() {
    }

    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    /** The index of the first CR or LF in {@code buf[from, to)}, or {@code to}. */
    static int findCrOrLf(byte[] buf, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(buf, i);
            long hit = zeroBytes(v ^ 0x0D0D0D0D0D0D0D0DL) | zeroBytes(v ^ 0x0A0A0A0A0A0A0A0AL);
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = buf[i];
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return to;
    }

    /**
     * The index of the first byte from {@code from} that is not a field-value byte (a control
     * other than HTAB, or DEL). The caller guarantees such a byte exists (the line's CR).
     */
    static int skipFieldValue(byte[] buf, int from) {
        int i = from;
        while (true) {
            if (i + 8 <= buf.length) {
                long v = (long) LONGS.get(buf, i);
                long hit = ((v - 0x2020202020202020L) & ~v & HIGHS) | zeroBytes(v ^ 0x7F7F7F7F7F7F7F7FL);
                if (hit == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(hit) >>> 3;
            }
            if (!HeadParser.FIELD_VALUE[buf[i] & 0xFF]) {
                return i;
            }
            i++;
        }
    }
}
