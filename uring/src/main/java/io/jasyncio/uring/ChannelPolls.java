package io.jasyncio.uring;

import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import sun.nio.ch.SelChImpl;

/**
 * The readiness half of {@link UringBackend}: reader and writer callbacks of NIO channels,
 * watched with one-shot {@code IORING_OP_POLL_ADD}s that are re-armed after each firing, which
 * makes them level-triggered like the selector.
 */
final class ChannelPolls {
    /*
     * Implementation notes.
     *
     * A Watch per channel with reader or writer interest; in it one Poll per direction, each a
     * Completion with its own user_data token for the Watch's lifetime. A Poll is "armed" from
     * the SQE that adds it until its one CQE arrives (a one-shot poll posts exactly one CQE,
     * whether it fires, fails or is removed), so the token is released only when it is not
     * armed. A new channel that reuses a closed one's descriptor number gets a new Watch and
     * new tokens: a late CQE of the old poll finds its token released and is dropped.
     *
     * Level-triggered. When a poll fires, its callback goes to the ready queue and the poll is
     * queued for re-arming at the start of the next poll(), that is after the callback ran. If
     * the callback left data unread, the re-armed poll completes at once inside the same
     * io_uring_enter; if not, it waits. Multishot polls are edge-triggered (one CQE per wake-up),
     * which core's transports, that read once per readiness, cannot use.
     *
     * Arming is deferred to poll() for a second reason: a callback set and removed within one
     * iteration costs nothing, and many changes cost one io_uring_enter.
     *
     * Deregistration. An armed poll holds a reference to the channel's file: until it is
     * removed, the JDK's close of the descriptor does not close the socket. deregister queues
     * a POLL_REMOVE for each armed poll and waits (io_uring_enter with GETEVENTS) until their
     * CQEs arrive; deregisterSoon only queues them, and counts them in deadArmed so that
     * flushDeregistered can wait for all of them. CQEs of other operations reaped while
     * waiting are dispatched as usual: their follow-up work waits in the backend's deferred
     * queue for the next poll.
     *
     * A poll cancelled by the kernel rather than by us (-ECANCELED: the thread that submitted
     * it exited) is re-armed if its callback is still set, so a loop may move between threads.
     */
    private static final long DEREGISTER_WAIT_NANOS = 5_000_000_000L;
    private static final long WAIT_SLICE_NANOS = 100_000_000L;
    private static final int SWEEP_EVERY = 256;

    private final UringBackend backend;
    private final HashMap<SelectableChannel, Watch> watches = new HashMap<>();
    private final ArrayList<Poll> toArm = new ArrayList<>();
    private int armed;
    private int deadArmed;
    private int pollsSinceSweep;

    ChannelPolls(UringBackend backend) {
        this.backend = backend;
    }

    /** The interest of one channel. */
    private final class Watch {
        final SelectableChannel channel;
        final int fd;
        final Poll read = new Poll(this, Uring.POLLIN);
        final Poll write = new Poll(this, Uring.POLLOUT);
        boolean dead;

        Watch(SelectableChannel channel, int fd) {
            this.channel = channel;
            this.fd = fd;
        }
    }

    /** One direction of a Watch: its callback and its one-shot poll. */
    private final class Poll implements Completion {
        final Watch watch;
        final int events;
        final long token;
        Runnable callback;
        boolean armed;
        boolean queued;
        boolean released;

        Poll(Watch watch, int events) {
            this.watch = watch;
            this.events = events;
            this.token = backend.register(this);
        }

        @Override
        public void complete(int res, int flags) {
            armed = false;
            ChannelPolls.this.armed--;
            if (watch.dead) {
                deadArmed--;
                release();
                return;
            }
            if (res == -Syscalls.EBADF || !watch.channel.isOpen()) {
                // Closed without deregistering: its file lived on in our poll; nothing to watch.
                forget(watch);
                return;
            }
            if (callback != null) {
                if (res != -Syscalls.ECANCELED) {
                    backend.ready(callback);
                }
                queueArm(this);
            } else {
                maybeForget(watch);
            }
        }

        void release() {
            if (!released) {
                released = true;
                backend.release(token);
            }
        }
    }

    Runnable set(SelectableChannel channel, Runnable callback, boolean read) {
        if (callback != null) {
            check(channel, read);
        }
        Watch w = watches.get(channel);
        if (w == null) {
            if (callback == null) {
                return null;
            }
            w = new Watch(channel, fdOf(channel));
            watches.put(channel, w);
        }
        Poll p = read ? w.read : w.write;
        Runnable old = p.callback;
        p.callback = callback;
        if (callback != null) {
            queueArm(p);
        } else {
            maybeForget(w);
        }
        return old;
    }

    private static void check(SelectableChannel channel, boolean read) {
        int ops = channel.validOps() & (read ? SelectionKey.OP_READ | SelectionKey.OP_ACCEPT : SelectionKey.OP_WRITE);
        if (ops == 0) {
            throw new IllegalArgumentException(channel + " cannot be " + (read ? "read" : "written"));
        }
        if (!channel.isOpen()) {
            throw new UncheckedIOException("cannot watch a closed channel", new ClosedChannelException());
        }
        if (channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
    }

    private static int fdOf(SelectableChannel channel) {
        if (channel instanceof SelChImpl s) {
            return s.getFDVal();
        }
        throw new IllegalArgumentException(channel + " is not a JDK channel with a file descriptor");
    }

    private void queueArm(Poll p) {
        if (!p.queued && !p.armed) {
            p.queued = true;
            toArm.add(p);
        }
    }

    /** Queues the POLL_ADDs of the polls that wait for arming; called by poll() before it enters. */
    void armPending() {
        if (++pollsSinceSweep >= SWEEP_EVERY) {
            pollsSinceSweep = 0;
            sweepClosed();
        }
        if (toArm.isEmpty()) {
            return;
        }
        for (int i = 0; i < toArm.size(); i++) {
            Poll p = toArm.get(i);
            p.queued = false;
            if (p.watch.dead || p.callback == null || p.armed) {
                continue;
            }
            if (!p.watch.channel.isOpen()) {
                forget(p.watch);
                continue;
            }
            MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_POLL_ADD, p.watch.fd, p.token);
            Sqe.opFlags(sqe, p.events);
            p.armed = true;
            armed++;
        }
        toArm.clear();
    }

    /** Channels closed without deregistering (a user's addReader socket): end their polls. */
    private void sweepClosed() {
        List<Watch> closed = null;
        for (Watch w : watches.values()) {
            if (!w.channel.isOpen()) {
                if (closed == null) {
                    closed = new ArrayList<>();
                }
                closed.add(w);
            }
        }
        if (closed != null) {
            closed.forEach(this::forget);
        }
    }

    private void maybeForget(Watch w) {
        if (w.read.callback == null && w.write.callback == null && !w.read.armed && !w.write.armed) {
            forget(w);
        }
    }

    /** Ends the watch: its polls are removed (their CQEs still arrive) and its tokens released after them. */
    private void forget(Watch w) {
        if (w.dead) {
            return;
        }
        w.dead = true;
        watches.remove(w.channel, w);
        cancel(w.read);
        cancel(w.write);
    }

    private void cancel(Poll p) {
        if (p.armed) {
            deadArmed++;
            MemorySegment sqe = backend.ring().sqe(Uring.IORING_OP_POLL_REMOVE, -1, 0);
            Sqe.addr(sqe, p.token);
        } else {
            p.release();
        }
    }

    void deregister(SelectableChannel channel) {
        Watch w = watches.get(channel);
        if (w == null) {
            return;
        }
        forget(w);
        long deadline = System.nanoTime() + DEREGISTER_WAIT_NANOS;
        while ((w.read.armed || w.write.armed) && System.nanoTime() - deadline < 0) {
            backend.submitAndReap(WAIT_SLICE_NANOS);
        }
    }

    void deregisterSoon(SelectableChannel channel) {
        Watch w = watches.get(channel);
        if (w != null) {
            forget(w);
        }
    }

    void flushDeregistered() {
        long deadline = System.nanoTime() + DEREGISTER_WAIT_NANOS;
        while (deadArmed > 0 && System.nanoTime() - deadline < 0) {
            backend.submitAndReap(WAIT_SLICE_NANOS);
        }
    }

    /** Ends every watch (the backend closes); their CQEs are reaped by the caller's cancel-all. */
    void forgetAll() {
        new ArrayList<>(watches.values()).forEach(this::forget);
    }

    boolean active() {
        return !watches.isEmpty() || armed > 0 || !toArm.isEmpty();
    }

    /** Polls in flight (armed), including those being removed. */
    int armed() {
        return armed;
    }

    int count() {
        int n = 0;
        for (Watch w : watches.values()) {
            if ((w.read.callback != null || w.write.callback != null) && w.channel.isOpen()) {
                n++;
            }
        }
        return n;
    }
}
