package io.jasyncio.http.client;

import io.jasyncio.ParkingLot;
import io.jasyncio.http.codec.ResponseDecoder;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One client connection: the protocol on a core transport that feeds the response bytes to a
 * {@link ResponseDecoder}, and the waits of the one task using it (for input, for the write
 * buffer to drain). The {@link ConnectionPool} owns it between requests; an {@link Exchange}
 * while a request is in flight.
 */
final class ClientConnection implements Protocol {
    /* Implementation notes
     *
     * States: IDLE (in the pool, no request) <-> ACTIVE (an exchange uses it) -> UPGRADED (handed
     * over after a 101 or a CONNECT 2xx; the pool forgets it) ; any -> CLOSED once the transport is
     * lost or we close it. Only one task ever waits on a connection (its exchange's), so a
     * ParkingLot per direction is enough; a wake-up is a hint, the waiter re-checks the decoder.
     *
     * Reading backpressure: the decoder holds what arrived but was not yet taken as events; above
     * READ_HIGH bytes the transport stops reading, and the exchange resumes it when a read brings
     * the buffer to READ_LOW or below.
     *
     * Bytes arriving while IDLE mean the server spoke unasked (a 408 before closing, garbage): the
     * connection is not reusable, so it is closed. The end of stream or a loss while IDLE marks
     * it stale the same way: the pool removes it at once, before a request could pick it.
     */
    static final int READ_HIGH = 256 * 1024;
    static final int READ_LOW = 64 * 1024;

    enum State { CONNECTING, IDLE, ACTIVE, UPGRADED, CLOSED }

    final Route route;
    final ConnectionPool pool;
    State state = State.CONNECTING;
    Transport transport;
    InetSocketAddress remote;
    ResponseDecoder decoder = new ResponseDecoder();
    /** Bytes received after the connection switched protocols, before it was handed over. */
    private ByteBuffer afterSwitch;
    private boolean switched;
    private final ParkingLot readers = new ParkingLot(this);
    private final ParkingLot writers = new ParkingLot(this);
    private boolean writePaused;
    private boolean readPaused;
    boolean eof;
    /** Null while open; the reason once the transport is lost (a ServerDisconnectedException for a clean close). */
    IOException lost;
    /** Whether the current request has received any byte (a reused connection that failed before is safe to retry). */
    boolean gotBytes;
    /** How many requests this connection carried, the current one included. */
    int requests;
    /** Loop time when it last became idle. */
    long idleSince;
    /** Whether the pool counts it against its limits (false once closed or handed over). */
    boolean counted;
    /** Whether the pool closed it and waits for the transport to report the loss. */
    boolean closingByPool;

    ClientConnection(ConnectionPool pool, Route route) {
        this.pool = pool;
        this.route = route;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        if (t.getExtraInfo(Transport.PEERNAME) instanceof InetSocketAddress a) {
            remote = a;
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (switched) {
            afterSwitch = append(afterSwitch, data);
            return;
        }
        if (state == State.IDLE) {
            data.position(data.limit());
            pool.discard(this);
            return;
        }
        gotBytes = true;
        decoder.feed(data);
        if (!readPaused && decoder.buffered() > READ_HIGH) {
            readPaused = true;
            transport.pauseReading();
        }
        readers.wakeAll();
    }

    @Override
    public boolean eofReceived() {
        eof = true;
        if (!switched) {
            decoder.feedEof();
        }
        if (state == State.IDLE) {
            pool.discard(this);
        }
        readers.wakeAll();
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (lost == null) {
            lost = exc instanceof IOException io ? new ServerDisconnectedException("connection to " + route.dial().hostPort()
                    + " lost: " + io.getMessage(), io)
                    : exc != null ? new ServerDisconnectedException("connection to " + route.dial().hostPort() + " lost: " + exc, exc)
                    : new ServerDisconnectedException("server " + route.dial().hostPort() + " closed the connection");
        }
        eof = true;
        if (state != State.UPGRADED) {
            // Before the state changes: the pool looks at it to take an idle connection off its list.
            pool.closed(this);
        }
        state = State.CLOSED;
        readers.wakeAll();
        writers.wakeAll();
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        writers.wakeAll();
    }

    /** Whether the connection can carry another request: open, no end of stream, no stray bytes. */
    boolean reusable() {
        return lost == null && !eof && transport != null && !transport.isClosing() && decoder.buffered() == 0;
    }

    /** Called after taking events from the decoder: resumes reading once the backlog is small. */
    void consumed() {
        if (readPaused && decoder.buffered() <= READ_LOW && lost == null) {
            readPaused = false;
            transport.resumeReading();
        }
    }

    /**
     * Suspends until input or the end of stream arrives, or {@code deadline} (loop time;
     * Long.MAX_VALUE for none) passes; a cancellation point. Returns false if the deadline passed.
     */
    boolean awaitInput(long deadline) {
        return await(readers, deadline);
    }

    /**
     * Suspends while the transport's write buffer is above its high-water mark, until
     * {@code deadline}; returns false if the deadline passed first.
     *
     * @throws IOException if the connection is lost
     */
    boolean awaitWritable(long deadline) throws IOException {
        while (writePaused) {
            if (lost != null) {
                throw lost;
            }
            if (!await(writers, deadline)) {
                return false;
            }
        }
        if (lost != null) {
            throw lost;
        }
        return true;
    }

    private boolean await(ParkingLot lot, long deadline) {
        if (deadline == Long.MAX_VALUE) {
            lot.park();
            return true;
        }
        var loop = transport.loop();
        if (loop.time() >= deadline) {
            return false;
        }
        TimerHandle timer = loop.callAt(deadline, lot::wakeAll);
        try {
            lot.park();
        } finally {
            timer.cancel();
        }
        return loop.time() < deadline;
    }

    /** Marks that the decoder saw a 101 or a CONNECT 2xx: later bytes belong to the next protocol. */
    void switchProtocols() {
        switched = true;
    }

    /** The bytes that arrived after the switch: the decoder's rest, then what came since. */
    ByteBuffer takeLeftover() {
        ByteBuffer rest = decoder.takeRemaining();
        if (afterSwitch == null) {
            return rest;
        }
        afterSwitch.flip();
        ByteBuffer all = ByteBuffer.allocate(rest.remaining() + afterSwitch.remaining());
        all.put(rest).put(afterSwitch).flip();
        afterSwitch = null;
        return all;
    }

    /** Starts a new decoder, for the HTTP inside a CONNECT tunnel after the proxy's 200. */
    void resetDecoder() {
        decoder = new ResponseDecoder();
        switched = false;
        afterSwitch = null;
        eof = false;
    }

    /** Replaces the transport after TLS was put on it (the plaintext side). */
    void setTransport(Transport t) {
        transport = t;
    }

    /** Closes the connection at once (no orderly shutdown: it is not reusable). */
    void abort() {
        if (transport != null) {
            transport.abort();
        }
    }

    /** Marks the connection handed over and leaves its transport reading, for the new protocol. */
    void handOver() {
        state = State.UPGRADED;
        if (readPaused) {
            readPaused = false;
            transport.resumeReading();
        }
    }

    /** Appends {@code data} to {@code buf} (in write mode), growing it as needed. */
    private static ByteBuffer append(ByteBuffer buf, ByteBuffer data) {
        if (buf == null) {
            buf = ByteBuffer.allocate(Math.max(1024, data.remaining()));
        } else if (buf.remaining() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + data.remaining()));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.put(data);
        return buf;
    }

    @Override
    public String toString() {
        return "ClientConnection[" + route.origin() + (route.proxy() != null ? " via " + route.dial() : "") + ", " + state
                + ", requests=" + requests + "]";
    }
}
