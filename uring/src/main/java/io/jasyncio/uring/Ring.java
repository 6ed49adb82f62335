package io.jasyncio.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One io_uring instance: its submission and completion rings mapped into this process, and the
 * {@code io_uring_enter} that submits and waits. Loop-thread only: {@link UringBackend} is the
 * one user, and operations reach it through {@link #sqe}.
 */
final class Ring implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * Indices. sqeTail is our private SQ tail (SQEs handed out); it is published to the
     * kernel's tail with a release store only when we submit, so the kernel never sees a
     * half-filled entry. The SQ array is filled once with the identity (slot i -> SQE i), so
     * an SQE's index is its tail position & mask. cqHead is our private CQ head, published
     * with a release store after each entry so the kernel may reuse the slot. The kernel's CQ
     * tail and SQ head are read with acquire loads: they are written by another CPU (a task
     * work or the SQ thread) and the entries they cover must be visible first.
     *
     * SQPOLL. A kernel thread consumes the SQ; submitting is publishing the tail, plus an
     * io_uring_enter with SQ_WAKEUP when the thread has gone to sleep (IORING_SQ_NEED_WAKEUP,
     * read after a full fence so the check cannot pass our tail store). Without SQPOLL,
     * io_uring_enter submits what lies between the kernel's head and our tail.
     *
     * Completions are not waited for here beyond io_uring_enter's GETEVENTS: the caller reaps
     * with reap(), which checks IORING_SQ_CQ_OVERFLOW (the kernel keeps CQEs that did not fit,
     * with IORING_FEAT_NODROP) and flushes them with one more enter.
     */
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    static final int CQE_SIZE = 16;
    private static final long PARAMS_SIZE = 120;
    private static final long ARG_SIZE = 24;

    /** Receives one CQE while reaping. */
    @FunctionalInterface
    interface CqeSink {
        void cqe(long userData, int res, int flags);
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errnoState;
    private final MemorySegment extArg;
    private final MemorySegment timespec;
    private final int fd;
    private final int features;
    private final boolean sqpoll;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    /** One view per SQE, made once: handing out an SQE allocates nothing. */
    private final MemorySegment[] sqeSlices;
    private final long sqRingSize;
    private final long cqRingSize;
    private final long sqesSize;
    private final int sqEntries;
    private final int sqMask;
    private final int cqMask;
    private final int cqEntries;
    private final long sqHeadOff;
    private final long sqTailOff;
    private final long sqFlagsOff;
    private final long cqHeadOff;
    private final long cqTailOff;
    private final long cqesOff;
    private int sqeTail;
    private int publishedTail;
    private int cqHead;
    private boolean closed;
    /** Created with IORING_SETUP_R_DISABLED and not enabled yet: the first {@link #enter} enables it. */
    private boolean disabled;
    /** COOP_TASKRUN or DEFER_TASKRUN: only {@link #owner} may enter. */
    private final boolean bound;
    private final boolean deferTaskrun;
    private final int setupFlags;
    private Thread owner;
    /** Counts publications of the SQ tail: an SQE handed out at epoch e is still ours to change while it is e. */
    private long publishEpoch;
    /** Measurement switch (jasyncio.uring.submitEach): submit every SQE in its own io_uring_enter. */
    private static final boolean SUBMIT_EACH = Boolean.getBoolean("jasyncio.uring.submitEach");

    /**
     * Sets up a ring with at least {@code entries} SQ entries (rounded up to a power of two by
     * the kernel) and four times as many CQ entries.
     *
     * @param flags extra IORING_SETUP_* flags (SQPOLL, COOP_TASKRUN...)
     * @throws UringException with the errno if a system call fails
     */
    Ring(int entries, int flags, int sqThreadIdleMillis) {
        MemorySegment params = arena.allocate(PARAMS_SIZE, 8);
        errnoState = Syscalls.newCaptureState(arena);
        extArg = arena.allocate(ARG_SIZE, 8);
        timespec = arena.allocate(16, 8);
        params.set(ValueLayout.JAVA_INT, 4, entries * 4); // cq_entries, with CQSIZE
        params.set(ValueLayout.JAVA_INT, 8, flags | Uring.IORING_SETUP_CQSIZE | Uring.IORING_SETUP_CLAMP);
        params.set(ValueLayout.JAVA_INT, 16, sqThreadIdleMillis);
        int ringFd = Syscalls.ioUringSetup(errnoState, entries, params);
        if (ringFd < 0) {
            arena.close();
            throw new UringException("io_uring_setup", -ringFd);
        }
        fd = ringFd;
        sqpoll = (flags & Uring.IORING_SETUP_SQPOLL) != 0;
        setupFlags = flags;
        disabled = (flags & Uring.IORING_SETUP_R_DISABLED) != 0;
        bound = (flags & (Uring.IORING_SETUP_COOP_TASKRUN | Uring.IORING_SETUP_DEFER_TASKRUN)) != 0;
        deferTaskrun = (flags & Uring.IORING_SETUP_DEFER_TASKRUN) != 0;
        features = params.get(ValueLayout.JAVA_INT, 20);
        sqEntries = params.get(ValueLayout.JAVA_INT, 0);
        cqEntries = params.get(ValueLayout.JAVA_INT, 4);
        long sq = 40;
        long cq = 80;
        sqHeadOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, sq));
        sqTailOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, sq + 4));
        long sqMaskOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, sq + 8));
        sqFlagsOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, sq + 16));
        long sqArrayOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, sq + 24));
        cqHeadOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, cq));
        cqTailOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, cq + 4));
        long cqMaskOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, cq + 8));
        cqesOff = Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, cq + 20));

        long sqSize = sqArrayOff + 4L * sqEntries;
        long cqSize = cqesOff + (long) CQE_SIZE * cqEntries;
        boolean single = (features & Uring.IORING_FEAT_SINGLE_MMAP) != 0;
        try {
            if (single) {
                sqRingSize = Math.max(sqSize, cqSize);
                cqRingSize = 0;
                sqRing = map(sqRingSize, Uring.IORING_OFF_SQ_RING);
                cqRing = sqRing;
            } else {
                sqRingSize = sqSize;
                cqRingSize = cqSize;
                sqRing = map(sqRingSize, Uring.IORING_OFF_SQ_RING);
                cqRing = map(cqRingSize, Uring.IORING_OFF_CQ_RING);
            }
            sqesSize = Sqe.SIZE * sqEntries;
            sqes = map(sqesSize, Uring.IORING_OFF_SQES);
        } catch (UringException e) {
            Syscalls.close(fd);
            arena.close();
            throw e;
        }
        sqMask = sqRing.get(ValueLayout.JAVA_INT, sqMaskOff);
        cqMask = cqRing.get(ValueLayout.JAVA_INT, cqMaskOff);
        sqeSlices = new MemorySegment[sqEntries];
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(ValueLayout.JAVA_INT, sqArrayOff + 4L * i, i);
            sqeSlices[i] = sqes.asSlice(i * Sqe.SIZE, Sqe.SIZE);
        }
        sqeTail = (int) INT.getAcquire(sqRing, sqTailOff);
        publishedTail = sqeTail;
        cqHead = (int) INT.getAcquire(cqRing, cqHeadOff);
    }

    private MemorySegment map(long size, long offset) {
        long addr = Syscalls.mmapShared(errnoState, size, fd, offset);
        if (addr < 0) {
            throw new UringException("mmap of the ring", (int) -addr);
        }
        return MemorySegment.ofAddress(addr).reinterpret(size);
    }

    /** The ring's descriptor, for io_uring_register. */
    int fd() {
        return fd;
    }

    /** The IORING_FEAT_* bits the kernel reported. */
    int features() {
        return features;
    }

    /** Whether a kernel thread polls the SQ (IORING_SETUP_SQPOLL). */
    boolean sqpoll() {
        return sqpoll;
    }

    /** The SQ size, a power of two. */
    int sqEntries() {
        return sqEntries;
    }

    /** The errno capture segment of the loop thread's calls. */
    MemorySegment errnoState() {
        return errnoState;
    }

    /**
     * The next free SQE (64 bytes, zeroed) with its opcode, fd and user_data set; it is
     * submitted with the next {@link #submit} or {@link #enter}. If the SQ is full, submits what
     * is queued first (an io_uring_enter that does not wait).
     *
     * @throws UringException if the SQ stays full (the kernel refuses submissions)
     */
    MemorySegment sqe(byte opcode, int fd, long userData) {
        if (SUBMIT_EACH && sqeTail != publishedTail) {
            enter(0, 0, 0);
        }
        if (sqeTail - (int) INT.getAcquire(sqRing, sqHeadOff) >= sqEntries) {
            makeRoom();
        }
        MemorySegment sqe = sqeSlices[sqeTail & sqMask];
        sqeTail++;
        sqe.fill((byte) 0);
        sqe.set(ValueLayout.JAVA_BYTE, Sqe.OPCODE, opcode);
        sqe.set(ValueLayout.JAVA_INT, Sqe.FD, fd);
        sqe.set(ValueLayout.JAVA_LONG, Sqe.USER_DATA, userData);
        return sqe;
    }

    private void makeRoom() {
        int r = enter(0, 0, sqpoll ? Uring.IORING_ENTER_SQ_WAIT : 0);
        if (r < 0 && r != -Syscalls.EINTR) {
            throw new UringException("io_uring_enter (SQ full)", -r);
        }
        if (sqeTail - (int) INT.getAcquire(sqRing, sqHeadOff) >= sqEntries) {
            throw new UringException("the submission queue stays full", Syscalls.EBUSY);
        }
    }

    /** Whether SQEs were handed out that the kernel has not consumed yet. */
    boolean hasUnsubmitted() {
        return sqeTail != publishedTail || (!sqpoll && sqeTail != (int) INT.getAcquire(sqRing, sqHeadOff));
    }

    /** Whether CQEs wait to be reaped. */
    boolean hasCompletions() {
        return (int) INT.getAcquire(cqRing, cqTailOff) != cqHead;
    }

    /** Submits the queued SQEs without waiting: {@link #enter}{@code (0, 0, 0)}. */
    int submit() {
        return enter(0, 0, 0);
    }

    /**
     * Submits the queued SQEs and, if {@code minComplete > 0}, waits until that many CQEs are
     * ready or {@code timeoutNanos} passes (negative: no limit), in one io_uring_enter.
     *
     * @return the number of SQEs submitted, or {@code -errno} (ETIME when the wait timed out,
     *         EINTR when a signal arrived)
     */
    int enter(int minComplete, long timeoutNanos, int extraFlags) {
        checkOwner();
        int toSubmit = publish();
        int flags = extraFlags;
        if (sqpoll) {
            VarHandle.fullFence();
            if (((int) INT.getVolatile(sqRing, sqFlagsOff) & Uring.IORING_SQ_NEED_WAKEUP) != 0) {
                flags |= Uring.IORING_ENTER_SQ_WAKEUP;
            }
        }
        // TASKRUN (COOP/DEFER with TASKRUN_FLAG): task work waits that only an enter with
        // GETEVENTS runs; without it the CQ would look empty to a zero-timeout poll.
        if (minComplete > 0 || (sqFlags() & (Uring.IORING_SQ_CQ_OVERFLOW | Uring.IORING_SQ_TASKRUN)) != 0) {
            flags |= Uring.IORING_ENTER_GETEVENTS;
        }
        if (flags == 0 && toSubmit == 0) {
            return 0; // nothing to tell the kernel (an awake SQ thread takes what was published)
        }
        if (minComplete > 0 && timeoutNanos >= 0) {
            timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            extArg.set(ValueLayout.JAVA_LONG, 16, timespec.address());
            return checked(Syscalls.ioUringEnterNoErrno(fd, toSubmit, minComplete,
                    flags | Uring.IORING_ENTER_EXT_ARG, extArg.address(), ARG_SIZE));
        }
        return checked(Syscalls.ioUringEnterNoErrno(fd, toSubmit, minComplete, flags, 0, 0));
    }

    /**
     * Classifies a failed enter without its errno: an enter that does nothing is repeated with
     * errno captured. If it succeeds, the failure was one of the transient ones (the wait timed
     * out, a signal came, the CQ was momentarily full), reported as EINTR; if it fails, its errno
     * is the ring's real problem (a closed descriptor, a fault).
     */
    private int checked(int r) {
        if (r != -1) {
            return r;
        }
        int again = Syscalls.ioUringEnter(errnoState, fd, 0, 0, 0, 0, 0);
        return again < 0 ? again : -Syscalls.EINTR;
    }

    private int publish() {
        if (sqeTail != publishedTail) {
            INT.setRelease(sqRing, sqTailOff, sqeTail);
            publishedTail = sqeTail;
            publishEpoch++;
        }
        return sqpoll ? 0 : sqeTail - (int) INT.getAcquire(sqRing, sqHeadOff);
    }

    private int sqFlags() {
        return (int) INT.getVolatile(sqRing, sqFlagsOff);
    }

    /**
     * Makes the calling thread the ring's owner if it is bound and has none yet, enabling a
     * ring created disabled (its SINGLE_ISSUER task becomes this thread).
     *
     * @throws IllegalStateException if another thread owns the ring, or the thread is virtual
     */
    private void checkOwner() {
        if (!bound) {
            return;
        }
        Thread t = Thread.currentThread();
        if (owner == t) {
            return;
        }
        if (owner != null) {
            throw new IllegalStateException("this io_uring loop runs on thread " + owner.getName()
                    + ", the first that ran it (task-run mode " + (deferTaskrun ? "DEFER" : "COOP")
                    + "), not on " + t.getName() + "; use UringOptions.TaskRun.DEFAULT_TASKRUN for a loop that moves between threads");
        }
        if (t.isVirtual()) {
            throw new IllegalStateException("an io_uring loop in task-run mode " + (deferTaskrun ? "DEFER" : "COOP")
                    + " cannot run on a virtual thread (the kernel binds the ring to the carrier); use a platform thread or UringOptions.TaskRun.DEFAULT_TASKRUN");
        }
        if (disabled) {
            int r = Syscalls.ioUringRegister(errnoState, fd, Uring.IORING_REGISTER_ENABLE_RINGS, 0, 0);
            if (r < 0) {
                throw new UringException("io_uring_register(ENABLE_RINGS)", -r);
            }
            disabled = false;
        }
        owner = t;
    }

    /** The IORING_SETUP_* flags the ring was created with (without CQSIZE and CLAMP). */
    int setupFlags() {
        return setupFlags;
    }

    /** Whether the calling thread may enter the ring (it is not bound to another thread). */
    boolean mayEnter() {
        return !bound || owner == null || owner == Thread.currentThread();
    }

    /** The SQ-tail publication count; see {@link #unsubmitted}. */
    long publishEpoch() {
        return publishEpoch;
    }

    /** Whether SQEs handed out at {@code epoch} are still invisible to the kernel, so they may be changed. */
    boolean unsubmitted(long epoch) {
        return epoch == publishEpoch;
    }

    private boolean overflowed() {
        return ((int) INT.getVolatile(sqRing, sqFlagsOff) & Uring.IORING_SQ_CQ_OVERFLOW) != 0;
    }

    /**
     * Passes every ready CQE to {@code sink}, in order, releasing each slot to the kernel
     * before the next; flushes CQEs the kernel kept back on overflow.
     *
     * @return the number reaped
     */
    int reap(CqeSink sink) {
        int n = 0;
        while (true) {
            int tail = (int) INT.getAcquire(cqRing, cqTailOff);
            while (cqHead != tail) {
                long at = cqesOff + (long) (cqHead & cqMask) * CQE_SIZE;
                long userData = cqRing.get(ValueLayout.JAVA_LONG, at);
                int res = cqRing.get(ValueLayout.JAVA_INT, at + 8);
                int flags = cqRing.get(ValueLayout.JAVA_INT, at + 12);
                cqHead++;
                INT.setRelease(cqRing, cqHeadOff, cqHead);
                n++;
                sink.cqe(userData, res, flags);
            }
            if (!overflowed()) {
                return n;
            }
            Syscalls.ioUringEnter(errnoState, fd, 0, 0, Uring.IORING_ENTER_GETEVENTS, 0, 0);
            if ((int) INT.getAcquire(cqRing, cqTailOff) == cqHead) {
                return n;
            }
        }
    }

    /** Unmaps the rings and closes the descriptor; the kernel cancels what is still in flight. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Syscalls.munmap(sqes.address(), sqesSize);
        Syscalls.munmap(sqRing.address(), sqRingSize);
        if (cqRing != sqRing) {
            Syscalls.munmap(cqRing.address(), cqRingSize);
        }
        Syscalls.close(fd);
        arena.close();
    }
}
