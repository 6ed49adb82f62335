package io.jasyncio.stream;

import io.jasyncio.Future;

/**
 * TLS as this package's connection factories see it: what {@link ConnectOptions#withTls},
 * {@link ServerOptions#withTls}, {@link Streams#openUnixConnection(java.nio.file.Path, TlsLayer)}
 * and {@link StreamWriter#startTls} take. {@code io.jasyncio.stream.tls.TlsOptions} is the
 * implementation users pass; this interface exists so that the dependency runs one way only:
 * {@code io.jasyncio.stream.tls} is built on this package's transport and protocol contracts,
 * and this package reaches TLS only through this seam.
 *
 * <p>Implementations are immutable values. Loop-confined where noted.
 *
 * <p><b>Differs from asyncio:</b> asyncio's {@code ssl=} arguments take an
 * {@code SSLContext} (or {@code True}) and keep the hostname, timeouts and ALPN in separate
 * arguments; here they travel together in one value.
 */
public interface TlsLayer {
    /** Whether this is the server side of the handshake. */
    boolean serverSide();

    /** The name a client checks the server's certificate against (and sends as SNI); null if none. */
    String serverHostname();

    /** Whether a client checks the server's certificate against {@link #serverHostname()}. */
    boolean verifyHostname();

    /** This layer with {@code hostname} as the server name; what a connect by host name fills in. */
    TlsLayer withServerHostname(String hostname);

    /**
     * A fresh layer for {@code app}, not yet connected: install {@link Wrapped#protocol()} as a
     * raw transport's protocol and call its {@code connectionMade} with that transport to start
     * the handshake. {@link Wrapped#handshake()} completes with the plaintext transport (after
     * {@code app.connectionMade}) or fails with the handshake's error. Loop-confined: call it on
     * the loop thread.
     *
     * @throws IllegalArgumentException if a client verifies the hostname but names none
     * @throws IllegalStateException if no loop runs in this thread
     */
    Wrapped wrap(ConnectionProtocol app);

    /**
     * Upgrades the live plain connection {@code raw} (asyncio's {@code loop.start_tls}): the
     * layer becomes its protocol and the handshake starts; the future completes with the
     * plaintext transport {@code currentProtocol} now hears from. Does not suspend.
     *
     * @throws IllegalArgumentException if a client verifies the hostname but names none
     */
    Future<Transport> startTls(Transport raw, ConnectionProtocol currentProtocol);

    /**
     * A layer made by {@link TlsLayer#wrap}.
     *
     * @param protocol the raw transport's protocol
     * @param handshake completes with the plaintext transport once the handshake is done
     */
    record Wrapped(Protocol protocol, Future<Transport> handshake) {
    }
}
