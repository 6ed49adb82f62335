package io.jasyncio.stream.tls;

import io.jasyncio.stream.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The outgoing half of a {@link TlsProtocol}: the application's plaintext waiting to be
 * encrypted, the records waiting for a paused raw transport, and the write-buffer marks the
 * application's flow control is measured against.
 */
final class TlsOutbound {
    /*
     * Implementation notes.
     *
     * plainOut holds copies of application writes (Transport.write may not keep the caller's
     * buffer) until wrap() may encrypt them: only once the handshake is done. Records go straight
     * to raw.write, which copies them, except while the raw transport has paused writing (or
     * records are already held, to keep their order): then they are copied into netOut. The
     * application's write buffer is plainOut + netOut (asyncio: write backlog + outgoing BIO).
     * wrap() is not re-entrant: a nested call (an application callback that writes) returns at
     * once and the running loop picks the new plaintext up, since it re-reads plainOut.
     */
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}: 512 KiB. */
    static final int DEFAULT_HIGH = 512 * 1024;

    private final SSLEngine engine;
    private final ArrayDeque<ByteBuffer> plainOut = new ArrayDeque<>();
    private int plainOutSize;
    private final ArrayDeque<ByteBuffer> netOut = new ArrayDeque<>();
    private int netOutSize;
    private ByteBuffer wrapBuf;
    private boolean wrapping;
    private boolean rawPaused;
    private boolean appPaused;
    int high = DEFAULT_HIGH;
    int low = DEFAULT_HIGH / 4;

    TlsOutbound(SSLEngine engine) {
        this.engine = engine;
        this.wrapBuf = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** Queues a copy of {@code data}'s remaining bytes, consuming them. */
    void queue(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        plainOut.add(copy);
        plainOutSize += copy.remaining();
    }

    /** Bytes the application wrote that the raw transport has not taken yet. */
    int size() {
        return plainOutSize + netOutSize;
    }

    /** Forgets everything queued: the connection is gone. */
    void clear() {
        plainOut.clear();
        netOut.clear();
        plainOutSize = 0;
        netOutSize = 0;
    }

    /**
     * Wraps what the engine wants to send (handshake messages, alerts, close_notify) and, when
     * {@code appData} is allowed, the queued plaintext; sends the records to {@code raw} or holds
     * them while it is paused.
     *
     * @return whether the handshake finished during this call
     * @throws SSLException if the engine fails
     */
    boolean wrap(Transport raw, boolean appData) throws SSLException {
        if (wrapping) {
            return false;
        }
        wrapping = true;
        boolean finished = false;
        try {
            ByteBuffer empty = ByteBuffer.allocate(0);
            while (!engine.isOutboundDone()) {
                boolean withData = appData && !plainOut.isEmpty();
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (!withData && hs != HandshakeStatus.NEED_WRAP) {
                    if (hs != HandshakeStatus.NEED_TASK) {
                        break;
                    }
                    TlsProtocol.runDelegatedTasks(engine);
                    continue;
                }
                ByteBuffer src = withData ? plainOut.peek() : empty;
                wrapBuf.clear();
                SSLEngineResult r = engine.wrap(src, wrapBuf);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    wrapBuf = ByteBuffer.allocate(Math.max(wrapBuf.capacity() * 2,
                            engine.getSession().getPacketBufferSize()));
                    continue;
                }
                if (withData) {
                    plainOutSize -= r.bytesConsumed();
                    if (!src.hasRemaining()) {
                        plainOut.poll();
                    }
                }
                wrapBuf.flip();
                if (wrapBuf.hasRemaining()) {
                    send(raw, wrapBuf);
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    TlsProtocol.runDelegatedTasks(engine);
                } else if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    finished = true;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    break;
                }
            }
        } finally {
            wrapping = false;
        }
        return finished;
    }

    /**
     * Wraps once more after a handshake failure, to send the alert the engine prepared; errors
     * are ignored, since the connection closes anyway.
     */
    void sendAlert(Transport raw) {
        try {
            wrapBuf.clear();
            engine.wrap(ByteBuffer.allocate(0), wrapBuf);
            wrapBuf.flip();
            if (wrapBuf.hasRemaining()) {
                raw.write(wrapBuf);
            }
        } catch (SSLException | RuntimeException ignored) {
            // nothing more to say: closing is what matters
        }
    }

    private void send(Transport raw, ByteBuffer records) {
        if (rawPaused || !netOut.isEmpty()) {
            ByteBuffer copy = ByteBuffer.allocate(records.remaining());
            copy.put(records).flip();
            netOut.add(copy);
            netOutSize += copy.remaining();
        } else {
            raw.write(records);
        }
    }

    /** Hands every held record to {@code raw}, paused or not: it is about to be closed, which flushes its buffer. */
    void flushHeld(Transport raw) {
        while (!netOut.isEmpty()) {
            ByteBuffer b = netOut.poll();
            netOutSize -= b.remaining();
            raw.write(b);
        }
    }

    /** The raw transport paused writing: records are held from now on. */
    void rawPaused() {
        rawPaused = true;
    }

    /** The raw transport resumed writing: held records go out until it pauses again. */
    void rawResumed(Transport raw) {
        rawPaused = false;
        while (!netOut.isEmpty() && !rawPaused) {
            ByteBuffer b = netOut.poll();
            netOutSize -= b.remaining();
            raw.write(b);
        }
    }

    /**
     * Updates the application's paused state against the marks: +1 if it must be paused now,
     * -1 if it must be resumed, 0 otherwise.
     */
    int flowChange() {
        int size = size();
        if (size > high && !appPaused) {
            appPaused = true;
            return 1;
        }
        if (size <= low && appPaused) {
            appPaused = false;
            return -1;
        }
        return 0;
    }
}
