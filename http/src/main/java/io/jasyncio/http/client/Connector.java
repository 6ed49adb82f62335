package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Timeout;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.RequestEncoder;
import io.jasyncio.http.codec.ResponseHead;
import io.jasyncio.stream.ConnectOptions;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Transport;
import io.jasyncio.stream.tls.Tls;
import io.jasyncio.stream.tls.TlsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;

/**
 * Makes the pool's new connections: DNS through the {@link DnsCache}, TCP with core's Happy
 * Eyeballs over the cached addresses ({@link ConnectOptions} for the race and each attempt's timeout), a proxy's
 * CONNECT tunnel, and TLS with SNI and hostname verification ({@link TlsOptions#client}).
 */
final class Connector {
    /* Implementation notes
     *
     * The pool resolves through its cache and hands the cached addresses to core's
     * createConnection over resolved addresses, which races them (RFC 8305: families
     * interleaved, the next attempt after the delay or the previous failure, losers cancelled
     * and closed). TLS goes on after TCP (and after the tunnel) with Tls.startTls, so that
     * tlsStart/tlsEnd can be reported and a tunnel and a direct connection share the code.
     */
    private final ConnectionPool pool;
    private final DnsCache dns;

    Connector(ConnectionPool pool, DnsCache dns) {
        this.pool = pool;
        this.dns = dns;
    }

    /**
     * A new connection for {@code route}, in state CONNECTING, within the connect timeout and the
     * total deadline. A cancellation point; a failed or cancelled connect leaves no socket.
     */
    ClientConnection connect(Route route, ClientTimeouts timeouts, long deadline) throws IOException {
        long connectDeadline = ConnectionPool.deadlineAfter(pool.loop().time(), timeouts.connect());
        long until = Math.min(connectDeadline, deadline);
        String doing = "connecting to " + route.dial().hostPort()
                + (route.proxy() != null ? " (proxy for " + route.origin() + ")" : "");
        Timeout t = until == Long.MAX_VALUE ? null : Timeout.at(until);
        try {
            return t == null ? establish(route, timeouts) : t.run(() -> establish(route, timeouts));
        } catch (AsyncTimeoutException e) {
            if (t != null && t.expired() && !(e instanceof ClientTimeoutException)) {
                throw deadline < connectDeadline ? new TotalTimeoutException(timeouts.total(), doing, e)
                        : new ConnectTimeoutException(timeouts.connect(), doing, e);
            }
            throw e;
        } catch (SocketTimeoutException e) {
            throw new ConnectTimeoutException(timeouts.connect(), doing, e);
        }
    }

    private ClientConnection establish(Route route, ClientTimeouts timeouts) throws IOException {
        List<InetAddress> addresses = dns.resolve(route.dial().host(), pool.listener);
        ConnectOptions options = ConnectOptions.DEFAULTS.withConnectTimeout(timeouts.connect());
        if (pool.options.happyEyeballsDelay() != null) {
            options = options.withHappyEyeballs(pool.options.happyEyeballsDelay());
        }
        int port = route.dial().port();
        List<InetSocketAddress> targets = addresses.stream().map(a -> new InetSocketAddress(a, port)).toList();
        ClientConnection conn = new ClientConnection(pool, route);
        Network.createConnection(() -> conn, route.dial().host(), targets, options);
        boolean ok = false;
        try {
            if (route.tunnel()) {
                tunnel(conn, route);
            }
            if (route.origin().secure()) {
                startTls(conn, route.origin(), timeouts);
            }
            ok = true;
            return conn;
        } finally {
            if (!ok) {
                conn.abort();
            }
        }
    }

    private void tunnel(ClientConnection conn, Route route) throws IOException {
        String target = route.origin().hostPort();
        Headers h = new Headers().add("Host", target);
        if (route.proxy().authorization() != null) {
            h.add("Proxy-Authorization", route.proxy().authorization());
        }
        conn.state = ClientConnection.State.ACTIVE;
        conn.decoder.expectResponseTo(Method.CONNECT);
        conn.transport.write(RequestEncoder.encodeHead(Method.CONNECT, target, h));
        ResponseHead head = Exchange.awaitHead(conn, Method.CONNECT, ClientTimeouts.NONE, Long.MAX_VALUE);
        if (head.status() / 100 != 2) {
            throw new IOException("proxy " + route.dial().hostPort() + " refused CONNECT " + target + ": " + head.status()
                    + " " + head.reason());
        }
        ByteBuffer early = conn.takeLeftover();
        if (early.hasRemaining()) {
            throw new IOException("proxy " + route.dial().hostPort() + " sent " + early.remaining()
                    + " bytes into the tunnel before the TLS handshake");
        }
        conn.resetDecoder();
        conn.state = ClientConnection.State.CONNECTING;
    }

    private void startTls(ClientConnection conn, Origin origin, ClientTimeouts timeouts) throws IOException {
        pool.listener.tlsStart(origin.host());
        TlsOptions tls = TlsOptions.client(pool.options.sslContext(), origin.host())
                .withHostnameVerification(pool.options.verifyHostname());
        if (timeouts.connect() != null) {
            tls = tls.withHandshakeTimeout(timeouts.connect());
        }
        Transport plain;
        try {
            plain = Tls.startTls(conn.transport, conn, tls).await();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        conn.setTransport(plain);
        String protocol = plain.getExtraInfo(Transport.SSL_SESSION) instanceof SSLSession s ? s.getProtocol() : null;
        pool.listener.tlsEnd(origin.host(), protocol);
    }

    /** Cancels DNS lookups in progress and empties the cache. */
    void close() {
        dns.close();
    }
}
