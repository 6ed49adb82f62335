package io.jasyncio.stream;


import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Helpers shared by the network tests: loopback sockets, byte patterns. */
final class NetTestSupport {
    static final String LOOPBACK = "127.0.0.1";

    private NetTestSupport() {
    }

    /** A non-blocking server channel listening on 127.0.0.1, on an ephemeral port. */
    static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        s.configureBlocking(false);
        return s;
    }

    /** A non-blocking, unconnected socket channel. */
    static SocketChannel socket() throws IOException {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        return c;
    }

    /** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
    static int closedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    /** {@code n} bytes of a pattern that reveals reordering or loss (i * 31 mod 251). */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 % 251);
        }
        return b;
    }

    /** The bytes of {@code b} between position and limit, without moving it. */
    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static int port(ServerSocketChannel s) throws IOException {
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    /** The port of the first address {@code s} listens on. */
    static int port(Server s) {
        return ((InetSocketAddress) s.sockets().getFirst()).getPort();
    }
}
