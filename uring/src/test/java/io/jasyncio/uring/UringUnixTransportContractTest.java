package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.ConnectionProtocol;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Server;
import io.jasyncio.testing.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;

/** The transport contract over a Unix-domain socket, the completion-based transport at both ends on the uring loop. */
class UringUnixTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-uring-unix");
        Path path = dir.resolve("s");
        Server server = Network.createUnixServer(() -> b, path);
        try {
            Connection<ConnectionProtocol> c = Network.createUnixConnection(() -> a, path);
            if (EventLoop.getRunningLoop() instanceof UringEventLoop) {
                assertInstanceOf(UringSocketTransport.class, c.transport());
            }
        } finally {
            server.close();
        }
        return () -> {
            server.waitClosed();
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        };
    }
}
