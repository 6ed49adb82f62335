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
     * open for writing; {@code false} (the default) lets the transport close itself. Not called
     * for TLS connections that end with a close_notify, where the return value is ignored.
     */
    default boolean eofReceived() {
        return false;
    }
}
