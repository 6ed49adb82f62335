package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The entry points of networking on the running loop: asyncio's loop methods
 * {@code sock_recv}, {@code sock_sendall}, {@code getaddrinfo}, {@code create_connection},
 * {@code create_server} and their kin, as static methods.
 *
 * <p>Every method runs on the loop of the calling thread ({@link io.jasyncio.Asyncio#getRunningLoop()});
 * those that suspend are cancellation points and must be called from a task.
 *
 * <p><b>Differs from asyncio:</b> these are not methods of the loop (the stream package is
 * built on the loop's public API only), and I/O failures are {@link IOException}s that name
 * the host and port concerned.
 */
public final class Network {
    private Network() {
    }

    // ---- low-level socket operations ----

    /**
     * Reads up to {@code n} bytes from {@code channel}, suspending until some arrive: asyncio's
     * {@code sock_recv}. Returns an empty array at end of stream. A cancellation point: a
     * cancelled call has read nothing.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode or {@code n} is negative
     * @throws IllegalStateException outside a task on a running loop
     * @throws IOException if the read fails
     * @throws io.jasyncio.CancelledError if the caller is cancelled while waiting
     */
    public static byte[] sockRecv(SocketChannel channel, int n) throws IOException {
        return SocketOps.recv(channel, n);
    }

    /**
     * Reads into {@code buffer} (from its position, up to its limit), suspending until some bytes
     * arrive: asyncio's {@code sock_recv_into}. A cancellation point: a cancelled call has read
     * nothing.
     *
     * @return how many bytes were read, 0 if the buffer has no room, or -1 at end of stream
     *         (<b>differs from asyncio</b>, which returns 0 there, as Java's channels do)
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws IOException if the read fails
     * @throws io.jasyncio.CancelledError if the caller is cancelled while waiting
     */
    public static int sockRecvInto(SocketChannel channel, ByteBuffer buffer) throws IOException {
        return SocketOps.recvInto(channel, buffer);
    }

    /**
     * Sends all of {@code data}'s remaining bytes, suspending while the socket's buffer is full:
     * asyncio's {@code sock_sendall}. A cancellation point: if cancelled, part of the data may
     * have been sent, and {@code data}'s position tells how much (asyncio cannot tell).
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws IOException if a write fails (a reset peer, say)
     * @throws io.jasyncio.CancelledError if the caller is cancelled while waiting
     */
    public static void sockSendAll(SocketChannel channel, ByteBuffer data) throws IOException {
        SocketOps.sendAll(channel, data);
    }

    /**
     * Accepts one connection, suspending until there is one: asyncio's {@code sock_accept}. The
     * new channel is non-blocking; its peer is {@link SocketChannel#getRemoteAddress()}. A
     * cancellation point: a cancelled call has accepted nothing.
     *
     * @throws IllegalArgumentException if the server channel is in blocking mode
     * @throws IOException if accepting fails
     * @throws io.jasyncio.CancelledError if the caller is cancelled while waiting
     */
    public static SocketChannel sockAccept(ServerSocketChannel server) throws IOException {
        return SocketOps.accept(server);
    }

    /**
     * Connects {@code channel} to {@code address}, suspending until the connect completes:
     * asyncio's {@code sock_connect}. An unresolved {@link InetSocketAddress} is resolved first
     * (off the loop) and its first address used. A cancellation point; after a cancellation the
     * channel may be half-connected and should be closed.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode
     * @throws java.net.ConnectException naming host and port if the peer refuses
     * @throws IOException naming host and port if the connect fails otherwise
     * @throws io.jasyncio.CancelledError if the caller is cancelled while waiting
     */
    public static void sockConnect(SocketChannel channel, SocketAddress address) throws IOException {
        SocketOps.connect(channel, address);
    }

    // ---- names ----

    /**
     * The socket addresses of {@code host} with {@code port}, in the order the system resolver
     * gives them (null host: the loopback address): asyncio's {@code getaddrinfo}, reduced to
     * the addresses. Looks the name up on a worker thread ({@code toThread}); an IP literal needs
     * no lookup and returns without suspending. A cancellation point.
     *
     * @throws UnknownHostException naming the host if it cannot be resolved
     * @throws IllegalArgumentException if the port is out of range
     */
    public static List<InetSocketAddress> getAddrInfo(String host, int port) throws UnknownHostException {
        try {
            return Resolver.resolve(host, port);
        } catch (UnknownHostException e) {
            throw Resolver.unknown(host, port, e);
        }
    }

    /**
     * The host name and port of {@code address} by reverse lookup on a worker thread: asyncio's
     * {@code getnameinfo}. The host is the address in text form when it has no name. A
     * cancellation point.
     *
     * @throws UnknownHostException if the lookup fails
     */
    public static NameInfo getNameInfo(InetSocketAddress address) throws UnknownHostException {
        if (address.isUnresolved()) {
            return new NameInfo(address.getHostString(), Integer.toString(address.getPort()));
        }
        return new NameInfo(Resolver.hostName(address.getAddress()), Integer.toString(address.getPort()));
    }

    // ---- connections ----

    /**
     * Connects to {@code host}:{@code port} and wires the connection to a protocol made by
     * {@code protocolFactory}: asyncio's {@code create_connection}. The host is resolved off the
     * loop (an IP literal needs no lookup); each address is tried in turn until one connects, or
     * raced with Happy Eyeballs if the options ask. Returns once the protocol's
     * {@code connectionMade} has run. A cancellation point; a cancelled call leaves no socket open.
     *
     * <p>With {@link ConnectOptions#tls()} the connection is a TLS client's (asyncio's
     * {@code ssl=}): the server hostname, if the options name none, is {@code host}, and it is
     * verified against the certificate unless verification was turned off. The call returns
     * once the handshake is done, with the plaintext transport (its {@code connectionMade}
     * called then); a failed handshake closes the socket and throws.
     *
     * {@snippet :
     * Connection<Echo> c = Network.createConnection(Echo::new, "127.0.0.1", 8888);
     * c.transport().write("hello".getBytes());
     *
     * var tls = ConnectOptions.DEFAULTS.withTls(TlsOptions.client(sslContext));
     * Connection<Echo> s = Network.createConnection(Echo::new, "localhost", 8443, tls);
     * }
     *
     * @throws java.net.ConnectException naming host and port if refused (all refusals, as
     *         suppressed exceptions, when several addresses were tried)
     * @throws java.net.SocketTimeoutException naming host and port if an attempt exceeds
     *         {@link ConnectOptions#connectTimeout()}
     * @throws UnknownHostException naming the host if it cannot be resolved
     * @throws javax.net.ssl.SSLHandshakeException naming host and port if the TLS handshake fails
     *         (an untrusted certificate, a hostname it does not name, the peer closing)
     * @throws java.net.SocketTimeoutException naming host and port if the TLS handshake takes
     *         longer than {@link io.jasyncio.stream.tls.TlsOptions#handshakeTimeout()}
     * @throws IllegalArgumentException if TLS verifies the hostname but there is none (a null
     *         host and no {@link TlsLayer#serverHostname()})
     * @throws IOException naming host and port for other failures
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host, int port,
            ConnectOptions options) throws IOException {
        TlsLayer tls = options.tls();
        if (tls != null && tls.serverHostname() == null && host != null) {
            tls = tls.withServerHostname(host);
        }
        requireHostname(tls);
        List<InetSocketAddress> addresses = getAddrInfo(host, port);
        SocketChannel ch = Connector.connect(host, addresses, options);
        if (tls != null) {
            return TlsConnections.connect(ch, protocolFactory, tls,
                    host != null ? TlsConnections.where(host, port) : SocketOps.describe(addresses.getFirst()));
        }
        return wire(ch, protocolFactory);
    }

    /**
     * {@link #createConnection(Supplier, String, int, ConnectOptions)} over addresses the caller
     * already resolved (a client with its own DNS cache, say): tries them in the given order, or
     * races them with Happy Eyeballs when the options ask for it (families interleaved as
     * {@link ConnectOptions#interleave()} says), each attempt within
     * {@link ConnectOptions#connectTimeout()}; the losers are cancelled and closed. {@code host}
     * is the name the addresses belong to: it names them in errors and is TLS's server hostname
     * unless the options name one. asyncio has no such call (its {@code create_connection}
     * always resolves); {@code sock=} with a socket connected by hand is the nearest.
     *
     * @throws IllegalArgumentException if {@code addresses} is empty
     * @throws java.net.ConnectException if refused (all refusals, as suppressed exceptions, when
     *         several addresses were tried)
     * @throws java.net.SocketTimeoutException if an attempt exceeds the connect timeout
     * @throws javax.net.ssl.SSLHandshakeException if the TLS handshake fails
     * @throws IOException naming host and address for other failures
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host,
            List<InetSocketAddress> addresses, ConnectOptions options) throws IOException {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to connect to" + (host == null ? "" : " for " + host));
        }
        TlsLayer tls = options.tls();
        if (tls != null && tls.serverHostname() == null && host != null) {
            tls = tls.withServerHostname(host);
        }
        requireHostname(tls);
        SocketChannel ch = Connector.connect(host, List.copyOf(addresses), options);
        if (tls != null) {
            return TlsConnections.connect(ch, protocolFactory, tls, host != null
                    ? TlsConnections.where(host, addresses.getFirst().getPort()) : SocketOps.describe(addresses.getFirst()));
        }
        return wire(ch, protocolFactory);
    }

    /** asyncio: "You must set server_hostname when using ssl without a host", checked before connecting. */
    private static void requireHostname(TlsLayer tls) {
        if (tls != null && tls.verifyHostname() && (tls.serverHostname() == null || tls.serverHostname().isEmpty())) {
            throw new IllegalArgumentException("TLS with hostname verification needs a server hostname: give a host, "
                    + "or TlsOptions.withServerHostname, or turn verification off");
        }
    }

    /** {@link #createConnection(Supplier, String, int, ConnectOptions)} with {@link ConnectOptions#DEFAULTS}. */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(Supplier<P> protocolFactory, String host, int port)
            throws IOException {
        return createConnection(protocolFactory, host, port, ConnectOptions.DEFAULTS);
    }

    /**
     * Connects to the Unix-domain socket at {@code path}: asyncio's
     * {@code create_unix_connection}. Otherwise as {@link #createConnection}.
     *
     * @throws IOException naming the path if the connect fails
     */
    public static <P extends ConnectionProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path) throws IOException {
        return createUnixConnection(protocolFactory, path, null);
    }

    /**
     * Connects to the Unix-domain socket at {@code path} with TLS if {@code tls} is not null:
     * asyncio's {@code create_unix_connection(ssl=, server_hostname=)}. There is no host to take
     * the server hostname from, so {@code tls} must name one unless verification is off. Returns
     * once the handshake is done; failures as {@link #createConnection}, naming the path.
     *
     * @throws IllegalArgumentException if {@code tls} verifies the hostname but names none, or is
     *         for the server side
     * @throws IOException naming the path if the connect or the handshake fails
     */
    public static <P extends ConnectionProtocol> Connection<P> createUnixConnection(Supplier<P> protocolFactory, Path path,
            TlsLayer tls) throws IOException {
        if (tls != null && tls.serverSide()) {
            throw new IllegalArgumentException("a connection needs client-side TlsOptions (TlsOptions.client)");
        }
        requireHostname(tls);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            SocketOps.connect(ch, UnixDomainSocketAddress.of(path));
            ok = true;
        } finally {
            if (!ok) {
                SocketOps.close(ch);
            }
        }
        if (tls != null) {
            return TlsConnections.connect(ch, protocolFactory, tls, path.toString());
        }
        return wire(ch, protocolFactory);
    }

    private static <P extends ConnectionProtocol> Connection<P> wire(SocketChannel ch, Supplier<P> protocolFactory) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        Transport transport;
        P protocol;
        Future<Void> waiter = loop.createFuture();
        try {
            tune(ch);
            protocol = protocolFactory.get();
            transport = SocketTransports.create(loop, ch, protocol, waiter, null);
        } catch (IOException | RuntimeException | Error e) {
            SocketOps.close(ch);
            throw e;
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new Connection<>(transport, protocol);
    }

    /** TCP_NODELAY on TCP sockets, as asyncio sets on every TCP transport. */
    static void tune(SocketChannel ch) throws IOException {
        if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    // ---- servers ----

    /**
     * Listens on every address of {@code host} (null: all interfaces) at {@code port} (0: an
     * ephemeral port per address) and gives each accepted connection a protocol of its own from
     * {@code protocolFactory}: asyncio's {@code create_server}. Serves at once unless the options
     * say not to. A cancellation point only while the host is looked up.
     *
     * <p>With {@link ServerOptions#tls()} every accepted connection runs the TLS handshake
     * first; its protocol gets {@code connectionMade}, with the plaintext transport, only if the
     * handshake succeeds. A failed or timed-out handshake closes that connection and is reported
     * as asyncio does (the exception handler in debug mode, a DEBUG log line otherwise); the
     * server goes on accepting.
     *
     * @throws IOException naming the address if a bind fails (nothing stays bound then)
     * @throws UnknownHostException naming the host if it cannot be resolved
     */
    public static Server createServer(Supplier<? extends ConnectionProtocol> protocolFactory, String host, int port, ServerOptions options)
            throws IOException {
        List<InetSocketAddress> addresses = host == null ? List.of(new InetSocketAddress(port)) : getAddrInfo(host, port);
        return Listeners.serve(protocolFactory, addresses, options);
    }

    /** {@link #createServer(Supplier, String, int, ServerOptions)} with {@link ServerOptions#DEFAULTS}. */
    public static Server createServer(Supplier<? extends ConnectionProtocol> protocolFactory, String host, int port) throws IOException {
        return createServer(protocolFactory, host, port, ServerOptions.DEFAULTS);
    }

    /**
     * Listens on a Unix-domain socket at {@code path}: asyncio's {@code create_unix_server}. A
     * stale socket file at the path is removed first; the file is removed when the server
     * closes (asyncio 3.13's {@code cleanup_socket}). Does not suspend.
     *
     * @throws IOException naming the path if it cannot be bound (a file that is not a socket is
     *         there, say)
     */
    public static Server createUnixServer(Supplier<? extends ConnectionProtocol> protocolFactory, Path path, ServerOptions options)
            throws IOException {
        return Listeners.serveUnix(protocolFactory, path, options);
    }

    /** {@link #createUnixServer(Supplier, Path, ServerOptions)} with {@link ServerOptions#DEFAULTS}. */
    public static Server createUnixServer(Supplier<? extends ConnectionProtocol> protocolFactory, Path path) throws IOException {
        return createUnixServer(protocolFactory, path, ServerOptions.DEFAULTS);
    }

    // ---- datagrams ----

    /**
     * Opens a UDP endpoint bound to {@code localAddress} (null: an ephemeral port, on the
     * family of {@code remoteAddress}) and, if {@code remoteAddress} is not null, connected to
     * it: asyncio's {@code create_datagram_endpoint}. A connected endpoint only exchanges
     * datagrams with its peer and hears of ICMP errors through
     * {@link DatagramProtocol#errorReceived}. Unresolved addresses are resolved first (off the
     * loop). Returns once the protocol's {@code connectionMade} has run; a cancellation point.
     *
     * @throws IllegalArgumentException if both addresses are null
     * @throws IOException naming the address if binding or connecting fails
     */
    public static <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(Supplier<P> protocolFactory,
            InetSocketAddress localAddress, InetSocketAddress remoteAddress) throws IOException {
        if (localAddress == null && remoteAddress == null) {
            throw new IllegalArgumentException("a local or a remote address is needed");
        }
        InetSocketAddress local = resolved(localAddress);
        InetSocketAddress remote = resolved(remoteAddress);
        InetSocketAddress any = local != null ? local : remote;
        DatagramChannel ch = DatagramChannel.open(any.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        EventLoop loop = EventLoop.getRunningLoop();
        P protocol;
        DatagramSocketTransport transport;
        Future<Void> waiter = loop.createFuture();
        try {
            ch.configureBlocking(false);
            if (local != null) {
                try {
                    ch.bind(local);
                } catch (IOException e) {
                    throw SocketOps.failed("bind to", local, e);
                }
            }
            if (remote != null) {
                try {
                    ch.connect(remote);
                } catch (IOException e) {
                    throw SocketOps.connectFailed(remote, e);
                }
            }
            protocol = protocolFactory.get();
            transport = new DatagramSocketTransport(loop, ch, protocol, waiter);
        } catch (IOException | RuntimeException | Error e) {
            SocketOps.close(ch);
            throw e;
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new DatagramEndpoint<>(transport, protocol);
    }

    private static InetSocketAddress resolved(InetSocketAddress a) throws UnknownHostException {
        if (a == null || !a.isUnresolved()) {
            return a;
        }
        return getAddrInfo(a.getHostString(), a.getPort()).getFirst();
    }
}
