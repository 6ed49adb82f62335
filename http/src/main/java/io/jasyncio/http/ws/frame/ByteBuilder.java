package io.jasyncio.http.ws.frame;

import java.util.Arrays;

/** A growable byte array: a message being reassembled, a frame being built. Not thread-safe. */
final class ByteBuilder {
    byte[] array;
    int size;

    ByteBuilder(int capacity) {
        array = new byte[Math.max(16, capacity)];
    }

    /** Makes room for {@code n} more bytes. */
    void ensure(int n) {
        long need = (long) size + n;
        if (need > array.length) {
            if (need > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("ByteBuilder over 2 GiB");
            }
            array = Arrays.copyOf(array, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, array.length * 2L)));
        }
    }

    void append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, array, size, len);
        size += len;
    }

    void append(int b) {
        ensure(1);
        array[size++] = (byte) b;
    }

    byte[] toArray() {
        return Arrays.copyOf(array, size);
    }

    /** Empties it, dropping a large array so one big message does not pin its memory. */
    void clear() {
        size = 0;
        if (array.length > 64 * 1024) {
            array = new byte[1024];
        }
    }
}
