package io.jasyncio.stream;

import java.util.function.Supplier;

/**
 * The pieces that turn a transport into streams: what {@code openConnection} and
 * {@code startServer} are built from (asyncio's {@code open_connection} and
 * {@code start_server} bodies). No network code here: connecting and listening belong to the
 * transports.
 *
 * {@snippet :
 * // a client: protocol first, then the transport, then the pair
 * StreamReaderProtocol protocol = Streams.clientProtocol(StreamReader.DEFAULT_LIMIT);
 * Transport transport = connect(() -> protocol);                // the transport layer's call
 * StreamPair streams = Streams.connectionPair(transport, protocol);
 *
 * // a server: one protocol per accepted connection; each handler runs in a task of its own
 * Supplier<StreamReaderProtocol> factory = Streams.protocolFactory((reader, writer) -> {
 *     try (writer) {
 *         writer.write(reader.readLine());
 *         writer.drain();
 *     }
 * });
 * }
 */
public final class Streams {
    private Streams() {
    }

    /**
     * A protocol factory for a stream server: each call makes a new reader (with the default
     * limit) and a protocol that, once its connection is made, runs {@code handler} with the
     * reader and a new writer in a task of its own.
     */
    public static Supplier<StreamReaderProtocol> protocolFactory(StreamHandler handler) {
        return protocolFactory(handler, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@link #protocolFactory(StreamHandler)} with readers of the given limit.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     * @throws NullPointerException if {@code handler} is null
     */
    public static Supplier<StreamReaderProtocol> protocolFactory(StreamHandler handler, int limit) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        return () -> new StreamReaderProtocol(new StreamReader(limit), handler);
    }

    /**
     * The protocol a client connects with: a new reader of the given limit and no handler. Pair
     * it with a writer with {@link #connectionPair} once the transport is connected.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public static StreamReaderProtocol clientProtocol(int limit) {
        return new StreamReaderProtocol(new StreamReader(limit));
    }

    /**
     * The reader and a new writer of a connected transport whose protocol is {@code protocol}
     * (whose {@code connectionMade} has run).
     *
     * @throws IllegalArgumentException if {@code protocol} is not the transport's protocol
     */
    public static StreamPair connectionPair(Transport transport, StreamReaderProtocol protocol) {
        if (transport.getProtocol() != protocol) {
            throw new IllegalArgumentException("the transport's protocol is not " + protocol);
        }
        return new StreamPair(protocol.reader(), new StreamWriter(transport, protocol, protocol.reader()));
    }
}
