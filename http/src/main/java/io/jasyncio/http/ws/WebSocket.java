package io.jasyncio.http.ws;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import io.jasyncio.http.ws.frame.CloseCodes;
import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsDecoder;
import io.jasyncio.http.ws.frame.WsEncoder;
import io.jasyncio.stream.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One WebSocket connection (RFC 6455), either end: messages in by {@link #receive()} or
 * {@code for (Message m : ws)}, out by {@link #send}, with ping/pong, an optional heartbeat, and
 * the close handshake. Made by the server route ({@code Application.websocket}) or the client
 * ({@link WebSocketClient#finish}); {@link #over} wraps any upgraded transport.
 *
 * {@snippet :
 * app.websocket("/echo", (request, ws) -> {
 *     for (Message m : ws) {             // ends when the peer closes normally
 *         if (m instanceof Message.Text t) {
 *             ws.send("echo: " + t.text());
 *         }
 *     }
 * });
 * }
 *
 * <p>Received frames are decoded as they arrive, whether or not a task is receiving: pings are
 * answered at once, and a Close frame from the peer is answered (and, on the server, the
 * connection closed) without waiting for the application. Whole messages queue until received;
 * when more than {@value #QUEUE_HIGH} bytes wait, the socket stops being read (so a peer that
 * sends faster than the application reads is slowed down by TCP, and its pings wait too).
 *
 * <p>Sends never interleave: each message is queued whole on the transport, then the sender
 * suspends while the transport's buffer is above its high-water mark (backpressure).
 *
 * <p><b>Cancellation:</b> a task cancelled in {@link #receive} loses nothing (messages stay
 * queued) and the socket stays usable; a task cancelled in {@link #send} has already queued its
 * message whole, so the socket stays usable (the message still goes out); a task cancelled in
 * {@link #close} drops the connection at once (code 1006).
 *
 * <p>Loop-confined. <b>Differs from aiohttp:</b> control frames never surface as messages (no
 * PING/CLOSE/ERROR message types); a closed socket raises {@link WebSocketClosedException} from
 * {@code receive} instead of returning a CLOSED message.
 */
public final class WebSocket implements Iterable<Message>, AutoCloseable {
    /*
     * Implementation notes.
     *
     * State is a few monotonic flags, each set once: closeSent (our Close frame is queued; no
     * more data frames go out), closeReceived (the peer's Close arrived; nothing more is read),
     * lost (connectionLost was called: the transport is gone). The connection is "finished" for
     * receivers when closeReceived || lost || failed. closeCode/closeReason are set once, by the
     * first of: the peer's Close, a failure of ours (decoder failure, heartbeat timeout), the
     * loss of the connection (1006).
     *
     * Every way of ending closes the transport through closeTransport(), which arms one timer
     * (closeTimeout) that aborts a transport whose buffer will not flush; connectionLost cancels
     * every timer, so a closed WebSocket holds none. The heartbeat is two timers: pingTimer
     * (armed while no ping is outstanding) and pongTimer (armed while one is).
     */
    /** Received bytes that may wait for the application before the socket stops being read. */
    static final int QUEUE_HIGH = 1 << 20;

    private final Transport transport;
    private final Role role;
    private final WebSocketOptions options;
    private final WsDecoder decoder;
    private final WsEncoder encoder;
    private final PerMessageDeflate deflate;
    private final String subprotocol;
    private final Inbox inbox;
    private final ParkingLot drainers = new ParkingLot(this);
    private final ParkingLot closers = new ParkingLot(this);
    private final Heartbeat heartbeat;
    private boolean writePaused;
    private boolean closeSent;
    /** This side began the close handshake with {@link #close}: iteration then ends quietly. */
    private boolean closedHere;
    private boolean closeReceived;
    private boolean failed;
    private boolean lost;
    private int closeCode = -1;
    private String closeReason = "";
    private io.jasyncio.loop.TimerHandle abortTimer;

    private WebSocket(Transport transport, Role role, WebSocketOptions options, PerMessageDeflate.Params negotiated,
                      String subprotocol) {
        this.transport = transport;
        this.role = role;
        this.options = options;
        this.deflate = negotiated == null ? null : new PerMessageDeflate(role, negotiated);
        this.decoder = new WsDecoder(role, options.limits(), deflate);
        this.encoder = new WsEncoder(role, deflate, RandomGenerator.getDefault());
        this.subprotocol = subprotocol;
        this.inbox = new Inbox(transport);
        this.heartbeat = new Heartbeat(this, transport.loop(), options.heartbeat(), options.effectiveHeartbeatTimeout());
    }

    /**
     * A WebSocket over {@code transport}, an upgraded connection: it becomes the transport's
     * protocol at once, and {@code leftover} (bytes that arrived after the handshake) is decoded
     * first. The heartbeat, if the options ask for one, starts now. Does not suspend.
     *
     * @param leftover the bytes the HTTP decoder read past the handshake ({@code takeRemaining()}); may be null
     * @param role which end this is: a server requires masked frames, a client unmasked ones
     * @param negotiatedOrNull the agreed {@code permessage-deflate} parameters, or null for none
     * @param subprotocolOrNull the agreed subprotocol, or null
     * @throws IllegalStateException if the transport is already closing
     */
    public static WebSocket over(Transport transport, ByteBuffer leftover, Role role, WebSocketOptions options,
                                 PerMessageDeflate.Params negotiatedOrNull, String subprotocolOrNull) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(options, "options");
        if (transport.isClosing()) {
            throw new IllegalStateException("the transport is closing; a WebSocket needs an open connection");
        }
        WebSocket ws = new WebSocket(transport, role, options, negotiatedOrNull, subprotocolOrNull);
        ws.writePaused = transport.getWriteBufferSize() > transport.getWriteBufferHighWater();
        transport.setProtocol(new WsProtocol(ws));
        transport.resumeReading();
        if (leftover != null && leftover.hasRemaining()) {
            ws.dataReceived(leftover);
        }
        ws.heartbeat.start();
        return ws;
    }

    // ---- receiving ----

    /**
     * The next message; suspends until one arrives (a cancellation point: a cancelled receive
     * loses nothing). Messages that arrived before the close are still returned first.
     *
     * @throws WebSocketClosedException once the connection is closed and no message is left,
     *     with the close code and reason
     */
    public Message receive() throws WebSocketClosedException {
        for (;;) {
            Message m = inbox.poll(lost);
            if (m != null) {
                return m;
            }
            if (closeReceived || lost || failed) {
                throw closed();
            }
            inbox.await();
        }
    }

    /**
     * Iterates the messages: {@code next()} suspends as {@link #receive()}. The iteration ends
     * when the connection closes normally (1000, 1001, or a Close without a code) or this side
     * began the close with {@link #close}, whatever the code; any other ending throws an
     * {@link java.io.UncheckedIOException} wrapping the {@link WebSocketClosedException}.
     */
    @Override
    public Iterator<Message> iterator() {
        return new MessageIterator(this);
    }

    // ---- sending ----

    /**
     * Sends a text message; suspends while the transport's buffer is above its high-water mark.
     *
     * @throws WebSocketClosedException if the close handshake has begun or the connection is gone
     */
    public void send(String text) throws WebSocketClosedException {
        Objects.requireNonNull(text, "text");
        checkOpen();
        transport.write(encoder.text(text));
        drain();
    }

    /** Sends a binary message, as {@link #send(String)} does. */
    public void send(byte[] data) throws WebSocketClosedException {
        send(ByteBuffer.wrap(data));
    }

    /**
     * Sends {@code data}'s remaining bytes as a binary message (its position does not move), as
     * {@link #send(String)} does.
     */
    public void send(ByteBuffer data) throws WebSocketClosedException {
        Objects.requireNonNull(data, "data");
        checkOpen();
        transport.write(encoder.binary(data.duplicate()));
        drain();
    }

    /**
     * Sends a ping with {@code payload} (at most 125 bytes); the peer's pong is consumed
     * silently. Does not wait for the pong; the heartbeat ({@link WebSocketOptions#heartbeat()})
     * is the automatic, timed variant.
     *
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws WebSocketClosedException if the close handshake has begun or the connection is gone
     */
    public void ping(byte[] payload) throws WebSocketClosedException {
        if (payload.length > 125) {
            throw new IllegalArgumentException("a ping carries at most 125 bytes, not " + payload.length);
        }
        checkOpen();
        transport.write(encoder.ping(payload));
        drain();
    }

    private void checkOpen() throws WebSocketClosedException {
        if (closeSent || closeReceived || lost || failed) {
            throw closed();
        }
    }

    private void drain() throws WebSocketClosedException {
        while (writePaused && !lost) {
            drainers.park();
        }
        if (lost) {
            throw closed();
        }
    }

    // ---- closing ----

    /**
     * Closes with 1000 (normal closure), as {@link #close(int, String)} does.
     */
    @Override
    public void close() {
        close(CloseCodes.NORMAL, "");
    }

    /**
     * The close handshake: sends a Close frame with {@code code} and {@code reason} (unless one
     * was already sent or answered), waits for the peer's Close and the end of the connection,
     * for at most {@link WebSocketOptions#closeTimeout()}, then drops the connection if it is
     * still there. Suspends; returns at once if the connection is already gone. Messages that
     * arrive after the Close frame is sent are dropped. Cancelled while it waits, it drops the
     * connection at once and the cancellation goes on.
     *
     * @param code a code a peer may send (1000-1003, 1007-1014, 3000-4999)
     * @param reason at most 123 bytes in UTF-8
     * @throws IllegalArgumentException on a code that may not be sent, or a reason too long
     */
    public void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!CloseCodes.sendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason holds at most 123 bytes in UTF-8");
        }
        if (lost) {
            return;
        }
        if (!closeSent && !failed) {
            closeSent = true;
            closedHere = true;
            heartbeat.stop();
            transport.write(encoder.close(code, reason));
        }
        long deadline = transport.loop().time() + options.closeTimeout().toNanos();
        try {
            Asyncio.timeoutAt(deadline, () -> {
                while (!closeReceived && !lost) {
                    closers.park();
                }
                if (role == Role.SERVER) {
                    closeTransport();
                }
                while (!lost) {
                    closers.park();
                }
            });
        } catch (AsyncTimeoutException e) {
            setCloseCode(CloseCodes.ABNORMAL, "the close handshake timed out");
            transport.abort();
            while (!lost) {
                // An abort always ends in connectionLost, on a later loop iteration.
                closers.park();
            }
        } catch (CancelledError e) {
            setCloseCode(CloseCodes.ABNORMAL, "close() was cancelled");
            transport.abort();
            throw e;
        }
    }

    /**
     * Whether the connection is over: the close handshake has completed, failed or timed out,
     * or the connection was lost.
     */
    public boolean isClosed() {
        return lost;
    }

    /**
     * The close code: the peer's when it sent a Close frame (1005 if the frame had no code);
     * otherwise the code this side failed the connection with (1002 protocol error, 1007 bad
     * UTF-8, 1009 too big, ...); 1006 when the connection ended with no Close frame from the
     * peer (lost, heartbeat or close timeout); -1 while none of these has happened.
     */
    public int closeCode() {
        return closeCode;
    }

    /** The close reason that goes with {@link #closeCode()}; empty when there is none. */
    public String closeReason() {
        return closeReason;
    }

    /** The subprotocol the handshake agreed on, or null. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Whether {@code permessage-deflate} is in use on this connection. */
    public boolean compressed() {
        return deflate != null;
    }

    /** The transport under this WebSocket (its extra info: peer address, TLS session). */
    public Transport transport() {
        return transport;
    }

    // ---- what the protocol and the heartbeat call ----

    void dataReceived(ByteBuffer data) {
        if (closeReceived || failed || lost) {
            return;
        }
        decoder.feed(data);
        WsProtocol.dispatch(this, decoder);
    }

    void onMessage(Message m) {
        if (closeSent) {
            return;
        }
        inbox.add(m);
    }

    void onPing(byte[] payload) {
        if (!closeSent) {
            transport.write(encoder.pong(payload));
        }
    }

    void onPong(byte[] payload) {
        heartbeat.pongReceived(payload);
    }

    /** The peer's Close: answered with the same code unless ours went first; the server then closes. */
    void onClose(int code, String reason) {
        closeReceived = true;
        setCloseCode(code, reason);
        heartbeat.stop();
        if (!closeSent) {
            closeSent = true;
            transport.write(code == CloseCodes.NO_STATUS || !CloseCodes.sendable(code)
                    ? encoder.close(CloseCodes.NO_STATUS, "") : encoder.close(code, ""));
        }
        if (role == Role.SERVER) {
            closeTransport();
        } else {
            armAbortTimer();
        }
        wakeAll();
    }

    /**
     * Fails the connection (RFC 6455 §7.1.7): sends a Close with {@code sentCode} unless one was
     * sent, records {@code localCode}, and closes the transport.
     */
    void fail(int sentCode, int localCode, String reason) {
        if (failed || lost) {
            return;
        }
        failed = true;
        heartbeat.stop();
        setCloseCode(localCode, reason);
        if (!closeSent) {
            closeSent = true;
            // A Close frame's reason holds at most 123 bytes; a longer one is left out, not cut mid-character.
            boolean fits = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123;
            transport.write(encoder.close(sentCode, fits ? reason : ""));
        }
        closeTransport();
        wakeAll();
    }

    void connectionLost() {
        lost = true;
        setCloseCode(CloseCodes.ABNORMAL, "the connection was lost without a Close frame");
        heartbeat.stop();
        if (abortTimer != null) {
            abortTimer.cancel();
            abortTimer = null;
        }
        if (deflate != null) {
            deflate.close();
        }
        wakeAll();
    }

    void pauseWriting() {
        writePaused = true;
    }

    void resumeWriting() {
        writePaused = false;
        drainers.wakeAll();
    }

    /** Whether this side began the close handshake with {@link #close}. */
    boolean closedHere() {
        return closedHere;
    }

    boolean isOpen() {
        return !closeSent && !closeReceived && !failed && !lost;
    }

    void writePing(byte[] payload) {
        transport.write(encoder.ping(payload));
    }

    private void closeTransport() {
        transport.close();
        armAbortTimer();
    }

    /** Drops a connection whose end does not come within the close timeout (a stuck buffer, a silent server). */
    private void armAbortTimer() {
        if (abortTimer == null && !lost) {
            abortTimer = transport.loop().callLater(options.closeTimeout(), transport::abort);
        }
    }

    private void setCloseCode(int code, String reason) {
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason == null ? "" : reason;
        }
    }

    private void wakeAll() {
        inbox.wakeAll();
        drainers.wakeAll();
        closers.wakeAll();
    }

    private WebSocketClosedException closed() {
        return new WebSocketClosedException(closeCode < 0 ? CloseCodes.ABNORMAL : closeCode, closeReason);
    }

    @Override
    public String toString() {
        return "WebSocket[" + role + ", " + (lost ? "closed " + closeCode : closeSent || closeReceived ? "closing" : "open") + "]";
    }
}
