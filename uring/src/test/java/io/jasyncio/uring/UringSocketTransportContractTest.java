package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Server;
import io.jasyncio.testing.TransportContract;
import java.net.InetSocketAddress;

/**
 * The transport contract on TCP over 127.0.0.1 with the completion-based transport at both ends
 * on the uring loop (on the selector loop the same suite checks core's transport, as core's
 * SocketTransportContractTest does).
 */
class UringSocketTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        Server server = Network.createServer(() -> b, "127.0.0.1", 0);
        try {
            int port = ((InetSocketAddress) server.sockets().getFirst()).getPort();
            Connection<ConnectionProtocol> c = Network.createConnection(() -> a, "127.0.0.1", port);
            if (EventLoop.getRunningLoop() instanceof UringEventLoop) {
                assertInstanceOf(UringSocketTransport.class, c.transport());
            }
        } finally {
            server.close();
        }
        return server::waitClosed;
    }
}
