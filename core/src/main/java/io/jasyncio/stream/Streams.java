package io.jasyncio.stream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Streams over the network: {@link #openConnection} and {@link #startServer} (asyncio's
 * {@code open_connection} and {@code start_server}), their Unix-domain twins, and the pieces they
 * are built from, for transports made some other way.
 *
 * {@snippet :
 * try (Server server = Streams.startServer((reader, writer) -> {
 *         try (writer) {
 *             writer.write(reader.readLine());   // echo one line
 *             writer.drain();
 *         }
 *     }, "127.0.0.1", 0)) {
 *     int port = ((InetSocketAddress) server.sockets().get(0)).getPort();
 *     try (StreamPair c = Streams.openConnection("127.0.0.1", port)) {
 *         c.writer().write("hello\n".getBytes(UTF_8));
 *         String echoed = new String(c.reader().readLine(), UTF_8);
 *     }
 * }
 * }
 *
 * <p>The pieces, as the methods above use them:
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

    // ---- over the network ----

    /**
     * Connects to {@code host}:{@code port} and returns the connection's reader and writer:
     * asyncio's {@code open_connection}. A cancellation point; a cancelled call leaves no socket
     * open. Errors as {@link Network#createConnection(Supplier, String, int, ConnectOptions)}.
     *
     * <p>With {@link ConnectOptions#withTls} the streams carry TLS (asyncio's {@code ssl=}): the
     * server hostname defaults to {@code host}, and the call returns once the handshake is done.
     *
     * {@snippet :
     * var options = ConnectOptions.DEFAULTS.withTls(TlsOptions.client(sslContext));
     * StreamPair c = Streams.openConnection("localhost", 8443, options, StreamReader.DEFAULT_LIMIT);
     * }
     *
     * @throws IOException naming host and port if the connection cannot be made
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public static StreamPair openConnection(String host, int port, ConnectOptions options, int limit) throws IOException {
        StreamReaderProtocol protocol = clientProtocol(limit);
        Connection<StreamReaderProtocol> c = Network.createConnection(() -> protocol, host, port, options);
        return connectionPair(c.transport(), protocol);
    }

    /** {@link #openConnection(String, int, ConnectOptions, int)} with default options and limit. */
    public static StreamPair openConnection(String host, int port) throws IOException {
        return openConnection(host, port, ConnectOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Connects to the Unix-domain socket at {@code path}: asyncio's {@code open_unix_connection}.
     *
     * @throws IOException naming the path if the connection cannot be made
     */
    public static StreamPair openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, null);
    }

    /**
     * Connects to the Unix-domain socket at {@code path}, with TLS if {@code tls} is not null:
     * asyncio's {@code open_unix_connection(ssl=, server_hostname=)}. {@code tls} must name the
     * server hostname unless verification is off (there is no host to take it from). Returns once
     * the handshake is done.
     *
     * @throws IllegalArgumentException as {@link Network#createUnixConnection(java.util.function.Supplier, Path, TlsOptions)}
     * @throws IOException naming the path if the connection or the handshake fails
     */
    public static StreamPair openUnixConnection(Path path, TlsLayer tls) throws IOException {
        StreamReaderProtocol protocol = clientProtocol(StreamReader.DEFAULT_LIMIT);
        Connection<StreamReaderProtocol> c = Network.createUnixConnection(() -> protocol, path, tls);
        return connectionPair(c.transport(), protocol);
    }

    /**
     * Listens on {@code host}:{@code port} (null host: every interface; port 0: an ephemeral one)
     * and runs {@code handler} for each accepted connection in a task of its own: asyncio's
     * {@code start_server}. The returned server is serving; close it (and
     * {@link Server#waitClosed()}) to stop. With {@link ServerOptions#withTls} each connection
     * runs the TLS handshake first, and the handler runs only for those whose handshake succeeded.
     *
     * @throws IOException naming the address if it cannot be bound
     */
    public static Server startServer(StreamHandler handler, String host, int port, ServerOptions options, int limit) throws IOException {
        return Network.createServer(protocolFactory(handler, limit), host, port, options);
    }

    /** {@link #startServer(StreamHandler, String, int, ServerOptions, int)} with default options and limit. */
    public static Server startServer(StreamHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, ServerOptions.DEFAULTS, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Listens on a Unix-domain socket at {@code path}: asyncio's {@code start_unix_server}.
     *
     * @throws IOException naming the path if it cannot be bound
     */
    public static Server startUnixServer(StreamHandler handler, Path path) throws IOException {
        return startUnixServer(handler, path, ServerOptions.DEFAULTS);
    }

    /**
     * {@link #startUnixServer(StreamHandler, Path)} with options (TLS among them): asyncio's
     * {@code start_unix_server(ssl=, ...)}.
     *
     * @throws IOException naming the path if it cannot be bound
     */
    public static Server startUnixServer(StreamHandler handler, Path path, ServerOptions options) throws IOException {
        return Network.createUnixServer(protocolFactory(handler), path, options);
    }
}
