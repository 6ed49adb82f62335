package io.jasyncio.uring;

import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One file operation on the ring, awaited by a task: it submits one SQE and completes a loop
 * future with the CQE's result.
 */
final class UringFileOp implements Completion {
    /*
     * Implementation notes.
     *
     * Memory the kernel uses (buffers, path strings, statx structs) belongs to the operation
     * until its CQE: `complete` runs when the CQE is reaped, and only then may anyone give it
     * back. Who gives it back: the waiting task when it takes the result; `orphan` when nobody
     * takes it (the task was cancelled before the CQE, or after the CQE but before it resumed).
     * Exactly one of them does, as in core's Offload.
     *
     * A task cancelled while the operation is in flight queues an IORING_OP_ASYNC_CANCEL for the
     * operation's user_data (with user_data 0: its own CQE is ignored). The kernel answers the
     * operation with -ECANCELED or with its real result if it was too late; either way the CQE
     * comes, and with it the end of the memory's use. `owner` is told when the operation ends,
     * so a closing file knows when no operation of its descriptor is left.
     */
    private final UringBackend backend;
    private final Future<Integer> result;
    private final IntConsumer orphan;
    private final Consumer<UringFileOp> owner;
    private long token;
    private boolean completed;

    UringFileOp(UringBackend backend, EventLoop loop, IntConsumer orphan, Consumer<UringFileOp> owner) {
        this.backend = backend;
        this.result = loop.createFuture();
        this.orphan = orphan;
        this.owner = owner;
    }

    /** The SQE of this operation, queued on the ring; the caller fills in its fields. */
    MemorySegment sqe(byte opcode, int fd) {
        token = backend.register(this);
        try {
            MemorySegment sqe = backend.ring().sqe(opcode, fd, token);
            backend.opStarted();
            return sqe;
        } catch (RuntimeException e) {
            // No SQE was queued (the ring stayed full): no CQE will come for this token.
            backend.release(token);
            token = 0;
            throw e;
        }
    }

    @Override
    public void complete(int res, int flags) {
        completed = true;
        backend.release(token);
        backend.opFinished();
        backend.ready(() -> {
            if (owner != null) {
                owner.accept(this);
            }
            if (!result.trySetResult(res) && orphan != null) {
                orphan.accept(res);
            }
        });
    }

    /** The future the CQE's result completes (for a chain nobody awaits, as a file's close). */
    Future<Integer> future() {
        return result;
    }

    /** Whether the CQE has not come yet. */
    boolean inFlight() {
        return token != 0 && !completed;
    }

    /** Asks the kernel to cancel this operation; its CQE still comes. */
    void cancel() {
        if (inFlight()) {
            MemorySegment c = backend.ring().sqe(Uring.IORING_OP_ASYNC_CANCEL, -1, 0);
            Sqe.addr(c, token);
        }
    }

    /**
     * Suspends until the CQE and returns its result (a negative errno on failure). If the task
     * is cancelled, the operation is cancelled too and {@code orphan} gets the result later.
     */
    int await() {
        try {
            return result.await();
        } catch (CancelledError e) {
            if (result.isDone() && !result.isCancelled()) {
                // The CQE came but the task was cancelled before it resumed: the outcome is ours.
                if (orphan != null) {
                    orphan.accept(result.result());
                }
            } else {
                cancel();
            }
            throw e;
        }
    }
}
