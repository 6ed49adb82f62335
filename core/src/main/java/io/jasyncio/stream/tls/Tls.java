package io.jasyncio.stream.tls;

import io.jasyncio.Future;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Transport;

/**
 * Puts TLS on a stream connection: what asyncio's {@code create_connection(ssl=...)} and
 * {@code loop.start_tls()} do with an {@code SSLProtocol}.
 *
 * {@snippet :
 * Transport tls = Tls.wrap(raw, myProtocol, TlsOptions.client(ctx, "example.com")).await();
 * // myProtocol.connectionMade(tls) was called when the handshake finished
 * }
 */
public final class Tls {
    private Tls() {
    }

    /**
     * A TLS layer for {@code app}, not yet connected: install it as a raw transport's protocol
     * and call its {@link TlsProtocol#connectionMade} with that transport to start the
     * handshake. For code that creates raw transports itself.
     *
     * @throws IllegalArgumentException if {@code options} is a client that verifies the hostname
     *         but names none
     * @throws IllegalStateException if no loop runs in this thread
     */
    public static TlsProtocol newProtocol(ConnectionProtocol app, TlsOptions options) {
        return new TlsProtocol(io.jasyncio.EventLoop.getRunningLoop(), app, options, true);
    }

    /**
     * Starts TLS on a freshly connected raw transport that has received nothing yet: the TLS
     * layer becomes its protocol, the handshake starts now, and once it is done {@code app}'s
     * {@code connectionMade} is called with the plaintext transport and the returned future
     * completes with that transport. Does not suspend; await the future to wait.
     *
     * <p>The future fails with an {@link javax.net.ssl.SSLHandshakeException} (untrusted
     * certificate, hostname mismatch, the peer closing), a {@link java.net.SocketTimeoutException}
     * after {@link TlsOptions#handshakeTimeout()}, or the raw transport's error; the raw
     * transport is then closed and {@code app} hears nothing. Cancelling the future aborts a
     * connection still in its handshake.
     *
     * @throws IllegalArgumentException as {@link TlsOptions#newEngine()}
     */
    public static Future<Transport> wrap(Transport raw, ConnectionProtocol app, TlsOptions options) {
        TlsProtocol tls = new TlsProtocol(raw.loop(), app, options, true);
        raw.setProtocol(tls);
        tls.connectionMade(raw);
        return tls.handshake();
    }

    /**
     * Upgrades a live plain connection to TLS: asyncio's {@code loop.start_tls()}. The TLS layer
     * becomes {@code raw}'s protocol (reading is resumed if it was paused) and the handshake
     * starts; the returned future completes with the plaintext transport, which
     * {@code currentProtocol} now receives events from. {@code connectionMade} is not called
     * again. Data the old protocol received but had not consumed is the caller's business, as in
     * asyncio. Does not suspend.
     *
     * <p>Fails as {@link #wrap}; and, <b>unlike asyncio</b> (which skips it on a handshake
     * timeout), {@code currentProtocol} then gets {@code connectionLost} with the error, so it
     * hears of the end of its connection exactly once.
     *
     * @throws IllegalArgumentException as {@link TlsOptions#newEngine()}
     */
    public static Future<Transport> startTls(Transport raw, ConnectionProtocol currentProtocol, TlsOptions options) {
        TlsProtocol tls = new TlsProtocol(raw.loop(), currentProtocol, options, false);
        raw.setProtocol(tls);
        tls.connectionMade(raw);
        raw.resumeReading();
        return tls.handshake();
    }
}
