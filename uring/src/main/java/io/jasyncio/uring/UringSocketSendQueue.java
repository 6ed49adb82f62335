package io.jasyncio.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * The bytes a {@link UringSocketTransport} was asked to send, in native memory the kernel reads
 * them from: the region of the send in flight, and behind it what was written since, which
 * leaves in the next send. Loop-confined.
 */
final class UringSocketSendQueue {
    /*
     * Implementation notes.
     *
     * Two native buffers, swapped: `flight` holds [flightStart, flightEnd), the bytes of the one
     * send the kernel may be reading (a stream socket has at most one send in flight: two sends
     * queued together may be completed out of order and interleave their bytes); `next` collects
     * what is written meanwhile, and becomes `flight` when that send completes. Only `next` is
     * ever grown or freed while a send is in flight, so the kernel never reads freed memory.
     * Buffers are allocated on first use and grow to the largest burst; a buffer grown past
     * KEEP is freed once it is empty, so one huge write does not pin its memory for the
     * connection's life. The memory is the garbage collector's to free (an automatic arena): a
     * loop may run on one thread and later on another, which a confined arena would refuse, and
     * closing a shared one costs a handshake with every thread. The transport keeps the queue
     * until the last SEND's completion arrived, so memory the kernel reads stays reachable.
     */
    private static final int INITIAL = 16 * 1024;
    private static final long KEEP = 1024 * 1024;

    private Buffer flight = new Buffer();
    private Buffer next = new Buffer();
    private int flightStart;
    private int flightEnd;

    /** Bytes queued: unsent bytes of the send in flight plus those waiting for the next send. */
    int size() {
        return flightEnd - flightStart + next.end;
    }

    /** Whether a send is in flight (taken and not yet {@link #sent} in full). */
    boolean inFlight() {
        return flightEnd > flightStart;
    }

    /** Whether bytes wait for the next send. */
    boolean hasNext() {
        return next.end > 0;
    }

    /** Copies {@code data}'s remaining bytes behind what is queued; consumes {@code data}. */
    void add(ByteBuffer data) {
        next.append(data);
    }

    /**
     * Appends {@code data} to the send in flight, which the caller has not handed to the kernel
     * yet (its SQE is unsubmitted); the region may move, so re-read {@link #address()}.
     * Consumes {@code data}.
     *
     * @throws IllegalStateException if no send is taken or bytes wait behind it (they would be overtaken)
     */
    void addToFlight(ByteBuffer data) {
        if (!inFlight() || hasNext()) {
            throw new IllegalStateException("only a taken send with nothing behind it can grow");
        }
        flight.end = flightEnd;
        flight.append(data);
        flightEnd = flight.end;
        flight.end = 0;
    }

    /**
     * Makes what waits the send in flight; call it only when none is.
     *
     * @throws IllegalStateException if a send is in flight
     */
    void take() {
        if (inFlight()) {
            throw new IllegalStateException("a send is in flight");
        }
        Buffer b = flight;
        flight = next;
        next = b;
        flightStart = 0;
        flightEnd = flight.end;
        flight.end = 0;
        next.end = 0;
        next.trim();
    }

    /** The address of the first unsent byte of the send in flight. */
    long address() {
        return flight.segment.address() + flightStart;
    }

    /** How many bytes of the send in flight are unsent. */
    int length() {
        return flightEnd - flightStart;
    }

    /**
     * Records that the kernel sent {@code n} bytes of the send in flight.
     *
     * @return whether all of it is sent (else the rest must be sent from {@link #address()})
     */
    boolean sent(int n) {
        flightStart += n;
        if (flightStart < flightEnd) {
            return false;
        }
        flightStart = 0;
        flightEnd = 0;
        flight.trim();
        return true;
    }

    /** Drops what waits for the next send; the send in flight (if any) stays, as its memory is the kernel's until it completes. */
    void dropNext() {
        next.end = 0;
        next.trim();
    }

    /** Lets the native memory go; call it only when no send is in flight or its completion arrived. */
    void free() {
        flightStart = 0;
        flightEnd = 0;
        flight.end = 0;
        next.end = 0;
        flight.free();
        next.free();
    }

    /** One native buffer; bytes [0, end) are queued. */
    private static final class Buffer {
        MemorySegment segment = MemorySegment.NULL;
        int end;

        void reserve(int n) {
            long need = (long) end + n;
            if (need <= segment.byteSize()) {
                return;
            }
            if (need > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than 2 GiB queued on one socket transport");
            }
            long size = Math.max(INITIAL, segment.byteSize());
            while (size < need) {
                size *= 2;
            }
            size = Math.min(size, Integer.MAX_VALUE - 8);
            MemorySegment s = Arena.ofAuto().allocate(size, 64);
            if (end > 0) {
                MemorySegment.copy(segment, 0, s, 0, end);
            }
            segment = s;
        }

        void append(ByteBuffer data) {
            int n = data.remaining();
            reserve(n);
            if (data.hasArray()) {
                MemorySegment.copy(data.array(), data.arrayOffset() + data.position(), segment, ValueLayout.JAVA_BYTE, end, n);
            } else {
                MemorySegment.copy(MemorySegment.ofBuffer(data), 0, segment, end, n);
            }
            end += n;
            data.position(data.limit());
        }

        void trim() {
            if (end == 0 && segment.byteSize() > KEEP) {
                free();
            }
        }

        void free() {
            segment = MemorySegment.NULL;
        }
    }
}
