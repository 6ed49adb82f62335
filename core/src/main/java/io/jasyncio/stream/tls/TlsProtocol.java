package io.jasyncio.stream.tls;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;
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
import java.util.ArrayDeque;
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
     * (asyncio's SSLProtocolState, with its final UNWRAPPED called CLOSED). appState follows the
     * application protocol: INIT -> MADE -> [EOF] -> LOST; startTls starts at MADE (the
     * protocol already had connectionMade from the plain transport).
     *
     * Buffers. netIn holds ciphertext not yet unwrapped, in write mode (data in [0, position)):
     * a record split across reads waits there, and while the application paused reading all
     * ciphertext waits there (raw reading is paused above READ_HIGH, as asyncio pauses its
     * incoming BIO). appIn holds plaintext unwrapped but not yet handed over, also in write
     * mode; a Protocol always takes all of it, a BufferedProtocol may take part. The lent raw
     * buffer is copied into netIn on arrival, so nothing outlives dataReceived. Outgoing:
     * plainOut queues copies of application writes until the handshake ends; wrapped records
     * go straight to raw.write, or to netOut while the raw transport paused writing. The
     * application's write buffer size is plainOut + netOut bytes (asyncio: backlog + outgoing
     * BIO), with asyncio's SSL marks (512 KiB / 128 KiB): a paused raw transport makes netOut
     * grow until the application is paused in turn.
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
     * TrustManager that caches or refuses.
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio.stream.tls");
    static final int WRITE_HIGH = 512 * 1024;
    static final int READ_HIGH = 256 * 1024;
    static final int READ_LOW = READ_HIGH / 4;

    enum State { UNWRAPPED, HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN, CLOSED }

    enum AppState { INIT, MADE, EOF, LOST }

    private final EventLoop loop;
    private final TlsOptions options;
    private final SSLEngine engine;
    private final Future<Transport> handshake;
    private final TlsTransport appTransport;
    private final Map<String, Object> extra = new HashMap<>();
    ConnectionProtocol app;
    private Transport raw;
    State state = State.UNWRAPPED;
    private AppState appState;
    private Throwable closeError;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;

    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private boolean reading;
    boolean appReadingPaused;
    private boolean rawReadingPaused;
    private boolean rawEof;

    private final ArrayDeque<ByteBuffer> plainOut = new ArrayDeque<>();
    private int plainOutSize;
    private final ArrayDeque<ByteBuffer> netOut = new ArrayDeque<>();
    private int netOutSize;
    private ByteBuffer wrapBuf;
    private boolean wrapping;
    private boolean handshakeFinishedPending;
    private boolean rawWritingPaused;
    private boolean appWritingPaused;
    int writeHigh = WRITE_HIGH;
    int writeLow = WRITE_HIGH / 4;

    TlsProtocol(EventLoop loop, ConnectionProtocol app, TlsOptions options, boolean callConnectionMade) {
        this.loop = loop;
        this.app = app;
        this.options = options;
        this.engine = options.newEngine();
        this.handshake = loop.createFuture();
        this.appTransport = new TlsTransport(this);
        this.appState = callConnectionMade ? AppState.INIT : AppState.MADE;
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(4 * s.getApplicationBufferSize());
        this.wrapBuf = ByteBuffer.allocate(s.getPacketBufferSize());
        extra.put(BaseTransport.SSL_OBJECT, engine);
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
        if (state != State.UNWRAPPED || raw != null) {
            throw new IllegalStateException("the TLS layer is already connected");
        }
        raw = transport;
        state = State.HANDSHAKE;
        handshakeTimer = loop.callLater(options.handshakeTimeout(), this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
            flushOut();
        } catch (SSLException e) {
            handshakeFailed(e);
        }
    }

    /** Ciphertext arrived: copied (the buffer is lent), then unwrapped as far as it goes. */
    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == State.CLOSED || state == State.UNWRAPPED) {
            return;
        }
        if (netIn.remaining() < data.remaining()) {
            netIn = grow(netIn, netIn.position() + data.remaining());
        }
        netIn.put(data);
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
        plainOut.clear();
        netOut.clear();
        plainOutSize = 0;
        netOutSize = 0;
        appTransport.closed = true;
        cancelTimers();
        engine.closeOutbound();
        if (!handshake.isDone()) {
            handshake.setException(closeError != null ? closeError
                    : new SSLHandshakeException("the connection was lost during the TLS handshake (" + was + ")"));
        }
        if (appState == AppState.MADE || appState == AppState.EOF) {
            appState = AppState.LOST;
            app.connectionLost(closeError);
        }
    }

    /** The raw transport's buffer is over its mark: wrapped records are held here meanwhile. */
    @Override
    public void pauseWriting() {
        rawWritingPaused = true;
    }

    /** The raw transport drained: held records go out, and the application may be resumed. */
    @Override
    public void resumeWriting() {
        rawWritingPaused = false;
        while (!netOut.isEmpty() && !rawWritingPaused && raw != null) {
            ByteBuffer b = netOut.poll();
            netOutSize -= b.remaining();
            raw.write(b);
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

    private void handshakeFailed(Throwable exc) {
        if (state != State.HANDSHAKE) {
            return;
        }
        cancelTimers();
        closeError = exc;
        state = State.UNWRAPPED;
        if (!handshake.isDone()) {
            handshake.setException(exc);
        }
        // Send the alert the engine prepared, so the peer learns why; then close.
        try {
            wrapBuf.clear();
            engine.wrap(ByteBuffer.allocate(0), wrapBuf);
            wrapBuf.flip();
            if (wrapBuf.hasRemaining() && raw != null) {
                raw.write(wrapBuf);
            }
        } catch (SSLException | RuntimeException ignored) {
            // The engine may have nothing more to say; closing is what matters.
        }
        if (raw != null) {
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
        if (!handshake.isDone()) {
            handshake.setResult(appTransport);
        }
        flushOut();
        doRead();
    }

    // ---- incoming ----

    /** Unwraps what netIn holds and hands the plaintext over, as far as state and pausing allow. */
    private void doRead() {
        if (reading) {
            return;
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

    private void readLoop() throws SSLException {
        loop:
        while (true) {
            boolean delivering = state == State.WRAPPED || state == State.FLUSHING;
            if (delivering) {
                // Batch: hand plaintext over only when appIn cannot take another record, so
                // many records read together reach the application in one call (asyncio joins them).
                if (appIn.remaining() < engine.getSession().getApplicationBufferSize()) {
                    deliver();
                }
                if (appReadingPaused || appIn.remaining() < engine.getSession().getApplicationBufferSize()) {
                    return;
                }
            } else if (state != State.HANDSHAKE && state != State.SHUTDOWN) {
                netIn.clear();
                return;
            }
            if (netIn.position() == 0 || engine.isInboundDone()) {
                break;
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                hs = engine.getHandshakeStatus();
            }
            if (state == State.SHUTDOWN) {
                appIn.clear(); // after our close_notify nothing more is delivered
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    int need = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < need) {
                        netIn = grow(netIn, need);
                    }
                    break loop; // wait for the rest of the record
                }
                case BUFFER_OVERFLOW -> {
                    if (delivering && appIn.position() > 0) {
                        deliver();
                        if (appIn.position() > 0) {
                            return; // paused with plaintext in hand; the ciphertext waits
                        }
                    } else {
                        appIn = grow(appIn, appIn.position() + engine.getSession().getApplicationBufferSize());
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
        if (state == State.WRAPPED || state == State.FLUSHING) {
            deliver();
            if (appIn.position() > 0) {
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

    /** Hands appIn's plaintext to the application while it reads; a Protocol takes it all. */
    private void deliver() {
        while (appIn.position() > 0 && !appReadingPaused
                && (state == State.WRAPPED || state == State.FLUSHING)) {
            appIn.flip();
            ConnectionProtocol target = app;
            try {
                if (target instanceof io.jasyncio.stream.BufferedProtocol bp) {
                    ByteBuffer into = bp.getBuffer(appIn.remaining());
                    if (into == null || !into.hasRemaining()) {
                        throw new IllegalStateException("getBuffer() returned a buffer with no room");
                    }
                    int n = Math.min(into.remaining(), appIn.remaining());
                    into.put(appIn.slice(appIn.position(), n));
                    appIn.position(appIn.position() + n);
                    appIn.compact();
                    bp.bufferUpdated(n);
                } else {
                    ((Protocol) target).dataReceived(appIn);
                    appIn.clear();
                }
            } catch (RuntimeException e) {
                if (appIn.position() != 0 || appIn.limit() != appIn.capacity()) {
                    appIn.clear();
                }
                throw e;
            }
        }
    }

    private void controlRawReading() {
        if (raw == null) {
            return;
        }
        int size = netIn.position() + appIn.position();
        if (size > READ_HIGH && !rawReadingPaused) {
            rawReadingPaused = true;
            raw.pauseReading();
        } else if (size <= READ_LOW && rawReadingPaused) {
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

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---- outgoing ----

    /** Queues a copy of the application's plaintext and wraps it if the handshake is done. */
    void writeAppData(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        plainOut.add(copy);
        plainOutSize += copy.remaining();
        if (state == State.WRAPPED) {
            flushOut();
        } else {
            controlAppWriting();
        }
    }

    /**
     * Wraps whatever the engine wants to send (handshake messages, alerts, close_notify) and,
     * once the handshake is done, the queued plaintext; sends the records or holds them while
     * the raw transport is paused.
     */
    private void flushOut() {
        if (wrapping || raw == null) {
            return;
        }
        wrapping = true;
        try {
            wrapLoop();
        } catch (SSLException e) {
            wrapping = false;
            if (state == State.HANDSHAKE) {
                handshakeFailed(e);
            } else {
                fatalError(e, "Fatal error on TLS protocol");
            }
            return;
        } finally {
            wrapping = false;
        }
        controlAppWriting();
        if (handshakeFinishedPending) {
            handshakeFinishedPending = false;
            handshakeComplete();
        }
    }

    private void wrapLoop() throws SSLException {
        ByteBuffer empty = ByteBuffer.allocate(0);
        while (raw != null && !engine.isOutboundDone()) {
            boolean appData = (state == State.WRAPPED || state == State.FLUSHING) && !plainOut.isEmpty();
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (!appData && hs != HandshakeStatus.NEED_WRAP) {
                if (hs == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                    continue;
                }
                return;
            }
            ByteBuffer src = appData ? plainOut.peek() : empty;
            wrapBuf.clear();
            SSLEngineResult r = engine.wrap(src, wrapBuf);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                wrapBuf = ByteBuffer.allocate(Math.max(wrapBuf.capacity() * 2,
                        engine.getSession().getPacketBufferSize()));
                continue;
            }
            if (appData) {
                plainOutSize -= r.bytesConsumed();
                if (!src.hasRemaining()) {
                    plainOut.poll();
                }
            }
            wrapBuf.flip();
            if (wrapBuf.hasRemaining()) {
                send(wrapBuf);
            }
            HandshakeStatus after = r.getHandshakeStatus();
            if (after == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else if (after == HandshakeStatus.FINISHED) {
                handshakeFinishedPending = true;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                return;
            }
        }
    }

    private void send(ByteBuffer records) {
        if (rawWritingPaused || !netOut.isEmpty()) {
            ByteBuffer copy = ByteBuffer.allocate(records.remaining());
            copy.put(records).flip();
            netOut.add(copy);
            netOutSize += copy.remaining();
        } else {
            raw.write(records);
        }
    }

    int writeBufferSize() {
        return plainOutSize + netOutSize;
    }

    void controlAppWriting() {
        int size = writeBufferSize();
        if (size > writeHigh && !appWritingPaused) {
            appWritingPaused = true;
            try {
                app.pauseWriting();
            } catch (RuntimeException e) {
                loop.callExceptionHandler(new ExceptionContext("protocol.pauseWriting() failed", e, appTransport, null));
            }
        } else if (size <= writeLow && appWritingPaused) {
            appWritingPaused = false;
            try {
                app.resumeWriting();
            } catch (RuntimeException e) {
                loop.callExceptionHandler(new ExceptionContext("protocol.resumeWriting() failed", e, appTransport, null));
            }
        }
    }

    // ---- shutdown ----

    void startShutdown() {
        switch (state) {
            case HANDSHAKE -> abort();
            case WRAPPED -> {
                state = State.FLUSHING;
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
        if (rawEof || engine.isInboundDone()) {
            callEofReceived();
            if (shutdownTimer != null) {
                shutdownTimer.cancel();
                shutdownTimer = null;
            }
            if (raw != null) {
                raw.close();
            }
        }
    }

    void abort() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.UNWRAPPED;
        if (raw != null) {
            raw.abort();
        }
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
        if (!handshake.isDone()) {
            handshake.setException(exc);
        }
        if (state != State.CLOSED) {
            state = State.UNWRAPPED; // aborting: waits for the raw transport's connectionLost
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

    static ByteBuffer grow(ByteBuffer writeMode, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, writeMode.capacity() * 2));
        writeMode.flip();
        bigger.put(writeMode);
        return bigger;
    }
}
