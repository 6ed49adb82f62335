package io.jasyncio.stream;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.testing.TransportContract;
import java.net.InetSocketAddress;

/** The transport contract on TCP over 127.0.0.1: a client transport (a) and the one its server accepted (b). */
class SocketTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        return connectThrough(a, b, ServerOptions.DEFAULTS, ConnectOptions.DEFAULTS);
    }

    /** Listens on an ephemeral port, connects {@code a} to it, hands the accepted end to {@code b}, stops listening. */
    static AsyncRunnable connectThrough(ConnectionProtocol a, ConnectionProtocol b, ServerOptions so, ConnectOptions co)
            throws Exception {
        Server server = Network.createServer(() -> b, "127.0.0.1", 0, so);
        try {
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
            Network.createConnection(() -> a, "127.0.0.1", port, co);
        } finally {
            server.close();
        }
        return server::waitClosed;
    }
}
