package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One end of an in-memory stream connection, for tests of code above transports (TLS, streams,
 * protocols) without sockets. Made in connected pairs by {@link #pair}.
 *
 * <p>What one end writes is queued and delivered to the other end's protocol by
 * {@link EventLoop#callSoon} callbacks, at most {@link #setChunkSize chunkSize} bytes per
 * callback (1 delivers byte by byte), to a {@link Protocol} or a {@link BufferedProtocol}. The
 * lent buffer handed to {@code dataReceived} is scribbled over after the call, so a protocol
 * that keeps it sees garbage. The queue is this end's write buffer: it pauses the writer's
 * protocol above the high-water mark and resumes it at the low one, and grows while the peer
 * has paused reading. {@link #writeEof}, {@link #close} (after the queue drains) and
 * {@link #abort} deliver end of stream to the peer ({@code eofReceived}; the peer closes itself
 * unless it returns true); {@link #reset} makes both ends lose the connection with an error.
 * {@code connectionLost} always comes through a callback, never inside the call that caused it.
 */
public final class MemoryTransport implements Transport {
    private final EventLoop loop;
    private final String name;
    private final Map<String, Object> extra = new HashMap<>();
    private MemoryTransport peer;
    private ConnectionProtocol protocol;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private int queued;
    private int chunkSize = 64 * 1024;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_HIGH_WATER / 4;
    private boolean writePaused;
    private boolean readPaused;
    private boolean eofWritten;
    private boolean eofSent;
    private boolean closing;
    private boolean lost;
    private boolean pumpScheduled;
    private long bytesWritten;
    private int maxWriteBufferSize;

    private MemoryTransport(EventLoop loop, String name, int port, int peerPort) {
        this.loop = loop;
        this.name = name;
        extra.put(PEERNAME, new InetSocketAddress("127.0.0.1", peerPort));
        extra.put(SOCKNAME, new InetSocketAddress("127.0.0.1", port));
    }

    /** Two connected ends, "a" (port 1111) and "b" (port 2222), with no protocol yet. */
    public static MemoryTransport[] pair(EventLoop loop) {
        MemoryTransport a = new MemoryTransport(loop, "a", 1111, 2222);
        MemoryTransport b = new MemoryTransport(loop, "b", 2222, 1111);
        a.peer = b;
        b.peer = a;
        return new MemoryTransport[] {a, b};
    }

    /** Sets the protocol and calls its {@code connectionMade} now. */
    public void connect(ConnectionProtocol p) {
        protocol = p;
        p.connectionMade(this);
    }

    /** At most how many bytes one delivery callback hands the peer (1 = byte by byte). */
    public MemoryTransport setChunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk size " + bytes);
        }
        chunkSize = bytes;
        return this;
    }

    /** All bytes ever written on this end. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The largest the write buffer has been. */
    public int maxWriteBufferSize() {
        return maxWriteBufferSize;
    }

    /** Whether {@code connectionLost} was delivered on this end. */
    public boolean isLost() {
        return lost;
    }

    @Override
    public void write(ByteBuffer data) {
        if (eofWritten) {
            throw new IllegalStateException("write after writeEof()");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (closing || lost) {
            data.position(data.limit());
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(data).flip();
        queue.add(copy);
        queued += n;
        bytesWritten += n;
        maxWriteBufferSize = Math.max(maxWriteBufferSize, queued);
        if (queued > high && !writePaused) {
            writePaused = true;
            protocol.pauseWriting();
        }
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
        readPaused = true;
    }

    @Override
    public void resumeReading() {
        if (readPaused) {
            readPaused = false;
            peer.schedulePump();
        }
    }

    @Override
    public boolean isReading() {
        return !readPaused && !closing && !lost;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("high=" + high + " low=" + low);
        }
        this.high = high;
        this.low = low;
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
        return queued;
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
    public Object getExtraInfo(String name) {
        return extra.get(name);
    }

    @Override
    public boolean isClosing() {
        return closing || lost;
    }

    @Override
    public void close() {
        if (closing || lost) {
            return;
        }
        closing = true;
        schedulePump();
    }

    @Override
    public void abort() {
        if (lost) {
            return;
        }
        closing = true;
        queue.clear();
        queued = 0;
        sendEof();
        loseSoon(null);
    }

    /** The network resets the connection: both ends lose it with a {@link SocketException}. */
    public void reset() {
        queue.clear();
        queued = 0;
        closing = true;
        loseSoon(new SocketException("Connection reset"));
        if (!peer.lost && !peer.closing) {
            peer.closing = true;
            peer.queue.clear();
            peer.queued = 0;
            peer.loseSoon(new SocketException("Connection reset"));
        }
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + name + "]";
    }

    private void schedulePump() {
        if (!pumpScheduled && !lost) {
            pumpScheduled = true;
            loop.callSoon(this::pump);
        }
    }

    /** Delivers one chunk of the queue to the peer, or end of stream once the queue is empty. */
    private void pump() {
        pumpScheduled = false;
        if (lost) {
            return;
        }
        if (!queue.isEmpty()) {
            if (peer.lost || peer.closing) {
                queue.clear(); // the peer is gone: what we send is lost, as on a real socket
                queued = 0;
            } else if (!peer.readPaused) {
                ByteBuffer head = queue.peek();
                int n = Math.min(chunkSize, head.remaining());
                ByteBuffer lent = head.slice(head.position(), n);
                head.position(head.position() + n);
                if (!head.hasRemaining()) {
                    queue.poll();
                }
                queued -= n;
                peer.receive(lent);
                if (writePaused && queued <= low && !lost) {
                    writePaused = false;
                    protocol.resumeWriting();
                }
            }
            if (!queue.isEmpty()) {
                if (!peer.readPaused) {
                    schedulePump();
                }
                return;
            }
        }
        if (eofWritten || closing) {
            sendEof();
        }
        if (closing) {
            loseSoon(null);
        }
    }

    private void receive(ByteBuffer lent) {
        if (lost) {
            return;
        }
        if (protocol instanceof BufferedProtocol bp) {
            while (lent.hasRemaining() && !lost) {
                ByteBuffer into = bp.getBuffer(lent.remaining());
                int n = Math.min(into.remaining(), lent.remaining());
                into.put(lent.slice(lent.position(), n));
                lent.position(lent.position() + n);
                bp.bufferUpdated(n);
            }
        } else {
            ByteBuffer scratch = ByteBuffer.allocate(lent.remaining());
            scratch.put(lent).flip();
            ((Protocol) protocol).dataReceived(scratch);
            scratch.clear();
            while (scratch.hasRemaining()) {
                scratch.put((byte) 0xEE); // a protocol that kept the lent buffer now sees garbage
            }
        }
    }

    private void sendEof() {
        if (eofSent) {
            return;
        }
        eofSent = true;
        MemoryTransport p = peer;
        loop.callSoon(() -> {
            if (p.lost || p.closing) {
                return;
            }
            if (!p.protocol.eofReceived()) {
                p.close();
            }
        });
    }

    private void loseSoon(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        loop.callSoon(() -> protocol.connectionLost(exc));
    }
}
