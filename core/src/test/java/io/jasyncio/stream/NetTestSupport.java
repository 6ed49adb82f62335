package io.jasyncio.stream;

import static io.jasyncio.Asyncio.timeout;

import io.jasyncio.VoidBody;
import io.jasyncio.testing.LoopHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Helpers shared by the network tests: a time bound, loopback sockets, byte patterns. */
final class NetTestSupport {
    /**
     * Bounds every scenario so that a lost wake-up fails the test instead of hanging the build.
     * Passing tests never wait for it.
     */
    static final Duration BOUND = Duration.ofSeconds(20);
    static final String LOOPBACK = "127.0.0.1";

    private NetTestSupport() {
    }

    /** Runs {@code body} as the test's main task, under {@link #BOUND}. */
    static void runBounded(LoopHarness h, VoidBody<Exception> body) {
        h.run(() -> {
            timeout(BOUND, body);
            return null;
        });
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
