package io.jasyncio.stream;

import static io.jasyncio.stream.TlsNetTestSupport.*;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.testing.TransportContract;

/**
 * The transport contract on TLS over TCP: the client's TLS transport (a) and the server's (b),
 * the handshake done before the tests begin. TLS has no half-close: its writeEof must refuse.
 */
class TlsTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) throws Exception {
        return SocketTransportContractTest.connectThrough(a, b, tlsServer(), tlsConnect());
    }
}
