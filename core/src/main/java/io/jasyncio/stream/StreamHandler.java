package io.jasyncio.stream;

/**
 * What a stream server runs for each accepted connection: asyncio's {@code client_connected_cb}.
 * Each call runs in a task of its own (see {@link Streams#protocolFactory(StreamHandler)}), so it
 * may suspend freely; it owns the writer and should close it when done.
 */
@FunctionalInterface
public interface StreamHandler {
    /**
     * Serves one connection. An exception, or the task being cancelled, closes the transport;
     * the exception goes to the loop's exception handler.
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
