package io.jasyncio.stream;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The callbacks of a UDP endpoint: asyncio's {@code DatagramProtocol}. (The JDK has no Unix-domain
 * datagram channels, so unlike asyncio there are no Unix datagram endpoints.)
 */
public interface DatagramProtocol extends BaseProtocol {
    /** The endpoint is open; {@code transport} is how the protocol sends and closes. */
    default void connectionMade(DatagramTransport transport) {
    }

    /**
     * A datagram arrived from {@code addr}: {@code data}'s remaining bytes, lent until this
     * method returns (as {@link Protocol#dataReceived}).
     */
    void datagramReceived(ByteBuffer data, SocketAddress addr);

    /**
     * A send or receive failed without closing the endpoint (for instance an ICMP port
     * unreachable reported on a connected UDP socket).
     */
    default void errorReceived(Exception exc) {
    }
}
