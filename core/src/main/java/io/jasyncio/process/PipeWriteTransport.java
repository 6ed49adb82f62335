package io.jasyncio.process;

import io.jasyncio.EventLoop;
import io.jasyncio.stream.FlowControl;
import io.jasyncio.stream.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The loop's end of a child's stdin: writes are queued and a virtual thread writes them to the
 * blocking stream. asyncio's {@code _UnixWritePipeTransport}, with its write-buffer marks.
 */
final class PipeWriteTransport extends PipeTransport {
    /*
     * Implementation notes.
     *
     * buffered (loop-confined) counts bytes queued but not yet written by the thread; the thread
     * posts each completed write back, so the protocol sees pauseWriting above the high mark and
     * resumeWriting at the low mark, and StreamWriter.drain() bounds what a producer queues.
     * writeEof/close queue an end marker: the thread closes the stream after the data before it,
     * then posts connectionLost(null). A write error (the child closed its stdin: EPIPE) drops
     * the queue and posts connectionLost(exc). abort() drops the queue at once.
     */
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private int buffered;
    private final FlowControl flow = new FlowControl();
    private boolean eofWritten;
    private volatile boolean aborted;

    PipeWriteTransport(EventLoop loop, OutputStream out, Protocol protocol, Runnable onLost) {
        super(loop, "stdin", protocol, onLost);
        this.out = out;
    }

    /** Calls connectionMade and starts the writing thread. Loop thread. */
    void start() {
        protocol.connectionMade(this);
        Thread.ofVirtual().name("jasyncio-pipe-stdin").start(this::pump);
    }

    private void pump() {
        try {
            while (true) {
                byte[] b = queue.take();
                if (b == END) {
                    out.close();
                    post(() -> lose(null));
                    return;
                }
                out.write(b);
                out.flush();
                if (!post(() -> written(b.length))) {
                    return;
                }
            }
        } catch (IOException e) {
            queue.clear();
            closeQuietly(out);
            post(() -> fail(aborted ? null : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void written(int n) {
        if (lost() || aborted) {
            return; // a write that finished after abort(): the count was already dropped
        }
        buffered -= n;
        flow.maybeResume(buffered, protocol, this);
    }

    private void fail(IOException e) {
        if (lost()) {
            return;
        }
        buffered = 0;
        lose(e);
    }

    /**
     * Queues {@code data}'s remaining bytes (copied). Ignored once the pipe is closing or lost,
     * as asyncio does.
     *
     * @throws IllegalStateException after {@link #writeEof()}
     */
    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (closing()) {
            data.position(data.limit());
            return;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        queue.add(copy);
        buffered += n;
        flow.maybePause(buffered, protocol, this);
    }

    /** Closes the pipe once the queued bytes are written: the child sees EOF. */
    @Override
    public void writeEof() {
        eofWritten = true;
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flow.setLimits(high, low);
        flow.maybePause(buffered, protocol, this);
    }

    @Override
    public int getWriteBufferHighWater() {
        return flow.high();
    }

    @Override
    public int getWriteBufferLowWater() {
        return flow.low();
    }

    @Override
    public int getWriteBufferSize() {
        return buffered;
    }

    /**
     * Closes the pipe once the queued bytes are written; connectionLost(null) follows. Later
     * writes are dropped, as asyncio does.
     */
    @Override
    public void close() {
        if (!beginClosing()) {
            return;
        }
        queue.add(END);
    }

    /** Drops the queued bytes and closes the pipe at once; connectionLost(null) follows soon. */
    @Override
    public void abort() {
        if (lost()) {
            return;
        }
        beginClosing(); // false if close() came first: it is closing either way
        aborted = true;
        queue.clear();
        queue.add(END);
        buffered = 0;
        // The close may wait for a write blocked on a child that does not read (the JDK's stream
        // holds its lock while writing): report the loss now, as asyncio does on the next
        // iteration, rather than when the child reads or exits.
        closeQuietly(out);
        loop.callSoon(() -> lose(null));
    }
}
