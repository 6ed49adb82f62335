package io.jasyncio.testing;

import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One end of an in-memory stream connection: a {@link Transport} for testing protocols, streams
 * and TLS without sockets, on any loop (virtual time included). Made in connected pairs by
 * {@link #pair}; trio's {@code memory_stream_pair}.
 *
 * {@snippet :
 * MemoryTransport.Pair p = MemoryTransport.pair(loop, clientProtocol, serverProtocol);
 * p.a().setChunkSize(1);              // the server receives the client's bytes one at a time
 * p.a().write("hello".getBytes(UTF_8));
 * p.a().close();                       // server: dataReceived x5, eofReceived; client: connectionLost(null)
 * }
 *
 * <p>What one end writes waits in its write buffer and is handed to the other end's protocol by
 * {@link EventLoop#callSoon} callbacks, at most {@link #setChunkSize chunk size} bytes per
 * callback (1 is okio's one-byte-at-a-time source), to a {@link Protocol} (a lent buffer, filled
 * with garbage after the call, so a protocol that keeps it is caught) or a
 * {@link BufferedProtocol}. There is no kernel buffer: bytes stay in the writer's buffer while
 * the peer has paused reading, so the writer's protocol sees {@code pauseWriting} above the
 * high-water mark and {@code resumeWriting} once the buffer drains to the low one.
 *
 * <p>Endings, modelled on TCP: {@link #writeEof} delivers the buffer, then the peer's
 * {@code eofReceived} (the peer closes itself unless it returns true); {@link #close} does the
 * same, then this end's {@code connectionLost(null)}; {@link #abort} drops the buffer and loses
 * this end with null, and the peer sees what a TCP peer sees: a reset ({@code connectionLost}
 * with a {@link SocketException}) if it had bytes for this end that were never read, else an
 * EOF; bytes that reach an end whose connection was lost reset the sender; {@link #fail} is a network error on this end alone; {@link #reset} loses both
 * ends with an error. {@code connectionLost} is called exactly once per end, always from a
 * callback of its own, never inside the call that caused it. An exception thrown by a protocol
 * callback goes to the loop's exception handler and aborts the end with it, as on a socket.
 *
 * <p>Differs from a socket: a write after {@link #close} is dropped even while the buffer still
 * drains (asyncio would send it); {@code getExtraInfo} knows {@link #PEERNAME} and
 * {@link #SOCKNAME} (made-up loopback addresses, port 1111 for {@code a} and 2222 for {@code b})
 * and what {@link #putExtra} set. Loop-confined, like every transport.
 */
public final class MemoryTransport implements Transport {
    /*
     * Implementation notes.
     *
     * Each end owns its outgoing queue (its write buffer) and one "pump" callback that moves
     * the head of the queue to the peer, one chunk per loop iteration, while the peer reads. When
     * the queue is empty the pump delivers a pending EOF (writeEof or close) and, if closing,
     * loses this end. The peer's resumeReading restarts our pump; EOF that arrives while the
     * receiver paused reading is kept (eofPending) and delivered when it resumes.
     *
     * Lifecycle: open -> closing (close/abort/fail/EOF not kept open) -> lost (connectionLost
     * called, once). dying marks an abort or a failure: nothing more is delivered and the loss
     * is already scheduled.
     */
    private static final byte POISON = (byte) 0xEE;

    private final EventLoop loop;
    private final String name;
    private final Map<String, Object> extra = new HashMap<>();
    private MemoryTransport peer;
    private ConnectionProtocol protocol;
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private int buffered;
    private int chunkSize = Integer.MAX_VALUE;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_HIGH_WATER / 4;
    private boolean writingPaused;
    private boolean readingPaused;
    private boolean eofWritten;
    private boolean eofSent;
    private boolean eofPending;
    private boolean closing;
    private boolean dying;
    private boolean lost;
    private Throwable lostWith;
    private boolean pumpScheduled;
    private ByteBuffer lent = ByteBuffer.allocate(64);
    private long bytesWritten;
    private int maxWriteBufferSize;
    private int pauseWritingCalls;
    private int resumeWritingCalls;
    private int pauseReadingCalls;
    private int resumeReadingCalls;

    /** Two connected ends of one connection. */
    public record Pair(MemoryTransport a, MemoryTransport b) {
    }

    /**
     * What happened on one end so far, for assertions.
     *
     * @param bytesWritten all bytes ever accepted by {@code write}
     * @param maxWriteBufferSize the largest the write buffer has been
     * @param pauseWritingCalls how often the protocol's {@code pauseWriting} was called
     * @param resumeWritingCalls how often the protocol's {@code resumeWriting} was called
     * @param pauseReadingCalls how often {@code pauseReading} paused a reading end
     * @param resumeReadingCalls how often {@code resumeReading} resumed a paused end
     */
    public record Statistics(long bytesWritten, int maxWriteBufferSize, int pauseWritingCalls, int resumeWritingCalls,
            int pauseReadingCalls, int resumeReadingCalls) {
    }

    private MemoryTransport(EventLoop loop, String name, int port, int peerPort) {
        this.loop = loop;
        this.name = name;
        extra.put(PEERNAME, new InetSocketAddress("127.0.0.1", peerPort));
        extra.put(SOCKNAME, new InetSocketAddress("127.0.0.1", port));
    }

    /**
     * Two connected ends, {@code a} and {@code b}, with no protocol yet: give each one with
     * {@link #connect} (or {@link #setProtocol} for a layer that calls {@code connectionMade}
     * itself, as {@code Tls.wrap} does) before the loop runs their callbacks.
     */
    public static Pair pair(EventLoop loop) {
        MemoryTransport a = new MemoryTransport(loop, "a", 1111, 2222);
        MemoryTransport b = new MemoryTransport(loop, "b", 2222, 1111);
        a.peer = b;
        b.peer = a;
        return new Pair(a, b);
    }

    /** {@link #pair(EventLoop)} with both ends connected: {@code a}'s {@code connectionMade} is called first. */
    public static Pair pair(EventLoop loop, ConnectionProtocol a, ConnectionProtocol b) {
        Pair p = pair(loop);
        p.a().connect(a);
        p.b().connect(b);
        return p;
    }

    /** One connected end whose peer reads and discards everything it is sent, and never writes. */
    public static MemoryTransport sink(EventLoop loop, ConnectionProtocol protocol) {
        return pair(loop, protocol, new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
            }

            @Override
            public boolean eofReceived() {
                return true;
            }
        }).a();
    }

    /** Sets the protocol and calls its {@code connectionMade} with this end now. */
    public void connect(ConnectionProtocol p) {
        protocol = p;
        p.connectionMade(this);
    }

    /** The other end. */
    public MemoryTransport peer() {
        return peer;
    }

    /**
     * Makes each delivery from this end to its peer at most {@code bytes} long (1 = one byte per
     * callback); the default hands over each write whole.
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1
     */
    public MemoryTransport setChunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1: " + bytes);
        }
        chunkSize = bytes;
        return this;
    }

    /** Makes {@code getExtraInfo(key)} return {@code value}. */
    public void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    /** Whether {@code connectionLost} was called on this end's protocol. */
    public boolean isLost() {
        return lost;
    }

    /** What {@code connectionLost} was called with (null after a clean end, or before it). */
    public Throwable lostWith() {
        return lostWith;
    }

    /** The counters of this end. */
    public Statistics statistics() {
        return new Statistics(bytesWritten, maxWriteBufferSize, pauseWritingCalls, resumeWritingCalls, pauseReadingCalls,
                resumeReadingCalls);
    }

    /** A network error on this end only: the buffer is dropped and {@code connectionLost(exc)} follows. */
    public void fail(Throwable exc) {
        if (lost || dying) {
            return;
        }
        closing = true;
        dying = true;
        dropBuffer();
        loop.callSoon(() -> lose(exc));
    }

    /** The network resets the connection: both ends lose it with a {@link SocketException}. */
    public void reset() {
        fail(new SocketException("Connection reset"));
        peer.fail(new SocketException("Connection reset"));
    }

    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (closing) {
            data.position(data.limit());
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(data).flip();
        outgoing.add(copy);
        buffered += n;
        bytesWritten += n;
        maxWriteBufferSize = Math.max(maxWriteBufferSize, buffered);
        maybePauseWriting();
        schedulePump();
    }

    @Override
    public void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        schedulePump();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        pauseReadingCalls++;
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        resumeReadingCalls++;
        peer.schedulePump();
        if (eofPending) {
            loop.callSoon(this::receiveEof);
        }
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
        maybePauseWriting();
    }

    @Override
    public int getWriteBufferHighWater() {
        return high;
    }

    @Override
    public int getWriteBufferLowWater() {
        return low;
    }

    @Override
    public int getWriteBufferSize() {
        return buffered;
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
    public Object getExtraInfo(String key) {
        return extra.get(key);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        schedulePump();
    }

    @Override
    public void abort() {
        if (lost || dying) {
            return;
        }
        fail(null);
        if (peer.buffered > 0) {
            // Closing a socket with unread bytes resets the connection.
            peer.fail(new SocketException("Connection reset by peer"));
        } else if (!eofSent) {
            eofSent = true;
            loop.callSoon(peer::receiveEof);
        }
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + name + (closing ? ", closing" : "") + (lost ? ", lost" : "") + ", buffered=" + buffered + "]";
    }

    private void maybePauseWriting() {
        if (!writingPaused && buffered > high) {
            writingPaused = true;
            pauseWritingCalls++;
            callProtocol("pauseWriting", protocol::pauseWriting);
        }
    }

    private void dropBuffer() {
        outgoing.clear();
        buffered = 0;
    }

    private void schedulePump() {
        if (!pumpScheduled && !lost && !dying) {
            pumpScheduled = true;
            loop.callSoon(this::pump);
        }
    }

    /** One step: a chunk to the peer, or (once the buffer is empty) EOF and, if closing, the end. */
    private void pump() {
        pumpScheduled = false;
        if (lost || dying) {
            return;
        }
        if (buffered > 0) {
            if (peer.lost) {
                fail(new SocketException("Connection reset by peer")); // TCP resets a sender to a closed socket
                return;
            }
            if (peer.readingPaused) {
                return; // the peer's resumeReading restarts the pump
            }
            ByteBuffer head = outgoing.peek();
            int n = Math.min(chunkSize, head.remaining());
            ByteBuffer chunk = head.slice(head.position(), n);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                outgoing.poll();
            }
            buffered -= n;
            peer.receive(chunk);
            if (writingPaused && buffered <= low && !dying) {
                writingPaused = false;
                resumeWritingCalls++;
                callProtocol("resumeWriting", protocol::resumeWriting);
            }
            schedulePump();
            return;
        }
        if ((eofWritten || closing) && !eofSent) {
            eofSent = true;
            peer.receiveEof();
        }
        if (closing) {
            lose(null);
        }
    }

    private void receive(ByteBuffer chunk) {
        if (closing) {
            return;
        }
        switch (protocol) {
            case BufferedProtocol p -> {
                while (chunk.hasRemaining() && !closing) {
                    ByteBuffer into = p.getBuffer(chunk.remaining());
                    if (into == null || !into.hasRemaining()) {
                        fatal("getBuffer", new IllegalStateException("getBuffer() returned an empty buffer"));
                        return;
                    }
                    int n = Math.min(into.remaining(), chunk.remaining());
                    into.put(chunk.slice(chunk.position(), n));
                    chunk.position(chunk.position() + n);
                    callProtocol("bufferUpdated", () -> p.bufferUpdated(n));
                }
            }
            case Protocol p -> {
                if (lent.capacity() < chunk.remaining()) {
                    lent = ByteBuffer.allocate(Math.max(chunk.remaining(), lent.capacity() * 2));
                }
                lent.clear();
                lent.put(chunk).flip();
                callProtocol("dataReceived", () -> p.dataReceived(lent));
                lent.clear();
                while (lent.hasRemaining()) {
                    lent.put(POISON);
                }
            }
        }
    }

    private void receiveEof() {
        if (closing) {
            return;
        }
        if (readingPaused) {
            eofPending = true;
            return;
        }
        eofPending = false;
        boolean[] keepOpen = {false};
        callProtocol("eofReceived", () -> keepOpen[0] = protocol.eofReceived());
        if (!keepOpen[0]) {
            close();
        }
    }

    /** Runs a protocol callback; what it throws goes to the loop's handler and aborts this end, as on a socket. */
    private void callProtocol(String method, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            fatal(method, t);
        }
    }

    private void fatal(String method, Throwable t) {
        loop.callExceptionHandler(new ExceptionContext("Fatal error: protocol." + method + "() call failed.", t, this, null));
        fail(t);
    }

    private void lose(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        dropBuffer();
        lostWith = exc;
        ConnectionProtocol p = protocol;
        if (p != null) {
            try {
                p.connectionLost(exc);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                loop.callExceptionHandler(new ExceptionContext("Fatal error: protocol.connectionLost() call failed.", t, this, null));
            }
        }
    }
}
