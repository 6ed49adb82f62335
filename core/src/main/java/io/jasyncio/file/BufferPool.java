package io.jasyncio.file;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for {@link FileBackend} implementations, reused: a backend reads into and
 * writes from one of these, never the caller's buffer (a cancelled caller may reuse its buffer
 * while a worker thread or the kernel still fills this one), and copies between the two on the
 * loop. Allocating a direct buffer per operation would cost more than the operation. The
 * virtual-thread backend and the io_uring backend share {@link #shared()}. Thread-safe: workers,
 * loops and completions take and give back. Part of the file SPI; asyncio has nothing like it.
 */
public final class BufferPool {
    /** The largest buffer handed out; a larger request gets this much (a short read or write). */
    public static final int MAX = 1 << 20;
    private static final int MIN_SHIFT = 12;
    private static final int CLASSES = 20 - MIN_SHIFT + 1;
    /** Bytes kept per size class, so an idle pool holds at most CLASSES x this. */
    private static final int KEEP_BYTES = 8 << 20;

    private static final BufferPool SHARED = new BufferPool();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[CLASSES];
    private final AtomicInteger[] kept = new AtomicInteger[CLASSES];

    private BufferPool() {
        for (int i = 0; i < CLASSES; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
            kept[i] = new AtomicInteger();
        }
    }

    /** The process's pool, shared by every backend and loop. */
    public static BufferPool shared() {
        return SHARED;
    }

    /**
     * A direct buffer with {@code min(max(want, 1), MAX)} bytes remaining from position 0 (its
     * capacity may be larger); its contents are whatever the last user left.
     */
    public ByteBuffer acquire(int want) {
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

    /**
     * Gives {@code b} back once nothing (no worker, no kernel operation) uses it any more; it must
     * not be used afterwards. A buffer this pool did not make, or one over the pool's idle
     * allowance, is left to the garbage collector.
     */
    public void release(ByteBuffer b) {
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
