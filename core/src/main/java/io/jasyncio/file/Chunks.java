package io.jasyncio.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The iterator of {@link AsyncFile#chunks(int)}: each chunk is read when {@code hasNext()} needs it. */
final class Chunks implements Iterator<byte[]> {
    private final AsyncFile file;
    private final int size;
    private byte[] next;
    private boolean ended;

    Chunks(AsyncFile file, int size) {
        this.file = file;
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            byte[] buf = new byte[size];
            int n;
            try {
                n = file.fill("chunks", ByteBuffer.wrap(buf), file.position(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n <= 0) {
                ended = true;
            } else {
                file.advance(n);
                next = n == size ? buf : Arrays.copyOf(buf, n);
            }
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] chunk = next;
        next = null;
        return chunk;
    }
}
