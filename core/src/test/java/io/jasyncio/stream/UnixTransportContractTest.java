package io.jasyncio.stream;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.testing.TransportContract;
import java.nio.file.Files;
import java.nio.file.Path;

/** The transport contract on a Unix-domain stream socket: a client transport (a) and the accepted one (b). */
class UnixTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-contract");
        Path path = dir.resolve("s.sock");
        Server server = Network.createUnixServer(() -> b, path);
        try {
            Network.createUnixConnection(() -> a, path);
        } finally {
            server.close();
        }
        return () -> {
            server.waitClosed();
            Files.deleteIfExists(path);
            Files.delete(dir);
        };
    }
}
