package io.jasyncio.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for the virtual-thread backend, reused: a worker reads into one of these (never
 * into the caller's buffer, which a cancelled caller may reuse while the worker still runs), and
 * the loop copies it out. Allocating a direct buffer per read would cost more than the read.
 * Thread-safe: workers and the loop thread take and give back.
 */
final class BufferPool {
    /** The largest buffer handed out; a larger request gets this much (a short read). */
    static final int MAX = 1 << 20;
    private static final int MIN_SHIFT = 12;
    private static final int CLASSES = 20 - MIN_SHIFT + 1;
    /** Bytes kept per size class, so an idle pool holds at most CLASSES x this. */
    private static final int KEEP_BYTES = 8 << 20;

    static final BufferPool SHARED = new BufferPool();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[CLASSES];
    private final AtomicInteger[] kept = new AtomicInteger[CLASSES];

    private BufferPool() {
        for (int i = 0; i < CLASSES; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
            kept[i] = new AtomicInteger();
        }
    }

    /** A cleared buffer of {@code min(max(want, 1), MAX)} bytes remaining (its capacity may be larger). */
    ByteBuffer acquire(int want) {
        int n = Math.clamp(want, 1, MAX);
        int c = sizeClass(n);
        ByteBuffer b = free[c].poll();
        if (b != null) {
            kept[c].decrementAndGet();
        } else {
            b = ByteBuffer.allocateDirect(1 << (c + MIN_SHIFT));
        }
        return b.clear().limit(n);
    }

    /** Gives {@code b} back; it must not be used afterwards. */
    void release(ByteBuffer b) {
        int c = sizeClass(b.capacity());
        if ((1 << (c + MIN_SHIFT)) != b.capacity()) {
            return;
        }
        if (kept[c].incrementAndGet() * (long) b.capacity() <= KEEP_BYTES) {
            free[c].offer(b);
        } else {
            kept[c].decrementAndGet();
        }
    }

    private static int sizeClass(int n) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(n, 1 << MIN_SHIFT) - 1);
        return shift - MIN_SHIFT;
    }
}
