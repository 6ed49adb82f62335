package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Where every stream socket transport of this package is made: the loop's own, if it offers one, else {@link SocketTransport}. */
final class SocketTransports {
    private SocketTransports() {
    }

    /**
     * A transport over the connected, non-blocking {@code channel}, attached to {@code server}
     * if not null; see {@link SocketTransportProvider#createSocketTransport} for what it does.
     */
    static Transport create(EventLoop loop, SocketChannel channel, ConnectionProtocol protocol, Future<Void> waiter, Server server)
            throws IOException {
        if (loop instanceof SocketTransportProvider p) {
            Transport t = p.createSocketTransport(channel, protocol, waiter, server == null ? null : server.hook());
            if (t != null) {
                return t;
            }
        }
        return new SocketTransport(loop, channel, protocol, waiter, server == null ? null : server.hook());
    }
}
