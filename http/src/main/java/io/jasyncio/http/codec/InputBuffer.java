package io.jasyncio.http.codec;

import java.nio.ByteBuffer;

/**
 * The bytes a decoder was fed and has not yet consumed: {@code buf[start, end)}. Appending may
 * move the live bytes to the front or into a larger array, which is why body views handed out
 * are valid only until the next feed.
 */
final class InputBuffer {
    /** The first array: one typical head (a new connection's first read) fits. */
    private static final int INITIAL = 1024;
    /** Above this, an emptied buffer is replaced by a small one so an idle connection holds little. */
    private static final int SHRINK_ABOVE = 64 * 1024;

    /** Allocated at the first feed, so an idle decoder holds no array. */
    byte[] buf = new byte[0];
    int start;
    int end;

    int available() {
        return end - start;
    }

    void append(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        makeRoom(n);
        src.get(buf, end, n);
        end += n;
    }

    void append(byte[] src, int off, int n) {
        makeRoom(n);
        System.arraycopy(src, off, buf, end, n);
        end += n;
    }

    private void makeRoom(int n) {
        int live = end - start;
        if (live == 0) {
            start = 0;
            end = 0;
            if (buf.length == 0 || (buf.length > SHRINK_ABOVE && n <= INITIAL)) {
                buf = new byte[Math.max(n, INITIAL)];
            }
        }
        if (end + n <= buf.length) {
            return;
        }
        if (live + n <= buf.length) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            long want = Math.max((long) live + n, 2L * buf.length);
            byte[] bigger = new byte[(int) Math.min(want, Integer.MAX_VALUE - 16)];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }
}
