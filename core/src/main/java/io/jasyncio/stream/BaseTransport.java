package io.jasyncio.stream;

import io.jasyncio.EventLoop;

/**
 * What every transport offers: asyncio's {@code BaseTransport}. A transport is the loop's end of
 * one connection or endpoint; its protocol receives the events.
 *
 * <p>Loop-confined: call it from the loop thread that owns it.
 */
public interface BaseTransport extends AutoCloseable {
    /** Extra-info name of the peer's {@link java.net.SocketAddress}. */
    String PEERNAME = "peername";
    /** Extra-info name of the local {@link java.net.SocketAddress}. */
    String SOCKNAME = "sockname";
    /** Extra-info name of the underlying {@link java.nio.channels.Channel}. */
    String SOCKET = "socket";
    /** Extra-info name of the {@link javax.net.ssl.SSLEngine} of a TLS connection. */
    String SSL_OBJECT = "sslObject";
    /** Extra-info name of the negotiated {@link javax.net.ssl.SSLSession} of a TLS connection. */
    String SSL_SESSION = "sslSession";
    /** Extra-info name of the negotiated cipher suite ({@link String}) of a TLS connection. */
    String CIPHER = "cipher";
    /** Extra-info name of the peer's certificate chain ({@code Certificate[]}) of a TLS connection. */
    String PEERCERT = "peercert";
    /** Extra-info name of the ALPN protocol ({@link String}) negotiated on a TLS connection. */
    String ALPN_PROTOCOL = "alpnProtocol";

    /**
     * Information about the connection by name ({@link #PEERNAME}, {@link #SOCKNAME},
     * {@link #SOCKET}, the TLS names), or null if this transport has none by that name.
     */
    Object getExtraInfo(String name);

    /** {@link #getExtraInfo(String)}, or {@code fallback} where it would be null. */
    default Object getExtraInfo(String name, Object fallback) {
        Object v = getExtraInfo(name);
        return v != null ? v : fallback;
    }

    /** Whether {@link #close()} or {@link #abort()} was called or the connection was lost. */
    boolean isClosing();

    /**
     * Closes the transport once buffered data is sent; the protocol's
     * {@link BaseProtocol#connectionLost} follows with null. Idempotent.
     */
    @Override
    void close();

    /**
     * Closes the transport at once, discarding buffered data; the protocol's
     * {@link BaseProtocol#connectionLost} follows with null. Idempotent.
     */
    void abort();

    /** The loop the transport runs on. */
    EventLoop loop();
}
