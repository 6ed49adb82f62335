package io.jasyncio.stream.tls;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.stream.BaseTransport;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The TLS layer of one connection: asyncio's {@code SSLProtocol}. It is the {@link Protocol} of
 * the raw (ciphertext) transport and drives an {@link SSLEngine}; the application protocol sees
 * a plaintext {@link Transport} ({@link #appTransport()}), handed to its
 * {@link ConnectionProtocol#connectionMade} once the handshake is done.
 *
 * <p>Usually made by {@link Tls#wrap} or {@link Tls#startTls}. Code that creates a raw
 * transport itself (as {@code createConnection} with TLS does) can make one with
 * {@link Tls#newProtocol}, install it as the raw transport's protocol, call
 * {@link #connectionMade} with the raw transport, and await {@link #handshake()}.
 *
 * <p>Loop-confined, like every transport and protocol.
 */
public final class TlsProtocol implements Protocol {
    /*
     * Implementation notes.
     *
     * state: UNWRAPPED -> HANDSHAKE -> WRAPPED -> FLUSHING -> SHUTDOWN, and CLOSED from anywhere
     * (asyncio's SSLProtocolState, with its final UNWRAPPED called CLOSED). ABORTING is its own
     * state (asyncio reuses UNWRAPPED): an abort, a fatal error or a failed handshake went to the
     * raw transport, and the layer ignores everything until the raw connectionLost makes it
     * CLOSED. UNWRAPPED is only ever the state before connectionMade. appState follows the
     * application protocol: INIT -> MADE -> [EOF] -> LOST; startTls starts at MADE (the
     * protocol already had connectionMade from the plain transport).
     *
     * Buffers live in TlsInbound (ciphertext and plaintext held for the application) and
     * TlsOutbound (plaintext before encryption, records held for a paused raw transport). The
     * lent raw buffer is copied on arrival, so nothing outlives dataReceived. While the
     * application has paused reading, ciphertext accumulates and the raw transport is paused
     * above 256 KiB; a raw transport that pauses writing makes the outbound buffer grow until
     * the application is paused above its own mark (asyncio's SSL marks, 512 KiB / 128 KiB).
     *
     * Shutdown follows asyncio: close() -> FLUSHING (deliver what is readable, encrypt what was
     * written) -> SHUTDOWN (send close_notify, wait for the peer's, bounded by the shutdown
     * timer) -> raw.close(). The peer's close_notify, or a bare EOF, gives the application
     * eofReceived first; its return value is ignored with a warning.
     *
     * Re-entrancy. Application callbacks run from inside the read loop (dataReceived,
     * connectionMade, eofReceived) and may call write, close or abort. `reading` stops a nested
     * read loop (the outer one re-checks state after each callback); `wrapping` makes a nested
     * flushOut return at once (the outer loop picks up the queued plaintext).
     *
     * Errors. The contract's abort() carries no error, so a fatal error is kept in closeError
     * and handed to the application's connectionLost when the raw transport reports the loss.
     * IOExceptions (TLS failures, timeouts) are not reported to the loop's exception handler,
     * as asyncio does not report OSErrors; other exceptions (a callback that threw) are.
     *
     * Delegated tasks run inline on the loop thread: SunJSSE's are short CPU work (key
     * agreement, certificate path checks), as the OpenSSL work asyncio does inline. Running
     * them through toThread would add a thread hop per handshake, make virtual-time tests
     * nondeterministic, and need the engine fenced off meanwhile. A trust manager that does
     * network I/O (OCSP, CRL fetch) would block the loop; such a setup should use its own
     * TrustManager that caches or refuses (docs/adr/0003-tls-delegated-tasks-inline.md).
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio.stream.tls");

    enum State { UNWRAPPED, HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN, ABORTING, CLOSED }

    enum AppState { INIT, MADE, EOF, LOST }

    private final EventLoop loop;
    private final TlsOptions options;
    private final SSLEngine engine;
    private final Future<Transport> handshake;
    private final TlsTransport appTransport;
    private final Map<String, Object> extra = new HashMap<>();
    final TlsInbound in;
    final TlsOutbound out;
    ConnectionProtocol app;
    private Transport raw;
    State state = State.UNWRAPPED;
    private AppState appState;
    private Throwable closeError;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;
    private boolean reading;
    boolean appReadingPaused;
    private boolean rawReadingPaused;
    private boolean rawEof;

    TlsProtocol(EventLoop loop, ConnectionProtocol app, TlsOptions options, boolean callConnectionMade) {
        this.loop = loop;
        this.app = app;
        this.options = options;
        this.engine = options.newEngine();
        this.handshake = loop.createFuture();
        this.appTransport = new TlsTransport(this);
        this.appState = callConnectionMade ? AppState.INIT : AppState.MADE;
        this.in = new TlsInbound(engine);
        this.out = new TlsOutbound(engine);
        extra.put(BaseTransport.SSL_OBJECT, engine);
        handshake.addDoneCallback(f -> {
            if (f.isCancelled()) {
                abort();
            }
        });
    }

    /**
     * Completes with the application's transport when the handshake is done, or fails with what
     * stopped it: an {@link SSLHandshakeException} (bad certificate, hostname mismatch, the peer
     * closing), a {@link SocketTimeoutException} after the handshake timeout, or the raw
     * transport's error. Cancelling it aborts a connection still in its handshake.
     */
    public Future<Transport> handshake() {
        return handshake;
    }

    /** The plaintext transport the application writes to; usable once {@link #handshake()} is done. */
    public Transport appTransport() {
        return appTransport;
    }

    /** The engine of this connection (also the {@link BaseTransport#SSL_OBJECT} extra info). */
    public SSLEngine engine() {
        return engine;
    }

    /**
     * The raw transport is connected: installs it and starts the handshake (a client sends its
     * hello now), with the handshake timeout running.
     *
     * @throws IllegalStateException if called twice
     */
    @Override
    public void connectionMade(Transport transport) {
        if (raw != null || (state != State.UNWRAPPED && state != State.CLOSED)) {
            throw new IllegalStateException("the TLS layer is already connected");
        }
        if (state == State.CLOSED || handshake.isCancelled()) {
            state = State.CLOSED;
            transport.abort(); // aborted (its handshake future cancelled) before it was connected
            return;
        }
        raw = transport;
        state = State.HANDSHAKE;
        handshakeTimer = loop.callLater(options.handshakeTimeout(), this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            handshakeFailed(e);
            return;
        }
        flushOut();
    }

    /** Ciphertext arrived: copied (the buffer is lent), then unwrapped as far as it goes. */
    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == State.CLOSED || state == State.UNWRAPPED || state == State.ABORTING) {
            return;
        }
        in.append(data);
        doRead();
    }

    /**
     * The peer closed its sending side without (or after) close_notify. During the handshake
     * that fails it; afterwards it is treated as asyncio does: the application gets
     * {@code eofReceived}, then the connection closes.
     *
     * @return true only while the application has paused reading and data is still buffered
     */
    @Override
    public boolean eofReceived() {
        rawEof = true;
        switch (state) {
            case HANDSHAKE -> handshakeFailed(
                    new SSLHandshakeException("the peer closed the connection during the TLS handshake"));
            case WRAPPED -> {
                state = State.FLUSHING;
                if (appReadingPaused) {
                    return true;
                }
                doFlush();
            }
            case FLUSHING -> {
                state = State.SHUTDOWN;
                doShutdown();
            }
            case SHUTDOWN -> doShutdown();
            default -> {
            }
        }
        return false;
    }

    /** The raw transport is gone: the application's {@code connectionLost} follows, once. */
    @Override
    public void connectionLost(Throwable exc) {
        if (closeError == null) {
            closeError = exc;
        }
        State was = state;
        state = State.CLOSED;
        raw = null;
        out.clear();
        appTransport.closed = true;
        cancelTimers();
        engine.closeOutbound();
        handshake.trySetException(closeError != null ? closeError
                : new SSLHandshakeException("the connection was lost during the TLS handshake (" + was + ")"));
        if (appState == AppState.MADE || appState == AppState.EOF) {
            appState = AppState.LOST;
            app.connectionLost(closeError);
        }
    }

    /** The raw transport's buffer is over its mark: records are held here meanwhile. */
    @Override
    public void pauseWriting() {
        out.rawPaused();
    }

    /** The raw transport drained: held records go out, and the application may be resumed. */
    @Override
    public void resumeWriting() {
        if (raw != null) {
            out.rawResumed(raw);
        }
        controlAppWriting();
    }

    /** The named TLS extra info, else the raw transport's. */
    Object extraInfo(String name) {
        Object v = extra.get(name);
        if (v == null && raw != null) {
            v = raw.getExtraInfo(name);
        }
        return v;
    }

    EventLoop loop() {
        return loop;
    }

    // ---- handshake ----

    private void checkHandshakeTimeout() {
        handshakeTimer = null;
        if (state == State.HANDSHAKE) {
            fatalError(new SocketTimeoutException("TLS handshake is taking longer than "
                    + options.handshakeTimeout() + ": aborting the connection"), "TLS handshake timed out");
        }
    }

    /** The handshake failed: the waiter learns why, the peer gets the alert, the raw transport closes. */
    private void handshakeFailed(Throwable exc) {
        if (state != State.HANDSHAKE) {
            return;
        }
        cancelTimers();
        closeError = exc;
        state = State.ABORTING;
        handshake.trySetException(exc);
        if (raw != null) {
            out.sendAlert(raw);
            raw.close();
        }
    }

    private void handshakeComplete() {
        if (state != State.HANDSHAKE) {
            return;
        }
        cancelTimers();
        state = State.WRAPPED;
        SSLSession session = engine.getSession();
        extra.put(BaseTransport.SSL_SESSION, session);
        extra.put(BaseTransport.CIPHER, session.getCipherSuite());
        try {
            Certificate[] chain = session.getPeerCertificates();
            extra.put(BaseTransport.PEERCERT, chain);
        } catch (SSLPeerUnverifiedException e) {
            extra.remove(BaseTransport.PEERCERT);
        }
        String alpn = engine.getApplicationProtocol();
        if (alpn != null && !alpn.isEmpty()) {
            extra.put(BaseTransport.ALPN_PROTOCOL, alpn);
        }
        if (appState == AppState.INIT) {
            appState = AppState.MADE;
            try {
                app.connectionMade(appTransport);
            } catch (RuntimeException e) {
                fatalError(e, "Error calling connectionMade()");
                return;
            }
        }
        handshake.trySetResult(appTransport);
        flushOut();
        doRead();
    }

    // ---- incoming ----

    /** Unwraps what has arrived and hands the plaintext over, as far as state and pausing allow. */
    private void doRead() {
        if (reading) {
            return; // an application callback inside the running loop: that loop re-checks
        }
        reading = true;
        try {
            readLoop();
        } catch (SSLException e) {
            if (state == State.HANDSHAKE) {
                handshakeFailed(e);
            } else {
                fatalError(e, "Fatal error on TLS protocol");
            }
        } catch (RuntimeException e) {
            fatalError(e, "Fatal error on TLS protocol");
        } finally {
            reading = false;
        }
        controlRawReading();
    }

    private boolean delivering() {
        return state == State.WRAPPED || state == State.FLUSHING;
    }

    private void deliver() {
        in.deliver(() -> app, () -> !appReadingPaused && delivering());
    }

    private void readLoop() throws SSLException {
        loop:
        while (true) {
            boolean delivering = delivering();
            if (delivering) {
                // Hand over only when appIn cannot take another record: records read together
                // reach the application in one call.
                if (!in.roomForRecord()) {
                    deliver();
                }
                if (appReadingPaused || !in.roomForRecord()) {
                    return;
                }
            } else if (state != State.HANDSHAKE && state != State.SHUTDOWN) {
                in.discardCiphertext();
                return;
            }
            if (!in.hasCiphertext() || engine.isInboundDone()) {
                break;
            }
            SSLEngineResult r = in.unwrap();
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks(engine);
                hs = engine.getHandshakeStatus();
            }
            if (state == State.SHUTDOWN) {
                in.discardPlaintext(); // after our close_notify nothing more is delivered
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    in.fitRecord();
                    break loop; // wait for the rest of the record
                }
                case BUFFER_OVERFLOW -> {
                    if (delivering && in.hasPlaintext()) {
                        deliver();
                        if (in.hasPlaintext()) {
                            return; // paused with plaintext in hand; the ciphertext waits
                        }
                    } else {
                        in.growPlaintext();
                    }
                    continue;
                }
                default -> {
                }
            }
            if (hs == HandshakeStatus.FINISHED) {
                handshakeComplete();
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                flushOut();
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        }
        if (delivering()) {
            deliver();
            if (in.hasPlaintext()) {
                return;
            }
        }
        if (engine.isInboundDone()) {
            onCloseNotify();
        }
    }

    /** The peer's close_notify was read: the application gets eofReceived, then we close too. */
    private void onCloseNotify() {
        switch (state) {
            case WRAPPED -> {
                callEofReceived();
                startShutdown();
            }
            case FLUSHING -> {
                state = State.SHUTDOWN;
                doShutdown();
            }
            case SHUTDOWN -> doShutdown();
            default -> {
            }
        }
    }

    private void controlRawReading() {
        if (raw == null) {
            return;
        }
        int size = in.buffered();
        if (size > TlsInbound.HIGH && !rawReadingPaused) {
            rawReadingPaused = true;
            raw.pauseReading();
        } else if (size <= TlsInbound.LOW && rawReadingPaused) {
            rawReadingPaused = false;
            raw.resumeReading();
        }
    }

    void pauseReading() {
        appReadingPaused = true;
    }

    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        loop.callSoon(() -> {
            switch (state) {
                case WRAPPED -> doRead();
                case FLUSHING -> doFlush();
                case SHUTDOWN -> doShutdown();
                default -> {
                }
            }
        });
    }

    /** Runs the engine's delegated tasks inline (see the implementation notes for why). */
    static void runDelegatedTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---- outgoing ----

    /** Queues a copy of the application's plaintext and encrypts it if the handshake is done. */
    void writeAppData(ByteBuffer data) {
        out.queue(data);
        if (state == State.WRAPPED) {
            flushOut();
        } else {
            controlAppWriting();
        }
    }

    /** Sends what the engine and the application have to send; completes the handshake if that finished it. */
    private void flushOut() {
        if (raw == null) {
            return;
        }
        boolean finished;
        try {
            finished = out.wrap(raw, delivering());
        } catch (SSLException e) {
            if (state == State.HANDSHAKE) {
                handshakeFailed(e);
            } else {
                fatalError(e, "Fatal error on TLS protocol");
            }
            return;
        }
        controlAppWriting();
        if (finished) {
            handshakeComplete();
        }
    }

    /** Whether application writes are still taken: not once the shutdown began, as asyncio. */
    boolean acceptsWrites() {
        return state == State.HANDSHAKE || state == State.WRAPPED;
    }

    int writeBufferSize() {
        return out.size();
    }

    void controlAppWriting() {
        int change = out.flowChange();
        if (change == 0) {
            return;
        }
        try {
            if (change > 0) {
                app.pauseWriting();
            } else {
                app.resumeWriting();
            }
        } catch (RuntimeException e) {
            loop.callExceptionHandler(new ExceptionContext(
                    change > 0 ? "protocol.pauseWriting() failed" : "protocol.resumeWriting() failed",
                    e, appTransport, null));
        }
    }

    // ---- shutdown ----

    void startShutdown() {
        switch (state) {
            case HANDSHAKE -> abort();
            case WRAPPED -> {
                state = State.FLUSHING;
                appTransport.closed = true;
                shutdownTimer = loop.callLater(options.shutdownTimeout(), this::checkShutdownTimeout);
                doFlush();
            }
            default -> {
            }
        }
    }

    private void checkShutdownTimeout() {
        shutdownTimer = null;
        if (state == State.FLUSHING || state == State.SHUTDOWN) {
            closeError = new SocketTimeoutException("TLS shutdown timed out after " + options.shutdownTimeout());
            if (raw != null) {
                raw.abort();
            }
        }
    }

    private void doFlush() {
        doRead();
        if (state != State.FLUSHING) {
            return;
        }
        flushOut();
        state = State.SHUTDOWN;
        doShutdown();
    }

    private void doShutdown() {
        if (state != State.SHUTDOWN) {
            return;
        }
        if (!rawEof && !engine.isOutboundDone()) {
            engine.closeOutbound();
            flushOut();
        }
        if (!rawEof && !engine.isInboundDone() && in.hasCiphertext() && !reading) {
            doRead(); // records held while reading was paused: look for close_notify, resume the raw side
            return;
        }
        if (rawEof || engine.isInboundDone()) {
            callEofReceived();
            if (shutdownTimer != null) {
                shutdownTimer.cancel();
                shutdownTimer = null;
            }
            if (raw != null) {
                out.flushHeld(raw);
                raw.close();
            }
        }
    }

    void abort() {
        if (state == State.CLOSED) {
            return;
        }
        appTransport.closed = true;
        if (raw == null) {
            state = State.CLOSED; // not connected yet: connectionMade will abort the raw transport
            return;
        }
        state = State.ABORTING; // waits for the raw transport's connectionLost
        raw.abort();
    }

    private void callEofReceived() {
        if (appState != AppState.MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            if (app.eofReceived()) {
                LOG.log(System.Logger.Level.WARNING, "returning true from eofReceived() has no effect when using TLS");
            }
        } catch (RuntimeException e) {
            fatalError(e, "Error calling eofReceived()");
        }
    }

    private void fatalError(Throwable exc, String message) {
        if (closeError == null) {
            closeError = exc;
        }
        if (!(exc instanceof IOException) && !(exc instanceof CancelledError)) {
            loop.callExceptionHandler(new ExceptionContext(message, exc, appTransport, null));
        }
        handshake.trySetException(exc);
        if (state != State.CLOSED) {
            state = State.ABORTING; // waits for the raw transport's connectionLost
            if (raw != null) {
                raw.abort();
            }
        }
    }

    private void cancelTimers() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
    }
}
