package io.jasyncio.stream.tls;

import io.jasyncio.stream.BufferedProtocol;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Protocol;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The incoming half of a {@link TlsProtocol}: ciphertext not yet unwrapped and plaintext not
 * yet handed to the application.
 */
final class TlsInbound {
    /*
     * Implementation notes.
     *
     * Both buffers stay in write mode between calls: data in [0, position). netIn keeps a record
     * split across reads until its end arrives, and all ciphertext while the application has
     * paused reading. appIn collects plaintext from several records so that records read
     * together reach the application in one call (asyncio joins them); it is at least four
     * application-buffer sizes so the engine always has room for a record. A Protocol takes all
     * of appIn in one dataReceived (it is lent); a BufferedProtocol takes what its buffer holds.
     */
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}: the raw transport is paused above it. */
    static final int HIGH = 256 * 1024;
    /** The raw transport is resumed at or below it. */
    static final int LOW = HIGH / 4;

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;

    TlsInbound(SSLEngine engine) {
        this.engine = engine;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(4 * engine.getSession().getApplicationBufferSize());
    }

    /** Copies the ciphertext in {@code data} (lent by the raw transport). */
    void append(ByteBuffer data) {
        if (netIn.remaining() < data.remaining()) {
            netIn = grow(netIn, netIn.position() + data.remaining());
        }
        netIn.put(data);
    }

    boolean hasCiphertext() {
        return netIn.position() > 0;
    }

    boolean hasPlaintext() {
        return appIn.position() > 0;
    }

    /** Whether appIn has room for one more record's plaintext. */
    boolean roomForRecord() {
        return appIn.remaining() >= engine.getSession().getApplicationBufferSize();
    }

    /** Bytes held in either buffer, for the raw transport's read flow control. */
    int buffered() {
        return netIn.position() + appIn.position();
    }

    void discardCiphertext() {
        netIn.clear();
    }

    void discardPlaintext() {
        appIn.clear();
    }

    /** Unwraps at most one record from netIn into appIn. */
    SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        try {
            return engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
    }

    /** After BUFFER_UNDERFLOW: makes sure netIn can hold a whole record. */
    void fitRecord() {
        int need = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < need) {
            netIn = grow(netIn, need);
        }
    }

    /** After BUFFER_OVERFLOW with nothing to hand over: gives appIn room for a record. */
    void growPlaintext() {
        appIn = grow(appIn, appIn.position() + engine.getSession().getApplicationBufferSize());
    }

    /**
     * Hands the plaintext to the current application protocol ({@code current}, read again before every call) while {@code go} holds (it is re-checked after every
     * call, since the application may pause, close or swap protocols meanwhile).
     *
     * @throws IllegalStateException if a BufferedProtocol lends a buffer with no room
     */
    void deliver(Supplier<ConnectionProtocol> current, BooleanSupplier go) {
        while (appIn.position() > 0 && go.getAsBoolean()) {
            ConnectionProtocol app = current.get(); // re-read: a callback may have called setProtocol
            appIn.flip();
            try {
                if (app instanceof BufferedProtocol bp) {
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
                    ((Protocol) app).dataReceived(appIn);
                    appIn.clear();
                }
            } catch (RuntimeException e) {
                appIn.clear(); // the connection is failing: what was not handed over is dropped
                throw e;
            }
        }
    }

    static ByteBuffer grow(ByteBuffer writeMode, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, writeMode.capacity() * 2));
        writeMode.flip();
        bigger.put(writeMode);
        return bigger;
    }
}
