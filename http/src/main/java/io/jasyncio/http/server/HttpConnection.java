package io.jasyncio.http.server;

import io.jasyncio.ParkingLot;
import io.jasyncio.http.codec.EndOfMessage;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.ProtocolError;
import io.jasyncio.http.codec.RequestDecoder;
import io.jasyncio.http.codec.RequestHead;
import io.jasyncio.stream.ConnectionResetException;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection: the protocol its transport calls. It feeds received bytes to the
 * codec, starts a task per request head, lets that task pull the body, and parses the next
 * (pipelined) request only once the current exchange is over, so responses leave in order.
 * Loop-confined.
 */
final class HttpConnection implements Protocol {
    /*
     * Implementation notes.
     *
     * State: IDLE (waiting for a request head; the codec is pumped on every read), ACTIVE (an
     * exchange owns the connection: its task pulls body events from the codec and writes the
     * response), DISCARDING (the response is out, the unread rest of a small body is read and
     * thrown away), LINGERING (the response is out and the write side shut; what the client
     * still sends is dropped until it closes or the linger deadline passes), CLOSED (closing or
     * lost: nothing more is parsed or written). Transitions:
     * IDLE -> ACTIVE on a head; ACTIVE -> IDLE | DISCARDING | CLOSED in exchangeDone;
     * DISCARDING -> IDLE at the body's end; ACTIVE (body unread, not kept alive) | IDLE (a bad
     * head) -> LINGERING -> CLOSED; anything -> CLOSED on close or loss. UPGRADED: a 101 is out
     * and another protocol (`upgraded`) speaks on the connection; this one stays the transport's
     * protocol and forwards events to it, so loss still unregisters the connection; ACTIVE ->
     * UPGRADED in startUpgrade, UPGRADED -> CLOSED when the exchange ends.
     *
     * Bytes are never copied here: the codec copies what it keeps from the lent read buffer,
     * and the body reader pulls events from it on demand. Backpressure is therefore one number,
     * decoder.buffered(): above bodyBufferLimit reading pauses (this also bounds pipelined
     * requests queued behind a running handler), and a body read that brings it back under half
     * resumes it.
     *
     * Timeouts cost no timer per connection: each connection keeps one deadline (loop time) and
     * its kind, and the server's sweep, one timer armed only while connections exist, checks
     * them all. The deadline is set on the IDLE transitions only (one loop.time() per request).
     */
    static final int IDLE = 0;
    static final int ACTIVE = 1;
    static final int DISCARDING = 2;
    static final int CLOSED = 3;
    /** The response is out and the write side shut; the client's remaining bytes are dropped. */
    static final int LINGERING = 4;
    /** A 101 is out: the connection speaks another protocol, which this one forwards events to. */
    static final int UPGRADED = 5;

    static final int NO_DEADLINE = 0;
    static final int HEADER_DEADLINE = 1;
    static final int KEEP_ALIVE_DEADLINE = 2;
    static final int DISCARD_DEADLINE = 3;
    static final int LINGER_DEADLINE = 4;

    /**
     * How long a lingering close waits for the client to stop sending (nginx's
     * lingering_timeout is 5 s): bounded, so a client that never stops cannot hold the
     * connection.
     */
    static final long LINGER_NANOS = 2_000_000_000L;

    final HttpServer server;
    final RequestDecoder decoder;
    Transport transport;
    InetSocketAddress remote;
    int state = IDLE;
    HttpExchange exchange;
    long deadline = Long.MAX_VALUE;
    int deadlineKind = NO_DEADLINE;
    private boolean readPaused;
    boolean writePaused;
    boolean lost;
    private ParkingLot readers;
    private ParkingLot drainers;
    /** The protocol an upgrade installed (UPGRADED), or null. */
    Protocol upgraded;
    private ResponseBody.ProtocolSwitch upgradeSwitch;
    /** The server's list of connections. */
    HttpConnection prev;
    HttpConnection next;

    HttpConnection(HttpServer server) {
        this.server = server;
        this.decoder = new RequestDecoder(server.config.limits());
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        if (t.getExtraInfo(Transport.PEERNAME) instanceof InetSocketAddress a) {
            remote = a;
        }
        server.register(this);
        if (server.closing) {
            close();
            return;
        }
        setDeadline(HEADER_DEADLINE, server.headerTimeoutNanos);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == CLOSED || state == LINGERING) {
            return;
        }
        if (state == UPGRADED) {
            if (upgraded != null) {
                upgraded.dataReceived(data);
            }
            return;
        }
        decoder.feed(data);
        switch (state) {
            case IDLE -> pump();
            case ACTIVE -> {
                if (readers != null) {
                    readers.wakeAll();
                }
                if (decoder.buffered() > server.config.bodyBufferLimit()) {
                    pauseReading();
                }
            }
            case DISCARDING -> discard();
            default -> {
            }
        }
    }

    /**
     * The client closed its sending side. As aiohttp, that is taken as the client going away:
     * the transport closes and a running handler is cancelled (a half-closing client gets no
     * response; HTTP/1.1 clients do not half-close while they wait for one).
     */
    @Override
    public boolean eofReceived() {
        return state == UPGRADED && upgraded != null && upgraded.eofReceived();
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (readPaused) {
            readPaused = false;
            server.pausedConnections--;
        }
        lost = true;
        state = CLOSED;
        deadlineKind = NO_DEADLINE;
        server.unregister(this);
        if (upgraded != null) {
            // The upgraded protocol learns of the loss itself, and its session goes on (to read
            // what is queued, say), except in a shutdown, which waits for every session to end.
            upgraded.connectionLost(exc);
            if (server.closing && exchange != null) {
                exchange.cancelUnlessCurrent();
            }
        } else if (exchange != null) {
            exchange.connectionLost();
        }
        if (readers != null) {
            readers.wakeAll();
        }
        if (drainers != null) {
            drainers.wakeAll();
        }
    }

    @Override
    public void pauseWriting() {
        writePaused = true;
        if (upgraded != null) {
            upgraded.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        writePaused = false;
        if (drainers != null) {
            drainers.wakeAll();
        }
        if (upgraded != null) {
            upgraded.resumeWriting();
        }
    }

    // ---- parsing requests ----

    /** Parses heads while idle: each starts an exchange, which stops the pump until it ends. */
    private void pump() {
        while (state == IDLE) {
            HttpEvent ev = decoder.next();
            if (ev == null) {
                if (decoder.buffered() > 0 && deadlineKind != HEADER_DEADLINE) {
                    setDeadline(HEADER_DEADLINE, server.headerTimeoutNanos);
                }
                return;
            }
            if (ev instanceof RequestHead head) {
                startExchange(head);
            } else if (ev instanceof ProtocolError e) {
                failAndClose(e.status(), e.message());
            } else {
                failAndClose(500, "Internal Server Error");
                throw new IllegalStateException("the codec returned " + ev + " where a request head was due");
            }
        }
    }

    private void startExchange(RequestHead head) {
        state = ACTIVE;
        deadlineKind = NO_DEADLINE;
        deadline = Long.MAX_VALUE;
        IncomingBody body = new IncomingBody(this, head);
        HttpExchange x = new HttpExchange(this, head, body);
        exchange = x;
        x.start();
    }

    /**
     * The exchange's response is written. Goes on with the next request, or discards the rest
     * of the body first, or closes.
     */
    void exchangeDone(HttpExchange x, boolean keepAlive) {
        if (exchange != x || state == CLOSED) {
            return;
        }
        if (state == UPGRADED) {
            exchange = null;
            close();
            return;
        }
        if (!keepAlive || server.closing) {
            exchange = null;
            if (x.body.isComplete()) {
                close();
            } else {
                lingeringClose();
            }
            return;
        }
        if (!x.body.isComplete()) {
            state = DISCARDING;
            x.body.markDiscarding();
            setDeadline(DISCARD_DEADLINE, server.headerTimeoutNanos);
            discard();
            return;
        }
        toIdle();
    }

    private void toIdle() {
        exchange = null;
        if (server.closing) {
            close();
            return;
        }
        state = IDLE;
        setDeadline(KEEP_ALIVE_DEADLINE, server.keepAliveNanos);
        resumeReading();
        pump();
    }

    private void discard() {
        for (;;) {
            HttpEvent ev = decoder.next();
            if (ev == null) {
                resumeReadingIfLow();
                return;
            }
            if (ev instanceof EndOfMessage) {
                toIdle();
                return;
            }
            if (ev instanceof ProtocolError) {
                close();
                return;
            }
        }
    }

    // ---- what the body reader and the exchange use ----

    /** The next codec event for the active exchange's body; null if none is buffered yet. */
    HttpEvent nextBodyEvent() {
        HttpEvent ev = decoder.next();
        resumeReadingIfLow();
        return ev;
    }

    /**
     * Suspends until more bytes arrive or the connection is lost; a cancellation point.
     *
     * @throws ConnectionResetException if the connection is lost
     */
    void awaitData() throws IOException {
        if (lost) {
            throw new ConnectionResetException("the client closed the connection before the request body ended");
        }
        resumeReading();
        if (readers == null) {
            readers = new ParkingLot(this);
        }
        readers.park();
        if (lost) {
            throw new ConnectionResetException("the client closed the connection before the request body ended");
        }
    }

    /**
     * Suspends while the transport's write buffer is over its high-water mark.
     *
     * @throws ConnectionResetException if the connection is lost
     */
    void drain() throws IOException {
        while (writePaused && !lost) {
            if (drainers == null) {
                drainers = new ParkingLot(this);
            }
            drainers.park();
        }
        if (gone()) {
            throw new ConnectionResetException("the client went away");
        }
    }

    /**
     * Whether the response can no longer reach the client: the connection was lost, or its
     * transport is closing, which is how a failed send shows until connectionLost runs on a
     * later iteration (asyncio's StreamWriter.drain checks is_closing for the same reason).
     * Without it a producer that never suspends would write its whole body into a dead socket.
     */
    boolean gone() {
        return lost || transport.isClosing();
    }

    private void pauseReading() {
        if (!readPaused) {
            readPaused = true;
            server.pausedConnections++;
            transport.pauseReading();
        }
    }

    private void resumeReading() {
        if (readPaused) {
            readPaused = false;
            server.pausedConnections--;
            transport.resumeReading();
        }
    }

    private void resumeReadingIfLow() {
        if (readPaused && decoder.buffered() <= server.config.bodyBufferLimit() / 2) {
            resumeReading();
        }
    }

    /**
     * Hands the connection to another protocol after a 101: HTTP parsing stops, reading
     * resumes, and the returned transport's {@code setProtocol} installs the new protocol
     * behind this one.
     */
    Transport startUpgrade(ResponseBody.ProtocolSwitch session) {
        state = UPGRADED;
        deadlineKind = NO_DEADLINE;
        deadline = Long.MAX_VALUE;
        upgradeSwitch = session;
        resumeReading();
        return new UpgradedTransport(this);
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    void sendContinue() {
        if (state != CLOSED) {
            transport.write(ByteBuffer.wrap(CONTINUE));
        }
    }

    // ---- ending ----

    /** Answers {@code status} with {@code message} as text and {@code Connection: close}, then closes. */
    void failAndClose(int status, String message) {
        if (state == CLOSED || state == LINGERING) {
            return;
        }
        HeadWriter w = server.heads;
        ErrorResponses.write(w, status, message, true, null);
        transport.write(w.buffer());
        if (exchange == null) {
            // A bad or slow head: the client may still be sending it; let it read the answer.
            lingeringClose();
        } else {
            close();
        }
    }

    /**
     * Closes without destroying the response while the client is still sending: the response is
     * flushed and the write side shut (the client reads it and then the end), and what the
     * client still sends is read and dropped until it closes its side or {@link #LINGER_NANOS}
     * pass. A plain close with unread request bytes makes the kernel answer with a reset, which
     * can destroy the response before the client reads it: a client refused with 413 in the
     * middle of an upload would see "connection reset" instead. nginx's lingering close. Falls
     * back to {@link #close} where the transport cannot shut its write side alone (TLS).
     */
    void lingeringClose() {
        if (state == CLOSED || state == LINGERING) {
            return;
        }
        if (!transport.canWriteEof()) {
            close();
            return;
        }
        state = LINGERING;
        transport.writeEof();
        resumeReading();
        setDeadline(LINGER_DEADLINE, LINGER_NANOS);
    }

    /** Closes once written data is sent. */
    void close() {
        state = CLOSED;
        deadlineKind = NO_DEADLINE;
        transport.close();
    }

    /** Closes at once, dropping unsent data. */
    void abort() {
        state = CLOSED;
        deadlineKind = NO_DEADLINE;
        transport.abort();
    }

    /**
     * Closes the connection if it waits for a request and holds none, and tells an upgraded
     * session to end: graceful shutdown.
     */
    void closeIfIdle() {
        if (state == IDLE && decoder.buffered() == 0) {
            close();
        } else if (state == UPGRADED) {
            upgradeSwitch.serverClosing();
        }
    }

    private void setDeadline(int kind, long timeoutNanos) {
        deadlineKind = kind;
        deadline = transport.loop().time() + timeoutNanos;
    }

    /** Called by the server's sweep: acts on a passed deadline. */
    void checkDeadline(long now) {
        if (deadlineKind == NO_DEADLINE || now < deadline || state == CLOSED) {
            return;
        }
        if (deadlineKind == HEADER_DEADLINE && state == IDLE && decoder.buffered() > 0) {
            failAndClose(408, "Request Timeout");
        } else {
            close();
        }
    }

    @Override
    public String toString() {
        return "HttpConnection[" + remote + ", state " + state + "]";
    }
}
