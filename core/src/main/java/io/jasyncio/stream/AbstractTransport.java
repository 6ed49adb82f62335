package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The lifecycle every transport shares, as one checked state machine: open, closing, lost, with
 * {@code connectionLost} called exactly once and asyncio's fatal-error handling
 * ({@code _fatal_error}, {@code _force_close}, {@code _call_connection_lost}). The socket,
 * datagram and pipe transports extend it; a transport of another loop (io_uring) can too.
 *
 * <p>A subclass does the I/O and calls the named transitions; each asserts its precondition and
 * throws {@link IllegalStateException} when called in the wrong state, so a second
 * {@code connectionLost} is a loud bug, not a silent one. The subclass supplies three hooks:
 * {@link #stopIo()} (drop buffers, stop watching the channel), {@link #notifyConnectionLost}
 * (call its protocol) and {@link #release()} (close the channel, detach from a server).
 *
 * <p>Loop-confined: every method runs on the loop thread.
 */
public abstract class AbstractTransport implements BaseTransport {
    /*
     * Implementation notes.
     *
     *   OPEN --beginClosing--> CLOSING --connectionLostNow--> LOST   (close once the buffer drained)
     *   OPEN|CLOSING --scheduleConnectionLost--> LOSING --(next step)--> LOST
     *   OPEN|CLOSING --forceClose/fatalError--> LOSING                (stopIo first)
     *
     * LOSING means connectionLost is scheduled: no more I/O, later writes are dropped. A
     * transition out of LOST never happens. The state replaces asyncio's `_closing` and
     * `_conn_lost` (which asyncio also uses as a counter of writes after the loss; subclasses
     * count those themselves).
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");

    /** Where a transport is in its life. */
    protected enum State {
        /** Reading and writing. */
        OPEN,
        /** {@code close()} was called: no more reading; buffered data is still being sent. */
        CLOSING,
        /** {@code connectionLost} is scheduled: no more I/O. */
        LOSING,
        /** {@code connectionLost} was called and the resources released. */
        LOST
    }

    /** The loop the transport runs on. */
    protected final EventLoop loop;
    private State state = State.OPEN;

    /** An open transport on {@code loop}. */
    protected AbstractTransport(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public final EventLoop loop() {
        return loop;
    }

    /** Whether the transport is closing or lost (asyncio's {@code is_closing()}). */
    @Override
    public final boolean isClosing() {
        return state != State.OPEN;
    }

    /** The current state. */
    protected final State state() {
        return state;
    }

    /** Whether {@code connectionLost} is scheduled or done: no more I/O may happen. */
    protected final boolean isLost() {
        return state == State.LOSING || state == State.LOST;
    }

    /**
     * OPEN to CLOSING, for {@code close()}.
     *
     * @return false, changing nothing, if the transport was not open (close is idempotent)
     */
    protected final boolean beginClosing() {
        if (state != State.OPEN) {
            return false;
        }
        state = State.CLOSING;
        return true;
    }

    /**
     * OPEN or CLOSING to LOSING: schedules {@link #connectionLostNow} with {@code exc} for the
     * next loop step, as asyncio's {@code call_soon(_call_connection_lost)}.
     *
     * @throws IllegalStateException if connectionLost is already scheduled or done
     */
    protected final void scheduleConnectionLost(Throwable exc) {
        require(state == State.OPEN || state == State.CLOSING, "schedule connectionLost");
        state = State.LOSING;
        loop.callSoon(() -> connectionLostNow(exc));
    }

    /**
     * To LOST: calls {@link #notifyConnectionLost} with {@code exc}, then {@link #release()}
     * (even if the protocol threw). Called directly when a closing transport's last bytes are
     * sent, else through {@link #scheduleConnectionLost}.
     *
     * @throws IllegalStateException if connectionLost was already called
     */
    protected final void connectionLostNow(Throwable exc) {
        require(state != State.LOST, "call connectionLost");
        state = State.LOST;
        try {
            notifyConnectionLost(exc);
        } finally {
            release();
        }
    }

    /**
     * asyncio's {@code _force_close}: unless connectionLost is already scheduled or done, stops
     * the I/O ({@link #stopIo()}, buffered data is dropped) and schedules connectionLost with
     * {@code exc}. What {@code abort()} does.
     */
    protected final void forceClose(Throwable exc) {
        if (isLost()) {
            return;
        }
        stopIo();
        scheduleConnectionLost(exc);
    }

    /**
     * asyncio's {@code _fatal_error}: reports {@code exc} to the loop's exception handler unless
     * it is an {@link IOException} (those are the connection's own end, logged at DEBUG in debug
     * mode), then {@link #forceClose}s with it. A {@link VirtualMachineError} is rethrown at once.
     */
    protected final void fatalError(Throwable exc, String message) {
        if (exc instanceof VirtualMachineError e) {
            throw e;
        }
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(Level.DEBUG, this + ": " + message, exc);
            }
        } else {
            loop.callExceptionHandler(new ExceptionContext(message, exc, this, null));
        }
        forceClose(exc);
    }

    /**
     * Stops all I/O before connectionLost is scheduled by {@link #forceClose}: drops buffered
     * data and stops watching the channel. Called in state OPEN or CLOSING, before the state
     * changes.
     */
    protected abstract void stopIo();

    /** Tells the protocol the connection is lost, with {@code exc} or null for a clean end. */
    protected abstract void notifyConnectionLost(Throwable exc);

    /** Releases the transport's resources after connectionLost (closes the channel, say). */
    protected abstract void release();

    private void require(boolean ok, String transition) {
        if (!ok) {
            throw new IllegalStateException("cannot " + transition + " in state " + state + ": " + this);
        }
    }
}
