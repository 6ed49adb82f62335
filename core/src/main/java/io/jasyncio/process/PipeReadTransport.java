package io.jasyncio.process;

import io.jasyncio.EventLoop;
import io.jasyncio.stream.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;

/**
 * The loop's end of a child's stdout or stderr: a virtual thread reads the blocking stream and
 * hands each chunk to the protocol on the loop. asyncio's {@code _UnixReadPipeTransport}.
 */
final class PipeReadTransport extends PipeTransport {
    /*
     * Implementation notes.
     *
     * Backpressure is a one-permit handshake: the thread takes the permit, reads one chunk into
     * its buffer and posts it; the loop lends that buffer to the protocol and gives the permit
     * back unless reading is paused (then resumeReading gives it back). So at most one chunk is
     * in flight, the buffer is reused without copying (the permit orders the thread's next write
     * after the loop's read), and a paused reader stops the thread, which stops reading the pipe,
     * which blocks the child once the OS pipe buffer is full: a fast child never grows the heap.
     *
     * EOF posts eofReceived then connectionLost(null); a read error posts connectionLost(exc).
     * close() marks the transport closing, lets the thread go (a permit it will find closing)
     * and closes the stream on a helper thread.
     */
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final Semaphore permit = new Semaphore(0);
    private final byte[] buf = new byte[CHUNK];
    private boolean paused;
    private boolean permitOwed;
    /** A chunk (its length) or EOF (-1) that the thread read while reading was paused; 0 = none. */
    private int held;

    PipeReadTransport(EventLoop loop, String name, InputStream in, Protocol protocol, Runnable onLost) {
        super(loop, name, protocol, onLost);
        this.in = in;
    }

    /** Calls connectionMade and starts the reading thread. Loop thread. */
    void start() {
        protocol.connectionMade(this);
        permit.release();
        Thread.ofVirtual().name("jasyncio-pipe-" + name).start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                permit.acquire();
                if (closing()) {
                    return;
                }
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    post(this::onEof);
                    return;
                }
                if (n > 0 && !post(() -> onData(n))) {
                    return;
                }
                if (n == 0) {
                    permit.release();
                }
            }
        } catch (IOException e) {
            post(() -> lose(closing() ? null : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onData(int n) {
        if (closing()) {
            return;
        }
        if (paused) {
            held = n; // the thread was already reading when reading paused: resumeReading delivers it
            return;
        }
        ((Protocol) protocol).dataReceived(ByteBuffer.wrap(buf, 0, n));
        if (paused) {
            permitOwed = true;
        } else {
            permit.release();
        }
    }

    private void onEof() {
        if (closing()) {
            return;
        }
        if (paused) {
            held = -1;
            return;
        }
        protocol.eofReceived();
        lose(null);
        closeQuietly(in);
    }

    @Override
    public void pauseReading() {
        if (!closing()) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        if (closing() || !paused) {
            return;
        }
        paused = false;
        if (permitOwed) {
            permitOwed = false;
            permit.release();
        }
        if (held != 0) {
            int h = held;
            held = 0;
            // On the next iteration, as a reader added back to a selector would be: never inside the caller.
            loop.callSoon(() -> {
                if (h < 0) {
                    onEof();
                } else {
                    onData(h);
                }
            });
        }
    }

    @Override
    public boolean isReading() {
        return !paused && !closing();
    }

    /** Stops reading and closes the pipe; connectionLost(null) follows soon. */
    @Override
    public void close() {
        if (!beginClosing()) {
            return;
        }
        permit.release();
        closeQuietly(in);
        loop.callSoon(() -> lose(null));
    }

    @Override
    public void abort() {
        close();
    }
}
