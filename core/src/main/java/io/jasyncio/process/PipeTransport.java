package io.jasyncio.process;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the two pipe transports share: the loop, the protocol, the closing state, the hand-off of
 * results from the pipe's thread to the loop, and the methods of the other direction (which
 * throw {@link UnsupportedOperationException}).
 */
abstract class PipeTransport implements Transport {
    /*
     * Implementation notes.
     *
     * Each pipe has one virtual thread doing the blocking I/O; everything else is loop-confined.
     * The thread reaches the loop only through post() (callSoonThreadsafe). Once the loop is
     * closed, posting fails: the thread then just stops, and the child's end of the pipe gets
     * EOF or EPIPE when the stream is closed.
     */
    final EventLoop loop;
    final String name;
    ConnectionProtocol protocol;
    boolean closing;
    boolean lost;
    private final Runnable onLost;

    PipeTransport(EventLoop loop, String name, ConnectionProtocol protocol, Runnable onLost) {
        this.loop = loop;
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
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        try {
            protocol.connectionLost(exc);
        } catch (RuntimeException e) {
            loop.callExceptionHandler(new ExceptionContext("connectionLost of a pipe protocol failed", e, this, null));
        }
        onLost.run();
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
    public boolean isClosing() {
        return closing;
    }

    @Override
    public EventLoop loop() {
        return loop;
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
        return getClass().getSimpleName() + "[" + name + (closing ? ", closing" : "") + (lost ? ", lost" : "") + "]";
    }
}
