package io.jasyncio.stream;

import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import java.io.IOException;

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
     * drainWaiters and closeWaiters are ParkingLots, woken all at once on resumeWriting and on
     * connectionLost. A woken task reads the outcome from the fields (lostWith) and throws it
     * itself, so no future holds an exception nobody retrieves. One waiter per task, so
     * cancelling one waitClosed() does not disturb the others (asyncio shares one future, which
     * a cancelled waiter would cancel for everyone).
     *
     * Differs from asyncio in one race: a drain woken by resumeWriting whose connection is then
     * lost with an error before it runs throws that error (asyncio's returns); the next write
     * would fail anyway.
     */
    private final ParkingLot drainWaiters = new ParkingLot(this);
    private final ParkingLot closeWaiters = new ParkingLot(this);
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
        drainWaiters.wakeAll();
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
            drainWaiters.wakeAll();
        }
        closeWaiters.wakeAll();
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
     * @throws ConnectionResetException "Connection lost" if the connection was lost before the
     *         call (asyncio's {@code ConnectionResetError})
     * @throws IOException the connection's exception if it was lost with one while waiting
     * @throws CancelledError if the task is cancelled while waiting
     */
    final void drainHelper() throws IOException {
        if (connectionLost) {
            throw new ConnectionResetException("Connection lost");
        }
        if (!paused) {
            return;
        }
        drainWaiters.park();
        if (connectionLost && lostWith != null) {
            throw StreamReader.rethrow(lostWith);
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
        if (!connectionLost) {
            closeWaiters.park();
        }
        if (lostWith != null) {
            throw StreamReader.rethrow(lostWith);
        }
    }
}
