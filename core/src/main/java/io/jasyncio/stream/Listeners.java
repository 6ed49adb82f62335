package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/** Binds the listening sockets of a {@link Server}: the binding half of {@link Network#createServer}. */
final class Listeners {
    /** S_IFMT and S_IFSOCK of a file's mode: a Unix socket file. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private Listeners() {
    }

    static Server serve(Supplier<? extends ConnectionProtocol> factory, List<InetSocketAddress> addresses, ServerOptions options)
            throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        List<ServerSocketChannel> bound = new ArrayList<>();
        boolean ok = false;
        try {
            for (InetSocketAddress a : new LinkedHashSet<>(addresses)) {
                ServerSocketChannel ch = ServerSocketChannel.open(a.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                bound.add(ch);
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
                if (options.reusePort()) {
                    if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new UnsupportedOperationException("reusePort is not supported on this platform");
                    }
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                try {
                    ch.bind(a, options.backlog());
                } catch (IOException e) {
                    IOException named = new IOException("error while attempting to bind on address "
                            + SocketOps.describe(a) + ": " + e.getMessage());
                    named.initCause(e);
                    throw named;
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                for (ServerSocketChannel ch : bound) {
                    SocketOps.close(ch);
                }
            }
        }
        return start(new Server(loop, bound, factory, options.backlog(), null, options.tls()), options);
    }

    static Server serveUnix(Supplier<? extends ConnectionProtocol> factory, Path path, ServerOptions options) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        removeStaleSocket(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.configureBlocking(false);
            ch.bind(UnixDomainSocketAddress.of(path), options.backlog());
        } catch (IOException | RuntimeException e) {
            SocketOps.close(ch);
            IOException named = new IOException("error while attempting to bind on " + path + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        return start(new Server(loop, List.of(ch), factory, options.backlog(), path, options.tls()), options);
    }

    private static Server start(Server server, ServerOptions options) {
        if (options.startServing()) {
            server.startServing();
        }
        return server;
    }

    /** asyncio removes a socket file left at the path by an earlier server; any other file stays. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK) {
            Files.delete(path);
        }
    }
}
