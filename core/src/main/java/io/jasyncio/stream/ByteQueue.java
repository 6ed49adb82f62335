package io.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds: one growable array with a read offset. Appends copy in
 * once; reads copy out once; nothing is kept as a list of small chunks.
 */
final class ByteQueue {
    /*
     * Implementation notes.
     *
     * Live bytes are buf[head, tail). Taking advances head; when the queue empties both offsets
     * go back to 0, so a reader that keeps up never moves bytes. An append that does not fit
     * first slides the live bytes to the front if that frees enough room and they fill at most
     * half the array (so each byte moves O(1) times on average); otherwise the array doubles.
     * An emptied array larger than retainCapacity is dropped, so one burst does not pin its
     * memory for the life of the connection.
     */
    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_CAPACITY = 256;

    private final int retainCapacity;
    private byte[] buf = EMPTY;
    private int head;
    private int tail;

    /** A queue that keeps an array of at most {@code retainCapacity} bytes once emptied. */
    ByteQueue(int retainCapacity) {
        this.retainCapacity = retainCapacity;
    }

    /** How many bytes it holds. */
    int size() {
        return tail - head;
    }

    /** Copies in {@code src}'s remaining bytes, moving its position to its limit. */
    void append(ByteBuffer src) {
        int n = src.remaining();
        makeRoom(n);
        src.get(buf, tail, n);
        tail += n;
    }

    /** Copies in {@code len} bytes of {@code src} from {@code off}. */
    void append(byte[] src, int off, int len) {
        makeRoom(len);
        System.arraycopy(src, off, buf, tail, len);
        tail += len;
    }

    /**
     * The offset (from the first byte held) of the first occurrence of {@code sep} at or after
     * {@code from}, or -1.
     */
    int indexOf(byte[] sep, int from) {
        int n = sep.length;
        byte first = sep[0];
        int last = tail - n;
        for (int i = head + Math.max(from, 0); i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            int j = 1;
            while (j < n && buf[i + j] == sep[j]) {
                j++;
            }
            if (j == n) {
                return i - head;
            }
        }
        return -1;
    }

    /** Whether {@code sep} occurs at offset {@code at}. */
    boolean startsWith(byte[] sep, int at) {
        if (at < 0 || size() - at < sep.length) {
            return false;
        }
        return Arrays.equals(buf, head + at, head + at + sep.length, sep, 0, sep.length);
    }

    /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, head, head + n);
        discard(n);
        return out;
    }

    /** Removes the first {@code n} bytes ({@code n <= size()}). */
    void discard(int n) {
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (buf.length > retainCapacity) {
                buf = EMPTY;
            }
        }
    }

    /** Removes everything. */
    void clear() {
        discard(size());
    }

    private void makeRoom(int n) {
        if (buf.length - tail >= n) {
            return;
        }
        int size = size();
        if (size + n <= buf.length && size <= buf.length / 2) {
            System.arraycopy(buf, head, buf, 0, size);
        } else {
            long want = Math.max(Math.max((long) buf.length * 2, (long) size + n), MIN_CAPACITY);
            if ((long) size + n > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("stream buffer would exceed 2 GiB");
            }
            byte[] bigger = new byte[(int) Math.min(want, Integer.MAX_VALUE - 8)];
            System.arraycopy(buf, head, bigger, 0, size);
            buf = bigger;
        }
        head = 0;
        tail = size;
    }
}
