package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory {@link Transport}, one end of a connected pair made by {@link #connect}: what one
 * end writes reaches the other end's protocol through {@code loop.callSoon}, one chunk of at
 * most {@link #chunkSize} bytes per callback (1 models okio's one-byte-at-a-time source).
 *
 * <p>It has no kernel buffer: bytes stay in the writer's buffer (and count towards its water
 * marks) until the peer is reading, so a peer that pauses reading makes the writer's protocol
 * see {@code pauseWriting}. {@code close()} delivers the buffer, then the peer's
 * {@code eofReceived}, then its own {@code connectionLost(null)}; {@link #abort()} discards the
 * buffer and resets the peer; {@link #fail} is a network error on this end; bytes sent to a
 * closed peer reset the sender. The lent buffer
 * handed to {@code dataReceived} is overwritten after each call, so a protocol that keeps it
 * sees garbage.
 */
final class FakeTransport implements Transport {
    private final EventLoop loop;
    private final String name;
    private FakeTransport peer;
    private ConnectionProtocol protocol;
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private int outgoingHead;
    private int buffered;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;
    private boolean reading = true;
    private boolean closing;
    private boolean eofWritten;
    private boolean eofSent;
    private boolean lost;
    /** Aborted or failed: connectionLost is scheduled, nothing more is delivered. */
    private boolean dying;
    private boolean deliveryScheduled;
    private ByteBuffer lent = ByteBuffer.allocate(64);
    private final Map<String, Object> extra = new HashMap<>();

    /** Chunk size of deliveries from this end to its peer. */
    int chunkSize = Integer.MAX_VALUE;
    /** Calls of pauseReading / resumeReading that changed the state. */
    int pauseReadingCalls;
    int resumeReadingCalls;
    /** Calls of the protocol's pauseWriting / resumeWriting. */
    int pauseWritingCalls;
    int resumeWritingCalls;
    /** Whether connectionLost was delivered, and with what. */
    Throwable lostWith;

    private FakeTransport(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
        extra.put(PEERNAME, new InetSocketAddress("127.0.0.1", name.equals("a") ? 2 : 1));
        extra.put(SOCKNAME, new InetSocketAddress("127.0.0.1", name.equals("a") ? 1 : 2));
    }

    /**
     * Two connected ends; {@code connectionMade} is called on both protocols before this
     * returns ({@code a} first).
     */
    static FakeTransport[] connect(EventLoop loop, ConnectionProtocol a, ConnectionProtocol b) {
        FakeTransport ta = new FakeTransport(loop, "a");
        FakeTransport tb = new FakeTransport(loop, "b");
        ta.peer = tb;
        tb.peer = ta;
        ta.protocol = a;
        tb.protocol = b;
        a.connectionMade(ta);
        b.connectionMade(tb);
        return new FakeTransport[] {ta, tb};
    }

    /** A single end whose peer swallows everything it is sent and never sends (a sink). */
    static FakeTransport sink(EventLoop loop, ConnectionProtocol protocol) {
        FakeTransport[] pair = connect(loop, protocol, new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                data.position(data.limit());
            }

            @Override
            public boolean eofReceived() {
                return true;
            }
        });
        return pair[0];
    }

    FakeTransport peer() {
        return peer;
    }

    /** Simulates a network error on this end: the buffer is dropped, connectionLost(exc) soon. */
    void fail(Throwable exc) {
        if (lost) {
            return;
        }
        closing = true;
        dying = true;
        dropBuffer();
        loop.callSoon(() -> lose(exc));
    }

    /** Makes the extra-info {@code key} return {@code value}. */
    void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    boolean isLost() {
        return lost;
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
        byte[] copy = new byte[n];
        data.get(copy);
        outgoing.add(copy);
        buffered += n;
        if (!protocolPaused && buffered > high) {
            protocolPaused = true;
            pauseWritingCalls++;
            protocol.pauseWriting();
        }
        scheduleDelivery();
    }

    @Override
    public void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        scheduleDelivery();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void pauseReading() {
        if (closing || !reading) {
            return;
        }
        reading = false;
        pauseReadingCalls++;
    }

    @Override
    public void resumeReading() {
        if (closing || reading) {
            return;
        }
        reading = true;
        resumeReadingCalls++;
        peer.scheduleDelivery();
    }

    @Override
    public boolean isReading() {
        return reading && !closing;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        this.high = high;
        this.low = low;
        if (!protocolPaused && buffered > high) {
            protocolPaused = true;
            pauseWritingCalls++;
            protocol.pauseWriting();
        }
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
    public Object getExtraInfo(String name) {
        return extra.get(name);
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
        scheduleDelivery();
    }

    @Override
    public void abort() {
        if (lost) {
            return;
        }
        closing = true;
        dying = true;
        dropBuffer();
        loop.callSoon(() -> lose(null));
        peer.fail(new SocketException("Connection reset by peer"));
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    private void dropBuffer() {
        outgoing.clear();
        outgoingHead = 0;
        buffered = 0;
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled && !lost && !dying) {
            deliveryScheduled = true;
            loop.callSoon(this::deliverOne);
        }
    }

    /** One step of delivery: a chunk to the peer, or (once the buffer is empty) EOF and close. */
    private void deliverOne() {
        deliveryScheduled = false;
        if (lost || dying) {
            return;
        }
        if (buffered > 0) {
            if (peer.lost || peer.closing) {
                // Data sent to a closed socket draws a reset, as TCP does.
                fail(new SocketException("Connection reset by peer"));
                return;
            }
            if (!peer.reading) {
                return;
            }
            byte[] head = outgoing.peek();
            int n = Math.min(chunkSize, head.length - outgoingHead);
            byte[] chunk = Arrays.copyOfRange(head, outgoingHead, outgoingHead + n);
            outgoingHead += n;
            if (outgoingHead == head.length) {
                outgoing.poll();
                outgoingHead = 0;
            }
            buffered -= n;
            peer.receive(chunk);
            if (protocolPaused && buffered <= low) {
                protocolPaused = false;
                resumeWritingCalls++;
                protocol.resumeWriting();
            }
            scheduleDelivery();
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

    private void receive(byte[] chunk) {
        if (lost || closing) {
            return;
        }
        switch (protocol) {
            case Protocol p -> {
                if (lent.capacity() < chunk.length) {
                    lent = ByteBuffer.allocate(Math.max(chunk.length, lent.capacity() * 2));
                }
                lent.clear();
                lent.put(chunk).flip();
                p.dataReceived(lent);
                // Poison the lent buffer: a protocol that kept it reads garbage.
                lent.clear();
                while (lent.hasRemaining()) {
                    lent.put((byte) 0xEE);
                }
            }
            case BufferedProtocol p -> {
                int off = 0;
                while (off < chunk.length) {
                    ByteBuffer b = p.getBuffer(chunk.length - off);
                    int n = Math.min(b.remaining(), chunk.length - off);
                    b.put(chunk, off, n);
                    off += n;
                    p.bufferUpdated(n);
                }
            }
        }
    }

    private void receiveEof() {
        if (lost || closing) {
            return;
        }
        boolean keepOpen = protocol.eofReceived();
        if (!keepOpen) {
            close();
        }
    }

    private void lose(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        reading = false;
        lostWith = exc;
        protocol.connectionLost(exc);
    }

    @Override
    public String toString() {
        return "FakeTransport[" + name + (closing ? ", closing" : "") + (lost ? ", lost" : "") + ", buffered=" + buffered + "]";
    }
}
