package io.jasyncio.http.client.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A 127.0.0.1 port where a connect hangs: a listener with a backlog of 1 that never accepts,
 * its accept queue filled by two connections made here. Linux then drops further SYNs (the
 * client retransmits them for minutes), so a connect to {@link #port()} neither succeeds nor is
 * refused: the client's connect timeout, without a non-routable address (tests stay on
 * 127.0.0.1). Verified at start: a third connect must not complete within {@link #PROBE_MS}.
 *
 * <p>Blocking NIO on the calling thread (not the loop): a few microseconds each. Close it to
 * release the listener and the filler sockets.
 */
final class FullBacklog implements AutoCloseable {
    /** How long the probe connect must stay pending for the backlog to count as full. */
    static final long PROBE_MS = 200;

    private final ServerSocketChannel listener;
    private final List<SocketChannel> fillers = new ArrayList<>();

    private FullBacklog(ServerSocketChannel listener) {
        this.listener = listener;
    }

    /**
     * Opens the listener and fills its queue.
     *
     * @throws IOException if the queue does not fill (a kernel that accepts beyond the backlog
     *         would make the connect-timeout test meaningless, so it fails instead)
     */
    static FullBacklog open() throws IOException {
        ServerSocketChannel l = ServerSocketChannel.open();
        FullBacklog b = new FullBacklog(l);
        try {
            l.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            for (int i = 0; i < 8; i++) {
                SocketChannel c = SocketChannel.open();
                b.fillers.add(c);
                c.configureBlocking(false);
                if (!c.connect(l.getLocalAddress()) && !finishes(c, PROBE_MS)) {
                    // This one hangs: the queue is full. It stays open as a filler.
                    return b;
                }
            }
            throw new IOException("the accept queue of a backlog-1 listener did not fill after 8 connections");
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
    }

    private static boolean finishes(SocketChannel c, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (c.finishConnect()) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return false;
    }

    int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        for (SocketChannel c : fillers) {
            closeQuietly(c);
        }
        closeQuietly(listener);
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a socket that never connected
        }
    }
}
