package io.jasyncio.stream.tls;

import io.jasyncio.Future;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.TlsLayer;
import io.jasyncio.stream.Transport;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How one side of a TLS connection is set up: asyncio's {@code ssl=}, {@code server_hostname=},
 * {@code ssl_handshake_timeout=} and {@code ssl_shutdown_timeout=} arguments in one immutable
 * value. Each {@code with...} method returns a changed copy.
 *
 * {@snippet :
 * TlsOptions client = TlsOptions.client(sslContext, "example.com").withAlpn(List.of("http/1.1"));
 * TlsOptions server = TlsOptions.server(serverContext).withHandshakeTimeout(Duration.ofSeconds(10));
 * }
 *
 * <p>A client verifies the server's certificate against {@code serverHostname} by default
 * (endpoint identification {@code "HTTPS"}, as Python's {@code check_hostname}); a client with
 * verification on and no server hostname is an error, reported when the options are used
 * ({@link #newEngine()}), as asyncio requires {@code server_hostname}. Trust itself (which
 * certificates are accepted) is the {@link SSLContext}'s business.
 *
 * @param sslContext        makes the engine; for a client, null means {@link SSLContext#getDefault()}
 *                          (the JDK's trust store, as asyncio's {@code ssl=True})
 * @param serverSide        whether this is the server side of the handshake
 * @param serverHostname    the name the client sends as SNI and checks the certificate against;
 *                          ignored on the server side; an IP literal is checked but not sent as SNI
 * @param alpnProtocols     ALPN protocols in preference order; empty for no ALPN
 * @param verifyHostname    whether a client checks the certificate against {@code serverHostname}
 * @param handshakeTimeout  how long the handshake may take before the connection is aborted (60 s)
 * @param shutdownTimeout   how long a close waits for the peer's close_notify before aborting (30 s)
 */
public record TlsOptions(
        SSLContext sslContext,
        boolean serverSide,
        String serverHostname,
        List<String> alpnProtocols,
        boolean verifyHostname,
        Duration handshakeTimeout,
        Duration shutdownTimeout) implements TlsLayer {

    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}: 60 s. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}: 30 s. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks the fields and copies the ALPN list.
     *
     * @throws NullPointerException if {@code alpnProtocols} or a timeout is null, or
     *         {@code sslContext} is null on the server side
     * @throws IllegalArgumentException if a timeout is not positive or an ALPN name is empty
     */
    public TlsOptions {
        if (alpnProtocols == null || handshakeTimeout == null || shutdownTimeout == null) {
            throw new NullPointerException("alpnProtocols, handshakeTimeout and shutdownTimeout are required");
        }
        if (serverSide && sslContext == null) {
            throw new NullPointerException("the server side needs an SSLContext");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, got " + handshakeTimeout);
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("shutdownTimeout must be positive, got " + shutdownTimeout);
        }
        alpnProtocols = List.copyOf(alpnProtocols);
        for (String p : alpnProtocols) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty ALPN protocol name");
            }
        }
    }

    /**
     * Client options: verify the server's certificate for {@code serverHostname}, no ALPN,
     * default timeouts.
     *
     * @param sslContext     the context, or null for {@link SSLContext#getDefault()}
     * @param serverHostname the server's name for SNI and verification; null is allowed only
     *                       together with {@link #withHostnameVerification withHostnameVerification(false)}
     */
    public static TlsOptions client(SSLContext sslContext, String serverHostname) {
        return new TlsOptions(sslContext, false, serverHostname, List.of(), true,
                DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Client options for {@code createConnection} / {@code openConnection}: the server hostname
     * (SNI and verification, on) is the host the connection is made to, as asyncio's
     * {@code server_hostname} defaults to {@code host}. Used with {@link Tls#wrap} directly, a
     * client without a hostname is rejected unless verification is off.
     *
     * @param sslContext the context, or null for {@link SSLContext#getDefault()}
     */
    public static TlsOptions client(SSLContext sslContext) {
        return client(sslContext, null);
    }

    /**
     * Server options: no ALPN, default timeouts. Whether client certificates are requested is
     * up to {@code sslContext}'s defaults.
     *
     * @throws NullPointerException if {@code sslContext} is null
     */
    public static TlsOptions server(SSLContext sslContext) {
        return new TlsOptions(sslContext, true, null, List.of(), false,
                DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** A copy offering (client) or accepting (server) these ALPN protocols, in preference order. */
    public TlsOptions withAlpn(List<String> protocols) {
        return new TlsOptions(sslContext, serverSide, serverHostname, protocols, verifyHostname,
                handshakeTimeout, shutdownTimeout);
    }

    /** A copy with another server hostname (SNI and verification). */
    public TlsOptions withServerHostname(String hostname) {
        return new TlsOptions(sslContext, serverSide, hostname, alpnProtocols, verifyHostname,
                handshakeTimeout, shutdownTimeout);
    }

    /**
     * A copy that does or does not check the server's certificate against the hostname
     * (Python's {@code check_hostname}). Turning it off does not turn off trust checks.
     */
    public TlsOptions withHostnameVerification(boolean on) {
        return new TlsOptions(sslContext, serverSide, serverHostname, alpnProtocols, on,
                handshakeTimeout, shutdownTimeout);
    }

    /** A copy with another handshake timeout. */
    public TlsOptions withHandshakeTimeout(Duration timeout) {
        return new TlsOptions(sslContext, serverSide, serverHostname, alpnProtocols, verifyHostname,
                timeout, shutdownTimeout);
    }

    /** A copy with another shutdown timeout. */
    public TlsOptions withShutdownTimeout(Duration timeout) {
        return new TlsOptions(sslContext, serverSide, serverHostname, alpnProtocols, verifyHostname,
                handshakeTimeout, timeout);
    }

    /**
     * A new engine set up as these options say: client or server mode, SNI, endpoint
     * identification, ALPN.
     *
     * @throws IllegalArgumentException if this is a client that verifies the hostname but has
     *         none (asyncio: "server_hostname is required")
     * @throws IllegalStateException if {@code sslContext} is null and the JDK has no default context
     */
    public SSLEngine newEngine() {
        if (!serverSide && verifyHostname && (serverHostname == null || serverHostname.isEmpty())) {
            throw new IllegalArgumentException(
                    "a TLS client that verifies the hostname needs serverHostname (or withHostnameVerification(false))");
        }
        SSLContext ctx = sslContext;
        if (ctx == null) {
            try {
                ctx = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default SSLContext", e);
            }
        }
        SSLEngine engine = serverSide || serverHostname == null
                ? ctx.createSSLEngine()
                : ctx.createSSLEngine(serverHostname, -1);
        engine.setUseClientMode(!serverSide);
        SSLParameters params = engine.getSSLParameters();
        if (!serverSide) {
            if (verifyHostname) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            // The JDK sends SNI on its own only for names with a dot; "localhost" needs it set.
            if (serverHostname != null && !isIpLiteral(serverHostname)) {
                params.setServerNames(List.of(new SNIHostName(serverHostname)));
            }
        }
        if (!alpnProtocols.isEmpty()) {
            params.setApplicationProtocols(alpnProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which SNI must not carry (RFC 6066). */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /**
     * A fresh TLS layer for {@code app}: {@link Tls#newProtocol} with these options, and its
     * handshake future.
     *
     * @throws IllegalArgumentException as {@link #newEngine()}
     * @throws IllegalStateException if no loop runs in this thread
     */
    @Override
    public Wrapped wrap(ConnectionProtocol app) {
        TlsProtocol layer = Tls.newProtocol(app, this);
        return new Wrapped(layer, layer.handshake());
    }

    /**
     * {@link Tls#startTls} with these options.
     *
     * @throws IllegalArgumentException as {@link #newEngine()}
     */
    @Override
    public Future<Transport> startTls(Transport raw, ConnectionProtocol currentProtocol) {
        return Tls.startTls(raw, currentProtocol, this);
    }
}
