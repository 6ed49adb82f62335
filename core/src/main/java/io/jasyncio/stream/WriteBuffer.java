package io.jasyncio.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The queue of bytes a transport could not send at once: copies of what was written, sent
 * oldest first in gathering writes.
 */
final class WriteBuffer {
    /*
     * Implementation notes.
     *
     * Small writes are appended to the tail chunk while it has room, so a burst of tiny writes
     * becomes a few iovecs rather than thousands; a chunk is at least CHUNK bytes. A partly sent
     * chunk keeps its unsent bytes where they are (its position moves), so nothing is copied
     * twice. The array handed to the gathering write is reused between calls.
     */
    private static final int CHUNK = 16 * 1024;
    /** At most this many buffers per gathering write (Linux's IOV_MAX is 1024). */
    private static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private ByteBuffer[] gather = new ByteBuffer[8];
    private int size;

    /** Bytes queued. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Copies {@code data}'s remaining bytes to the tail of the queue; consumes {@code data}. */
    void add(ByteBuffer data) {
        int n = data.remaining();
        ByteBuffer tail = chunks.peekLast();
        // Chunks are in read mode (position: next byte to send, limit: end of data); a tail with
        // room past its limit takes small writes in place.
        if (tail != null && tail.capacity() - tail.limit() >= n) {
            int end = tail.limit();
            tail.limit(end + n);
            tail.put(end, data, data.position(), n);
            data.position(data.limit());
        } else {
            ByteBuffer chunk = ByteBuffer.allocate(Math.max(n, CHUNK));
            chunk.put(data).flip();
            chunks.add(chunk);
        }
        size += n;
    }

    /**
     * Sends as much as the channel takes in one gathering write.
     *
     * @return the bytes sent
     */
    long flush(GatheringByteChannel channel) throws IOException {
        int k = Math.min(chunks.size(), MAX_GATHER);
        if (gather.length < k) {
            gather = new ByteBuffer[Math.max(k, gather.length * 2)];
        }
        int i = 0;
        for (ByteBuffer c : chunks) {
            if (i == k) {
                break;
            }
            gather[i++] = c;
        }
        long n;
        try {
            n = k == 1 ? channel.write(gather[0]) : channel.write(gather, 0, k);
        } finally {
            java.util.Arrays.fill(gather, 0, k, null);
        }
        size -= (int) n;
        while (!chunks.isEmpty() && !chunks.peekFirst().hasRemaining()) {
            chunks.pollFirst();
        }
        return n;
    }

    void clear() {
        chunks.clear();
        size = 0;
    }
}
