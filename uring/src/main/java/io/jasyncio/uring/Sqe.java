package io.jasyncio.uring;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.lang.foreign.ValueLayout;

/**
 * Field setters for one submission queue entry (the 64-byte {@code struct io_uring_sqe}) as
 * {@link Ring#sqe} hands it out: the opcode, fd and user_data are set there, the rest here.
 * Offsets are those of {@code <linux/io_uring.h>}; unions are named after their most common
 * member and documented with the others.
 */
final class Sqe {
    static final long SIZE = 64;
    static final long OPCODE = 0;
    static final long FLAGS = 1;
    static final long IOPRIO = 2;
    static final long FD = 4;
    static final long OFF = 8;
    static final long ADDR = 16;
    static final long LEN = 24;
    static final long OP_FLAGS = 28;
    static final long USER_DATA = 32;
    static final long BUF_INDEX = 40;
    static final long PERSONALITY = 42;
    static final long FILE_INDEX = 44;
    static final long ADDR3 = 48;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private Sqe() {
    }

    /** {@code flags}: IOSQE_* bits. */
    static void flags(MemorySegment sqe, byte iosqeFlags) {
        sqe.set(ValueLayout.JAVA_BYTE, FLAGS, iosqeFlags);
    }

    /** {@code ioprio}; also recv/send and accept flags (IORING_RECV_MULTISHOT, IORING_ACCEPT_MULTISHOT). */
    static void ioprio(MemorySegment sqe, short ioprio) {
        sqe.set(SHORT, IOPRIO, ioprio);
    }

    /** {@code off}: the file offset (-1 for the current position); union with {@code addr2}. */
    static void off(MemorySegment sqe, long off) {
        sqe.set(LONG, OFF, off);
    }

    /** {@code addr2}, the same field as {@code off}: the address-length pointer of accept, for example. */
    static void addr2(MemorySegment sqe, long addr2) {
        sqe.set(LONG, OFF, addr2);
    }

    /** {@code addr}: a buffer address, a path, or the user_data to cancel/remove; union with {@code splice_off_in}. */
    static void addr(MemorySegment sqe, long addr) {
        sqe.set(LONG, ADDR, addr);
    }

    /** {@code len}: a buffer length, an iovec count, or the poll flags of POLL_ADD/POLL_REMOVE. */
    static void len(MemorySegment sqe, int len) {
        sqe.set(INT, LEN, len);
    }

    /**
     * The 32-bit op-flags union: rw_flags, fsync_flags, poll32_events, msg_flags, timeout_flags,
     * accept_flags, cancel_flags, open_flags, statx_flags, ...
     */
    static void opFlags(MemorySegment sqe, int opFlags) {
        sqe.set(INT, OP_FLAGS, opFlags);
    }

    /** {@code buf_group}: the provided-buffer group for IOSQE_BUFFER_SELECT; union with {@code buf_index}. */
    static void bufGroup(MemorySegment sqe, short group) {
        sqe.set(SHORT, BUF_INDEX, group);
    }

    /** {@code file_index}: a fixed-file slot (union with {@code splice_fd_in}, {@code addr_len}). */
    static void fileIndex(MemorySegment sqe, int index) {
        sqe.set(INT, FILE_INDEX, index);
    }

    /** {@code addr3}. */
    static void addr3(MemorySegment sqe, long addr3) {
        sqe.set(LONG, ADDR3, addr3);
    }

    /** The native address of direct buffer {@code b}'s byte at index {@code at}, for an SQE's addr fields. */
    static long address(ByteBuffer b, int at) {
        return MemorySegment.ofBuffer(b.duplicate().clear()).address() + at;
    }
}
