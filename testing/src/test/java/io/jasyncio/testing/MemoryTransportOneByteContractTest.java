package io.jasyncio.testing;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.EventLoop;
import io.jasyncio.stream.ConnectionProtocol;

/**
 * The transport contract on the in-memory pair delivering one byte per callback both ways:
 * okio's one-byte-at-a-time source, under every behaviour of the contract.
 */
class MemoryTransportOneByteContractTest extends TransportContract {
    @Override
    protected AsyncRunnable connect(ConnectionProtocol a, ConnectionProtocol b) {
        MemoryTransport.Pair p = MemoryTransport.pair(EventLoop.getRunningLoop(), a, b);
        p.a().setChunkSize(1);
        p.b().setChunkSize(1);
        return () -> { };
    }
}
