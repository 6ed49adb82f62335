package io.jasyncio.stream;

/**
 * A protocol for a stream connection (TCP, Unix, TLS): either a {@link Protocol}, which is
 * handed the bytes the transport read, or a {@link BufferedProtocol}, which lends the transport
 * the buffer to read into.
 */
public sealed interface ConnectionProtocol extends BaseProtocol permits Protocol, BufferedProtocol {
    /** The connection is established; {@code transport} is how the protocol writes and closes. */
    default void connectionMade(Transport transport) {
    }

    /**
     * The peer closed its sending side (half-close). Return {@code true} to keep the connection
     * open for writing; {@code false} (the default) lets the transport close itself. On a TLS
     * connection it is called when the peer's close_notify (or a bare end of stream) arrives, and
     * the return value is ignored: TLS closes both directions, as in asyncio.
     */
    default boolean eofReceived() {
        return false;
    }
}
