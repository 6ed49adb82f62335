package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.ReturnWhen;
import io.jasyncio.Task;
import io.jasyncio.Timeout;
import io.jasyncio.WaitResult;
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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLSession;

/**
 * Makes the pool's new connections: DNS through the {@link DnsCache}, TCP with Happy Eyeballs
 * over the cached addresses (core's {@link ConnectOptions} for each attempt's timeout), a proxy's
 * CONNECT tunnel, and TLS with SNI and hostname verification ({@link TlsOptions#client}).
 */
final class Connector {
    /* Implementation notes
     *
     * Core's createConnection races addresses itself, but only those it resolved; the pool
     * resolves through its cache, so it races the cached addresses here (RFC 8305: interleaved by
     * family, the next attempt after the delay or the previous failure), each attempt a
     * createConnection to one IP literal. Losing attempts are cancelled and any that connected
     * anyway are closed. TLS goes on after TCP (and after the tunnel) with Tls.startTls, so that
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
        ClientConnection conn = addresses.size() > 1 && pool.options.happyEyeballsDelay() != null
                ? race(route, addresses, options) : inTurn(route, addresses, options);
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

    private ClientConnection attempt(Route route, InetAddress address, ConnectOptions options) throws IOException {
        ClientConnection conn = new ClientConnection(pool, route);
        Network.createConnection(() -> conn, address.getHostAddress(), route.dial().port(), options);
        return conn;
    }

    private ClientConnection inTurn(Route route, List<InetAddress> addresses, ConnectOptions options) throws IOException {
        List<IOException> errors = new ArrayList<>();
        for (InetAddress a : addresses) {
            try {
                return attempt(route, a, options);
            } catch (IOException e) {
                errors.add(e);
            }
        }
        throw combine(route, errors);
    }

    private ClientConnection race(Route route, List<InetAddress> addresses, ConnectOptions options) throws IOException {
        List<InetAddress> order = interleave(addresses);
        List<Task<ClientConnection>> attempts = new ArrayList<>();
        List<IOException> errors = new ArrayList<>();
        ClientConnection winner = null;
        int next = 0;
        try {
            while (winner == null) {
                if (next < order.size()) {
                    InetAddress a = order.get(next++);
                    attempts.add(Asyncio.createTask(() -> attempt(route, a, options), "connect " + a.getHostAddress()));
                }
                List<Task<ClientConnection>> pending = attempts.stream().filter(t -> !t.isDone()).toList();
                if (pending.isEmpty()) {
                    if (next >= order.size()) {
                        break;
                    }
                    continue;
                }
                WaitResult<ClientConnection> r = Asyncio.waitFutures(pending,
                        next < order.size() ? pool.options.happyEyeballsDelay() : null, ReturnWhen.FIRST_COMPLETED);
                for (Future<ClientConnection> f : r.done()) {
                    if (!f.isCancelled() && f.exception() == null && winner == null) {
                        winner = f.result();
                    }
                }
            }
        } finally {
            for (Task<ClientConnection> t : attempts) {
                t.cancel();
            }
            for (Task<ClientConnection> t : attempts) {
                if (t.isDone() && !t.isCancelled()) {
                    Throwable e = t.exception();
                    if (e instanceof IOException io) {
                        errors.add(io);
                    } else if (e == null && t.result() != winner) {
                        t.result().abort();
                    }
                }
            }
        }
        if (winner != null) {
            return winner;
        }
        throw combine(route, errors);
    }

    /** RFC 8305 §4: alternate the families, starting with the resolver's first. */
    static List<InetAddress> interleave(List<InetAddress> addresses) {
        boolean firstV6 = addresses.getFirst() instanceof Inet6Address;
        List<InetAddress> same = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        for (InetAddress a : addresses) {
            ((a instanceof Inet6Address) == firstV6 ? same : other).add(a);
        }
        List<InetAddress> out = new ArrayList<>(addresses.size());
        for (int i = 0; i < Math.max(same.size(), other.size()); i++) {
            if (i < same.size()) {
                out.add(same.get(i));
            }
            if (i < other.size()) {
                out.add(other.get(i));
            }
        }
        return out;
    }

    private static IOException combine(Route route, List<IOException> errors) {
        if (errors.size() == 1) {
            return errors.getFirst();
        }
        IOException e = new IOException("cannot connect to " + route.dial().hostPort() + ": all " + errors.size()
                + " addresses failed; first: " + (errors.isEmpty() ? "none" : errors.getFirst().getMessage()));
        for (IOException x : errors) {
            e.addSuppressed(x);
        }
        return e;
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
