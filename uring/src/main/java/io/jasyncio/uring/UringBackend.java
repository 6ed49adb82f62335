package io.jasyncio.uring;

import io.jasyncio.loop.IoBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.SelectableChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An {@link IoBackend} over one io_uring {@link Ring}: NIO channels' readiness through
 * one-shot polls ({@link ChannelPolls}), and any other operation through {@link #register}ed
 * {@link Completion}s whose SQEs the completion transports and file operations queue on
 * {@link #ring()}. Every poll submits what is queued and waits in one io_uring_enter.
 */
final class UringBackend implements IoBackend {
    /*
     * Implementation notes.
     *
     * user_data tokens. A token is (generation << 32 | slot) into the completion table; slot 0
     * is never used, so user_data 0 marks SQEs whose CQEs are ignored (removes, cancels).
     * release bumps the slot's generation: a late CQE for a released token no longer matches
     * and is dropped, and the slot's next token differs from every earlier one.
     *
     * Wake-up. An IORING_OP_READ of the eventfd stays armed (re-armed at the start of each
     * poll after it completes). wakeup() writes the eventfd only when no wake-up is pending
     * since the last completion (an atomic flag), so a burst of callSoonThreadsafe costs one
     * write. The flag is cleared when the read completes, before the loop drains its
     * threadsafe queue (the loop does so after every poll), so a wake-up is never lost. The
     * read is armed lazily on the loop thread, not in the constructor: a request belongs to the
     * thread that submitted it and is cancelled when that thread exits, and a loop is often
     * created on one thread and run on another.
     *
     * Completions reaped outside poll (while deregister waits for its removes) hand their work
     * to `deferred`, which the next poll passes to the loop first.
     *
     * Setup flags: SUBMIT_ALL where the kernel has it (5.18), and the task-run mode of
     * UringOptions (DEFER by default). COOP_TASKRUN and DEFER_TASKRUN save the interrupt per
     * completion, but a request's task work then runs only when the submitting thread enters
     * the kernel, so a loop moved to another thread would wait forever for its earlier
     * polls. The ring is therefore created disabled and enabled by the first thread that
     * enters it (Ring.checkOwner), which becomes its only one: a later poll from another
     * thread throws. close() from another thread skips the bounded cancel wait (it may not
     * enter) and lets closing the descriptor cancel what is in flight.
     */
    private static final int FIRST_SLOTS = 64;
    private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
    private static final long CLOSE_SLICE_NANOS = 50_000_000L;
    private static final int EVENTFD_WAKE_SLOT_VALUE = 1;

    private final Ring ring;
    private final Arena arena = Arena.ofShared();
    private final int eventFd;
    private final MemorySegment wakeValue;
    private final MemorySegment eventBuffer;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final long eventToken;
    private boolean eventArmed;
    private final ChannelPolls polls = new ChannelPolls(this);
    private final InterruptWaker interrupts = new InterruptWaker(this::wakeup);
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final Ring.CqeSink dispatch = this::dispatch;
    private Completion[] slots = new Completion[FIRST_SLOTS];
    private int[] generations = new int[FIRST_SLOTS];
    private int[] free = new int[FIRST_SLOTS];
    private int freeCount;
    private int nextSlot = 1;
    private Consumer<Runnable> sink;
    private int opsInFlight;
    /** Guards the eventfd against a wakeup() racing close(): a write to a reused descriptor number would corrupt another file. */
    private final Object wakeLock = new Object();
    private volatile boolean closed;

    /**
     * A ring per {@code options}, and its wake-up eventfd.
     *
     * @throws UringException if the ring cannot be set up
     */
    UringBackend(UringOptions options) {
        ring = openRing(options);
        int efd = Syscalls.eventfd(ring.errnoState());
        if (efd < 0) {
            ring.close();
            arena.close();
            throw new UringException("eventfd", -efd);
        }
        eventFd = efd;
        wakeValue = arena.allocate(ValueLayout.JAVA_LONG);
        wakeValue.set(ValueLayout.JAVA_LONG, 0, EVENTFD_WAKE_SLOT_VALUE);
        eventBuffer = arena.allocate(ValueLayout.JAVA_LONG);
        eventToken = register(this::eventRead);
    }

    private static Ring openRing(UringOptions options) {
        int base = options.sqpoll() ? Uring.IORING_SETUP_SQPOLL : 0;
        UringOptions.TaskRun[] modes = UringOptions.TaskRun.values();
        UringException refused = null;
        // The requested mode, then each older one; SUBMIT_ALL (5.18: an SQE that fails at
        // submission, a poll on a closed descriptor, does not hold back the ones queued
        // after it) with each, and last the bare ring.
        for (int m = options.taskRun().ordinal(); m >= 0; m--) {
            int flags = base | modes[m].setupFlags();
            for (int extra : new int[] {Uring.IORING_SETUP_SUBMIT_ALL, 0}) {
                if (m > 0 && extra == 0) {
                    continue; // the task-run flags are newer than SUBMIT_ALL
                }
                try {
                    return new Ring(options.entries(), flags | extra, options.sqThreadIdleMillis());
                } catch (UringException e) {
                    if (e.errno() != Syscalls.EINVAL) {
                        throw e;
                    }
                    refused = e;
                }
            }
        }
        throw refused;
    }

    /** The ring, to queue SQEs on; loop thread only. */
    Ring ring() {
        return ring;
    }

    /**
     * A user_data token for {@code c}, valid until {@link #release}; tokens are never reused,
     * so a CQE that arrives after the release is dropped rather than misdelivered.
     */
    long register(Completion c) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (nextSlot == slots.length) {
                slots = Arrays.copyOf(slots, slots.length * 2);
                generations = Arrays.copyOf(generations, slots.length);
                free = Arrays.copyOf(free, slots.length);
            }
            slot = nextSlot++;
        }
        slots[slot] = c;
        if (generations[slot] == 0) {
            generations[slot] = 1;
        }
        return ((long) generations[slot] << 32) | slot;
    }

    /** Ends {@code token}: CQEs that still arrive for it are dropped. Releasing twice is harmless. */
    void release(long token) {
        int slot = (int) token;
        if (slot <= 0 || slot >= nextSlot || generations[slot] != (int) (token >>> 32) || slots[slot] == null) {
            return;
        }
        slots[slot] = null;
        int g = generations[slot] + 1;
        generations[slot] = g == 0 ? 1 : g;
        free[freeCount++] = slot;
    }

    /**
     * Appends {@code r} to the loop's ready queue: it runs in this iteration when called while
     * the backend polls (from a {@link Completion}), else in the next one.
     */
    void ready(Runnable r) {
        if (sink != null) {
            sink.accept(r);
        } else {
            deferred.add(r);
        }
    }

    /** Counts an operation in flight that keeps the loop polling and shows in {@link #registrationCount}. */
    void opStarted() {
        opsInFlight++;
    }

    /** Ends what {@link #opStarted} counted. */
    void opFinished() {
        opsInFlight--;
    }

    /**
     * A provided-buffer ring of {@code count} (a power of two, at most 32768) buffers of
     * {@code size} bytes in buffer group {@code group}, registered with this ring (Linux 5.19+).
     *
     * @throws UringException if the kernel refuses it
     */
    BufferRing bufferRing(short group, int count, int size) {
        return new BufferRing(ring, group, count, size);
    }

    @Override
    public void poll(long timeoutNanos, Consumer<Runnable> ready) {
        sink = ready;
        try {
            boolean hadDeferred = !deferred.isEmpty();
            while (!deferred.isEmpty()) {
                ready.accept(deferred.poll());
            }
            polls.armPending();
            if (!eventArmed) {
                MemorySegment sqe = ring.sqe(Uring.IORING_OP_READ, eventFd, eventToken);
                Sqe.addr(sqe, eventBuffer.address());
                Sqe.len(sqe, 8);
                eventArmed = true;
            }
            boolean wait = timeoutNanos != 0 && !hadDeferred && !ring.hasCompletions();
            if (wait) {
                interrupts.beforeWait();
                try {
                    check(ring.enter(1, timeoutNanos, 0));
                } finally {
                    interrupts.afterWait();
                }
            } else {
                check(ring.enter(0, 0, 0));
            }
            ring.reap(dispatch);
        } finally {
            sink = null;
        }
    }

    /** Submits what is queued, waits up to {@code timeoutNanos} for a CQE, and reaps; outside poll. */
    void submitAndReap(long timeoutNanos) {
        check(ring.enter(ring.hasCompletions() ? 0 : 1, timeoutNanos, 0));
        ring.reap(dispatch);
    }

    private static void check(int r) {
        if (r < 0 && r != -Syscalls.ETIME && r != -Syscalls.EINTR && r != -Syscalls.EBUSY && r != -Syscalls.EAGAIN) {
            throw new UringException("io_uring_enter", -r);
        }
    }

    private void dispatch(long userData, int res, int flags) {
        int slot = (int) userData;
        if (slot <= 0 || slot >= nextSlot || generations[slot] != (int) (userData >>> 32)) {
            return;
        }
        Completion c = slots[slot];
        if (c != null) {
            c.complete(res, flags);
        }
    }

    private void eventRead(int res, int flags) {
        eventArmed = false;
        wakePending.set(false);
    }

    @Override
    public void wakeup() {
        if (wakePending.compareAndSet(false, true)) {
            synchronized (wakeLock) {
                if (!closed) {
                    Syscalls.write(eventFd, wakeValue, 8);
                }
            }
        }
    }

    @Override
    public boolean hasRegistrations() {
        return polls.active() || opsInFlight > 0 || !deferred.isEmpty() || ring.hasUnsubmitted();
    }

    @Override
    public int registrationCount() {
        return polls.count() + opsInFlight;
    }

    @Override
    public Runnable setReader(SelectableChannel channel, Runnable callback) {
        return polls.set(channel, callback, true);
    }

    @Override
    public Runnable setWriter(SelectableChannel channel, Runnable callback) {
        return polls.set(channel, callback, false);
    }

    @Override
    public void deregister(SelectableChannel channel) {
        polls.deregister(channel);
    }

    @Override
    public void deregisterSoon(SelectableChannel channel) {
        polls.deregisterSoon(channel);
    }

    @Override
    public void flushDeregistered() {
        polls.flushDeregistered();
    }

    /**
     * Cancels every operation in flight and waits (boundedly) for their CQEs, so that the files
     * they hold are released now, then unmaps the ring and closes its descriptors.
     */
    @Override
    public void close() {
        synchronized (wakeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            polls.forgetAll();
            if (!ring.mayEnter()) {
                return;
            }
            boolean[] cancelled = new boolean[1];
            long cancelToken = register((res, flags) -> cancelled[0] = true);
            MemorySegment sqe = ring.sqe(Uring.IORING_OP_ASYNC_CANCEL, -1, cancelToken);
            Sqe.opFlags(sqe, Uring.IORING_ASYNC_CANCEL_ANY | Uring.IORING_ASYNC_CANCEL_ALL);
            long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
            while ((!cancelled[0] || polls.armed() > 0) && System.nanoTime() - deadline < 0) {
                submitAndReap(CLOSE_SLICE_NANOS);
            }
        } finally {
            deferred.clear();
            ring.close();
            Syscalls.close(eventFd);
            arena.close();
        }
    }
}
