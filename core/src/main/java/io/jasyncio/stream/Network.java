package io.jasyncio.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

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
            throw (UnknownHostException) Resolver.unknown(host, port, e);
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
}
