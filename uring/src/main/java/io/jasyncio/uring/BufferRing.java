package io.jasyncio.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A provided-buffer ring (IORING_REGISTER_PBUF_RING, Linux 5.19+): {@code count} buffers of
 * {@code size} bytes the kernel picks from for operations submitted with
 * {@link Uring#IOSQE_BUFFER_SELECT} and this ring's group, such as a multishot recv. A CQE
 * that used one has {@link Uring#IORING_CQE_F_BUFFER} and the buffer id in
 * {@code flags >>> IORING_CQE_BUFFER_SHIFT}; the consumer reads {@link #buffer(int)} and gives
 * it back with {@link #recycle(int)}. Loop-thread only.
 */
final class BufferRing implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * The ring is an array of struct io_uring_buf {u64 addr; u32 len; u16 bid; u16 resv}; the
     * resv field of entry 0 doubles as the ring's u16 tail, which we own and publish with a
     * release store after writing an entry (the kernel reads the tail with an acquire load and
     * consumes from its private head). All buffers start in the ring.
     */
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.varHandle();
    private static final long ENTRY = 16;
    private static final long TAIL = 14;
    private static final long REG_SIZE = 40;
    private static final long PAGE = 4096;

    private final Ring ring;
    private final Arena arena = Arena.ofShared();
    private final short group;
    private final int count;
    private final int size;
    private final int mask;
    private final MemorySegment entries;
    private final MemorySegment buffers;
    private short tail;
    private boolean closed;

    BufferRing(Ring ring, short group, int count, int size) {
        if (count < 1 || count > 32768 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count must be a power of two in 1..32768, not " + count);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.ring = ring;
        this.group = group;
        this.count = count;
        this.size = size;
        this.mask = count - 1;
        entries = arena.allocate(ENTRY * count, PAGE);
        buffers = arena.allocate((long) size * count, PAGE);
        MemorySegment reg = arena.allocate(REG_SIZE, 8);
        reg.set(ValueLayout.JAVA_LONG, 0, entries.address());
        reg.set(ValueLayout.JAVA_INT, 8, count);
        reg.set(ValueLayout.JAVA_SHORT, 12, group);
        int r = Syscalls.ioUringRegister(ring.errnoState(), ring.fd(), Uring.IORING_REGISTER_PBUF_RING, reg.address(), 1);
        if (r < 0) {
            arena.close();
            throw new UringException("io_uring_register(PBUF_RING)", -r);
        }
        for (int id = 0; id < count; id++) {
            put(id);
        }
        SHORT.setRelease(entries, TAIL, tail);
    }

    /** The buffer group id, for {@link Sqe#bufGroup}. */
    short group() {
        return group;
    }

    /** How many buffers. */
    int count() {
        return count;
    }

    /** The size of each buffer. */
    int size() {
        return size;
    }

    /** Buffer {@code id}, all {@link #size()} bytes of it (a CQE's res says how many were filled). */
    MemorySegment buffer(int id) {
        return buffers.asSlice((long) id * size, size);
    }

    /** Gives buffer {@code id} back to the kernel. */
    void recycle(int id) {
        put(id);
        SHORT.setRelease(entries, TAIL, tail);
    }

    private void put(int id) {
        long at = ENTRY * (tail & mask);
        entries.set(ValueLayout.JAVA_LONG, at, buffers.address() + (long) id * size);
        entries.set(ValueLayout.JAVA_INT, at + 8, size);
        entries.set(ValueLayout.JAVA_SHORT, at + 12, (short) id);
        tail++;
    }

    /** Unregisters the ring; cancel the operations that use it first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MemorySegment reg = arena.allocate(REG_SIZE, 8);
        reg.set(ValueLayout.JAVA_SHORT, 12, group);
        Syscalls.ioUringRegister(ring.errnoState(), ring.fd(), Uring.IORING_UNREGISTER_PBUF_RING, reg.address(), 1);
        arena.close();
    }
}
