package io.jasyncio.process;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.AbstractTransport;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the two pipe transports share: the protocol, the hand-off of results from the pipe's
 * thread to the loop, and the methods of the other direction (which throw
 * {@link UnsupportedOperationException}). The lifecycle is {@link AbstractTransport}'s.
 */
abstract class PipeTransport extends AbstractTransport implements Transport {
    /*
     * Implementation notes.
     *
     * Each pipe has one virtual thread doing the blocking I/O; everything else is loop-confined.
     * The thread reaches the loop only through post() (callSoonThreadsafe). Once the loop is
     * closed, posting fails: the thread then just stops, and the child's end of the pipe gets
     * EOF or EPIPE when the stream is closed.
     *
     * A pipe learns of its end from two sides (its thread posts EOF or an error; close() and
     * abort() schedule the loss too), so lose() is the idempotent entry to connectionLostNow:
     * the first caller wins and the base class still asserts connectionLost happens once. The
     * pipe thread reads the state only after taking a permit or an item the loop thread gave
     * after changing it, which orders the read after the write.
     */
    final String name;
    ConnectionProtocol protocol;
    private final Runnable onLost;

    PipeTransport(EventLoop loop, String name, ConnectionProtocol protocol, Runnable onLost) {
        super(loop);
        this.name = name;
        this.protocol = protocol;
        this.onLost = onLost;
    }

    /** Runs {@code r} on the loop from the pipe's thread; false if the loop no longer takes callbacks. */
    final boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (RuntimeException closed) {
            return false;
        }
    }

    /** Calls connectionLost once, then tells the process. Loop thread. */
    final void lose(Throwable exc) {
        if (!lost()) {
            connectionLostNow(exc);
        }
    }

    /** Whether connectionLost was called. */
    final boolean lost() {
        return state() == State.LOST;
    }

    /** Whether close() or abort() was called, or the pipe was lost; readable from the pipe's thread (see notes). */
    final boolean closing() {
        return isClosing();
    }

    @Override
    protected final void notifyConnectionLost(Throwable exc) {
        try {
            protocol.connectionLost(exc);
        } catch (RuntimeException e) {
            loop.callExceptionHandler(new ExceptionContext("connectionLost of a pipe protocol failed", e, this, null));
        }
    }

    @Override
    protected final void release() {
        onLost.run();
    }

    /** Pipes stop their I/O in close() and abort() themselves; nothing calls forceClose. */
    @Override
    protected final void stopIo() {
    }

    /** Closes {@code c} on a virtual thread: a pipe's close may block while its thread reads. */
    static void closeQuietly(Closeable c) {
        Thread.ofVirtual().name("jasyncio-pipe-close").start(() -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // The pipe is being abandoned; there is nobody to tell.
            }
        });
    }

    @Override
    public Object getExtraInfo(String key) {
        return "pipe".equals(key) ? name : null;
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void write(ByteBuffer data) {
        throw new UnsupportedOperationException("the child's " + name + " is read-only");
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("the child's " + name + " is read-only");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void pauseReading() {
        throw new UnsupportedOperationException("the child's " + name + " is write-only");
    }

    @Override
    public void resumeReading() {
        throw new UnsupportedOperationException("the child's " + name + " is write-only");
    }

    @Override
    public boolean isReading() {
        return false;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        throw new UnsupportedOperationException("the child's " + name + " is read-only");
    }

    @Override
    public int getWriteBufferHighWater() {
        return 0;
    }

    @Override
    public int getWriteBufferLowWater() {
        return 0;
    }

    @Override
    public int getWriteBufferSize() {
        return 0;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (isClosing() ? ", closing" : "") + (lost() ? ", lost" : "") + "]";
    }
}
