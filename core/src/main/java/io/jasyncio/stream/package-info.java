/**
 * Network I/O: asyncio's transports and protocols (callback style, the fast path) and streams
 * on top of them (the style most users write).
 *
 * <p>Streams: {@link io.jasyncio.stream.StreamReader} (reads that suspend, with limits and flow
 * control), {@link io.jasyncio.stream.StreamWriter} (writes that buffer, {@code drain} that
 * waits), and between them and a transport {@link io.jasyncio.stream.StreamReaderProtocol}
 * (asyncio's {@code StreamReaderProtocol} with {@code FlowControlMixin}, here
 * {@link io.jasyncio.stream.FlowControlProtocol}). {@link io.jasyncio.stream.Streams} has the
 * pieces connection and server factories wire them with; streams know nothing of sockets.
 *
 * <p>Transports are built on the loop's public readiness API
 * ({@link io.jasyncio.EventLoop}'s readers and writers) and the task API, like any user code
 * could be; this package depends on {@code io.jasyncio} and {@code io.jasyncio.loop}, never the
 * reverse.
 *
 * <p>Entry points are the static methods of {@link io.jasyncio.stream.Network}: the low-level
 * {@code sock*} operations, name lookups, {@code createConnection} / {@code createServer} (and
 * their Unix variants) returning a {@link io.jasyncio.stream.Connection} or a
 * {@link io.jasyncio.stream.Server}, and {@code createDatagramEndpoint}. The transports
 * themselves are package-private classes behind the {@link io.jasyncio.stream.Transport} and
 * {@link io.jasyncio.stream.DatagramTransport} interfaces.
 *
 * <p><b>SPI for loops with transports of their own.</b> A loop that drives stream sockets
 * better than readiness callbacks can (the io_uring loop of {@code jasyncio-uring}: multishot
 * receives, batched sends) implements {@link io.jasyncio.stream.SocketTransportProvider}; every
 * connected TCP or Unix-domain socket this package makes a transport for (outgoing connections,
 * accepted ones, the socket under TLS) then gets the loop's transport, and the readiness-based
 * one otherwise. Such a transport may extend {@link io.jasyncio.stream.AbstractTransport} (the
 * lifecycle) and use {@link io.jasyncio.stream.FlowControl} (the write-buffer marks); a server
 * tracks it through the opaque {@link io.jasyncio.stream.ServerHook} it is given. This is
 * asyncio's {@code _make_socket_transport}, which its proactor loop overrides.
 *
 * <p>TLS (asyncio's {@code ssl=} arguments): {@link io.jasyncio.stream.ConnectOptions#withTls}
 * and {@link io.jasyncio.stream.ServerOptions#withTls} put the TLS layer of
 * {@code io.jasyncio.stream.tls} on the sockets this package makes, and
 * {@link io.jasyncio.stream.StreamWriter#startTls} upgrades a live stream connection. That layer
 * knows only the transport and protocol contracts, never sockets, and depends on this package;
 * this package reaches it only through the {@link io.jasyncio.stream.TlsLayer} interface, which
 * its {@code TlsOptions} implements, and never imports {@code io.jasyncio.stream.tls} (asyncio's
 * {@code base_events} imports {@code sslproto}; a checked layering cannot have that cycle).
 */
package io.jasyncio.stream;
