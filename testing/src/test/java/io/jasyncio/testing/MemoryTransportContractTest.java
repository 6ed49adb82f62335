package io.jasyncio.testing;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.stream.ConnectionProtocol;

/** The transport contract on the in-memory pair, each write delivered whole. */
class MemoryTransportContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) {
        MemoryTransport.pair(EventLoop.getRunningLoop(), a, b);
        return () -> { };
    }
}
