package io.jasyncio.stream;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A datagram endpoint's transport: asyncio's {@code DatagramTransport}. Sends never block: what
 * the socket does not take at once is queued, with the same write-buffer marks as
 * {@link Transport}.
 */
public interface DatagramTransport extends BaseTransport {
    /**
     * Sends {@code data}'s remaining bytes as one datagram to {@code addr}, or to the connected
     * peer if {@code addr} is null. Consumes {@code data}; the transport copies what it queues.
     *
     * @throws IllegalArgumentException if {@code addr} is null on an unconnected endpoint, is
     *         not the peer of a connected one, or is not a resolved IP socket address
     */
    void sendTo(ByteBuffer data, SocketAddress addr);

    /** Bytes queued but not yet sent. */
    int getWriteBufferSize();
}
