package io.jasyncio.uring;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Native buffers for file operations, reused: the kernel reads into and writes from these, never
 * the caller's buffer (a cancelled caller may reuse its buffer while the kernel still fills
 * this one), and a buffer goes back only after its operation's CQE. Direct ByteBuffers: their
 * memory lives as long as the buffer object, which the operation holds until its CQE. Shared by
 * every loop of the process; thread-safe.
 */
final class UringFileBuffers {
    /** The largest buffer handed out; a larger request gets this much (a short read or write). */
    static final int MAX = 1 << 20;
    private static final int MIN_SHIFT = 12;
    private static final int CLASSES = 20 - MIN_SHIFT + 1;
    /** Bytes kept per size class, so an idle pool holds at most CLASSES x this. */
    private static final int KEEP_BYTES = 8 << 20;

    static final UringFileBuffers SHARED = new UringFileBuffers();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentLinkedQueue<ByteBuffer>[] free = new ConcurrentLinkedQueue[CLASSES];
    private final AtomicInteger[] kept = new AtomicInteger[CLASSES];

    private UringFileBuffers() {
        for (int i = 0; i < CLASSES; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
            kept[i] = new AtomicInteger();
        }
    }

    /** A buffer with {@code min(max(want, 1), MAX)} bytes remaining from position 0, zeroed only when new. */
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

    /** Gives {@code b} back once no operation uses it. */
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

    /** The native address of {@code b}'s byte at index {@code at}. */
    static long address(ByteBuffer b, int at) {
        return MemorySegment.ofBuffer(b.duplicate().clear()).address() + at;
    }

    private static int sizeClass(int n) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(n, 1 << MIN_SHIFT) - 1);
        return shift - MIN_SHIFT;
    }
}
