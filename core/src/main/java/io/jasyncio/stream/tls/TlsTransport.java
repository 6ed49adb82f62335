package io.jasyncio.stream.tls;

import io.jasyncio.EventLoop;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Transport;
import java.nio.ByteBuffer;

/**
 * The application's side of a TLS connection: asyncio's {@code _SSLProtocolTransport}. Writes
 * are encrypted by the {@link TlsProtocol} that made it and go out on the raw transport.
 *
 * <p>Its write buffer is the TLS layer's own (plaintext not yet encrypted, records the paused
 * raw transport has not taken), with asyncio's SSL marks (512 KiB high, 128 KiB low); a raw
 * transport that pauses writing makes it grow, so the application is paused in turn.
 * {@link #pauseReading()} stops delivery; ciphertext then accumulates and the raw transport is
 * paused past 256 KiB, as asyncio does.
 */
final class TlsTransport implements Transport {
    private final TlsProtocol tls;
    boolean closed;

    TlsTransport(TlsProtocol tls) {
        this.tls = tls;
    }

    @Override
    public void write(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        if (closed || !tls.acceptsWrites()) {
            // asyncio drops writes once the TLS shutdown began (and logs after a few)
            data.position(data.limit());
            return;
        }
        tls.writeAppData(data);
    }

    /** Always throws: TLS has no half-close (close_notify closes both directions in asyncio). */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS transports do not support writeEof()");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void pauseReading() {
        tls.pauseReading();
    }

    @Override
    public void resumeReading() {
        tls.resumeReading();
    }

    @Override
    public boolean isReading() {
        return !tls.appReadingPaused && !closed;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= low <= high, got high=" + high + " low=" + low);
        }
        tls.out.high = high;
        tls.out.low = low;
        tls.controlAppWriting();
    }

    @Override
    public int getWriteBufferHighWater() {
        return tls.out.high;
    }

    @Override
    public int getWriteBufferLowWater() {
        return tls.out.low;
    }

    @Override
    public int getWriteBufferSize() {
        return tls.writeBufferSize();
    }

    @Override
    public ConnectionProtocol getProtocol() {
        return tls.app;
    }

    @Override
    public void setProtocol(ConnectionProtocol protocol) {
        if (protocol == null) {
            throw new NullPointerException("protocol");
        }
        tls.app = protocol;
    }

    @Override
    public Object getExtraInfo(String name) {
        return tls.extraInfo(name);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Flushes what was written, sends close_notify, waits for the peer's (shutdown timeout), then closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tls.startShutdown();
    }

    @Override
    public void abort() {
        closed = true;
        tls.abort();
    }

    @Override
    public EventLoop loop() {
        return tls.loop();
    }

    @Override
    public String toString() {
        return "TlsTransport[" + tls.state + "]";
    }
}
