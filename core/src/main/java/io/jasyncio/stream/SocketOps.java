package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/** The low-level socket operations behind {@link Network}'s {@code sock*} methods. */
final class SocketOps {
    /*
     * Implementation notes.
     *
     * Each operation first tries the non-blocking call at once (asyncio does the same), and
     * only if it would block waits for readiness and tries again. Waits are the only
     * suspension points and consume nothing (see Readiness), so a cancelled operation has
     * read or accepted nothing; a cancelled send may have sent part of the data, as in asyncio,
     * and the buffer's position says how much.
     */
    private SocketOps() {
    }

    /**
     * Closes {@code channel} at once: through the running loop's
     * {@link EventLoop#closeChannel}, which ends its selector registration first (the JDK
     * would defer the close of a registered channel to the next poll), or plainly outside a
     * loop.
     */
    static void close(SelectableChannel channel) throws IOException {
        EventLoop loop = EventLoop.runningLoopOrNull();
        if (loop == null) {
            channel.close();
        } else {
            loop.closeChannel(channel);
        }
    }

    static void requireNonBlocking(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: " + channel);
        }
    }

    static byte[] recv(SocketChannel channel, int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("negative size: " + n);
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        int got = recvInto(channel, buf);
        return got <= 0 ? new byte[0] : Arrays.copyOf(buf.array(), got);
    }

    static int recvInto(SocketChannel channel, ByteBuffer buffer) throws IOException {
        requireNonBlocking(channel);
        if (!buffer.hasRemaining()) {
            return 0;
        }
        EventLoop loop = EventLoop.getRunningLoop();
        while (true) {
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                throw SocketErrors.classify(e);
            }
            if (n != 0) {
                return n;
            }
            Readiness.readable(loop, channel);
        }
    }

    static void sendAll(SocketChannel channel, ByteBuffer data) throws IOException {
        requireNonBlocking(channel);
        EventLoop loop = EventLoop.getRunningLoop();
        while (true) {
            try {
                channel.write(data);
            } catch (IOException e) {
                throw SocketErrors.classify(e);
            }
            if (!data.hasRemaining()) {
                return;
            }
            Readiness.writable(loop, channel);
        }
    }

    static SocketChannel accept(ServerSocketChannel server) throws IOException {
        requireNonBlocking(server);
        EventLoop loop = EventLoop.getRunningLoop();
        while (true) {
            SocketChannel c = server.accept();
            if (c != null) {
                try {
                    c.configureBlocking(false);
                } catch (IOException | RuntimeException e) {
                    close(c);
                    throw e;
                }
                return c;
            }
            Readiness.readable(loop, server);
        }
    }

    static void connect(SocketChannel channel, SocketAddress address) throws IOException {
        requireNonBlocking(channel);
        if (address instanceof InetSocketAddress isa && isa.isUnresolved()) {
            address = Resolver.resolve(isa.getHostString(), isa.getPort()).getFirst();
        }
        EventLoop loop = EventLoop.getRunningLoop();
        try {
            if (channel.connect(address)) {
                return;
            }
            while (true) {
                Readiness.writable(loop, channel);
                if (channel.finishConnect()) {
                    return;
                }
            }
        } catch (IOException e) {
            throw connectFailed(address, e);
        }
    }

    /** {@code e} with a message that names the address, as asyncio's "Connect call failed". */
    static IOException connectFailed(SocketAddress address, IOException e) {
        return failed("connect to", address, e);
    }

    /** {@code e} with a message "VERB ADDRESS failed: ...", keeping its type where it is a common one. */
    static IOException failed(String verb, SocketAddress address, IOException e) {
        String what = verb + " " + describe(address) + " failed: " + e.getMessage();
        IOException typed = SocketErrors.classify(e, what);
        if (typed != e) {
            return typed;
        }
        IOException named;
        if (e instanceof ConnectException) {
            named = new ConnectException(what);
        } else if (e instanceof SocketTimeoutException) {
            named = new SocketTimeoutException(what);
        } else if (e instanceof java.net.BindException) {
            named = new java.net.BindException(what);
        } else if (e instanceof java.net.NoRouteToHostException) {
            named = new java.net.NoRouteToHostException(what);
        } else {
            named = new IOException(what);
        }
        named.initCause(e);
        return named;
    }

    /** "address:port" (IPv6 in brackets), "name:port (address:port)" if resolved from a name, or the path of a Unix socket. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress isa) {
            String host = isa.getAddress() != null ? isa.getAddress().getHostAddress() : isa.getHostString();
            String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + isa.getPort();
            // A resolved name keeps the name the caller gave (getHostString does no reverse lookup).
            String name = isa.getHostString();
            return isa.getAddress() != null && !name.equals(host) ? name + ":" + isa.getPort() + " (" + hostPort + ")" : hostPort;
        }
        return String.valueOf(address);
    }
}
