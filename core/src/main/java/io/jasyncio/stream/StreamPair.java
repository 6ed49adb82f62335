package io.jasyncio.stream;

/**
 * The two ends of a stream connection, as asyncio's {@code open_connection} returns them.
 * Closing the pair closes the writer, which closes the connection.
 *
 * @param reader what the peer sends
 * @param writer how to send to the peer and close the connection
 */
public record StreamPair(StreamReader reader, StreamWriter writer) implements AutoCloseable {
    /** Closes the writer, and with it the transport. Does not suspend. */
    @Override
    public void close() {
        writer.close();
    }
}
