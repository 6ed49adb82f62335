package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow control a {@link StreamWriter} needs from its protocol: asyncio's
 * {@code FlowControlMixin}. It tracks the transport's {@link #pauseWriting()} /
 * {@link #resumeWriting()} so that {@link StreamWriter#drain()} can wait while the transport's
 * write buffer is over its high-water mark, and {@link #connectionLost} so that waiting drains
 * and {@link StreamWriter#waitClosed()} end.
 *
 * <p>Subclasses that override {@code pauseWriting}, {@code resumeWriting} or
 * {@code connectionLost} must call the superclass method. {@link StreamReaderProtocol} is the
 * one streams use; subprocess pipes use their own.
 *
 * <p>Loop-confined: its transport calls it on the loop thread.
 */
public abstract class FlowControlProtocol implements Protocol {
    /*
     * Implementation notes.
     *
     * drainWaiters holds one private future per task suspended in drainHelper(); they are
     * completed with null on resumeWriting and with the connection's exception (or null) on
     * connectionLost, and the waiting task throws that exception itself, so no future holds an
     * exception nobody retrieves. Each waiter removes its own future on the way out, whether it
     * was woken or cancelled. closeWaiters work the same way for waitClosed(): one future per
     * waiting task, so cancelling one waitClosed() does not disturb the others (asyncio shares
     * one future, which a cancelled waiter would cancel for everyone).
     */
    private final List<Future<Throwable>> drainWaiters = new ArrayList<>();
    private final List<Future<Throwable>> closeWaiters = new ArrayList<>();
    private boolean paused;
    private boolean connectionLost;
    private Throwable lostWith;

    /** A protocol that is not paused and not lost. */
    protected FlowControlProtocol() {
    }

    /** Records that the transport's write buffer is over its high-water mark. */
    @Override
    public void pauseWriting() {
        paused = true;
    }

    /** Records that the write buffer drained, and wakes every task waiting in a drain. */
    @Override
    public void resumeWriting() {
        paused = false;
        wake(drainWaiters, null);
    }

    /**
     * Records the end of the connection: waiting drains return ({@code exc == null}) or throw
     * {@code exc}, and {@link #waitClosed()} returns or throws alike.
     */
    @Override
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        lostWith = exc;
        if (paused) {
            wake(drainWaiters, exc);
        }
        wake(closeWaiters, exc);
    }

    /** Whether the transport asked to stop writing and has not resumed. */
    public final boolean isWritingPaused() {
        return paused;
    }

    /** Whether {@link #connectionLost} was called. */
    public final boolean isConnectionLost() {
        return connectionLost;
    }

    /**
     * Returns at once unless writing is paused; then suspends until it resumes or the connection
     * is lost. asyncio's {@code _drain_helper}. A cancellation point when it waits.
     *
     * @throws SocketException "Connection lost" if the connection was lost before the call
     *         (asyncio's {@code ConnectionResetError})
     * @throws IOException the connection's exception if it was lost with one while waiting
     * @throws CancelledError if the task is cancelled while waiting
     */
    final void drainHelper() throws IOException {
        if (connectionLost) {
            throw new SocketException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Throwable failure = park(drainWaiters);
        if (failure != null) {
            throw StreamReader.rethrow(failure);
        }
    }

    /**
     * Suspends until {@link #connectionLost} (at once if it was called). A cancellation point
     * when it waits.
     *
     * @throws IOException the exception the connection was lost with, if any
     * @throws CancelledError if the task is cancelled while waiting
     */
    final void waitClosed() throws IOException {
        Throwable failure = connectionLost ? lostWith : park(closeWaiters);
        if (failure != null) {
            throw StreamReader.rethrow(failure);
        }
    }

    private static Throwable park(List<Future<Throwable>> waiters) {
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("only a task can wait here (it would have to suspend)");
        }
        Future<Throwable> w = task.loop().createFuture();
        waiters.add(w);
        try {
            return w.await();
        } finally {
            waiters.remove(w);
        }
    }

    private static void wake(List<Future<Throwable>> waiters, Throwable outcome) {
        for (Future<Throwable> w : List.copyOf(waiters)) {
            if (!w.isDone()) {
                w.setResult(outcome);
            }
        }
    }
}
