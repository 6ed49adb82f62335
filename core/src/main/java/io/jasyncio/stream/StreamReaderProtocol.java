package io.jasyncio.stream;

import io.jasyncio.Task;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import java.nio.ByteBuffer;

/**
 * The protocol that connects a transport to a {@link StreamReader}, with the flow control
 * {@link StreamWriter#drain()} needs: asyncio's {@code StreamReaderProtocol}.
 *
 * <p>It feeds received bytes to the reader, turns the peer's half-close into the reader's end of
 * stream (keeping the connection open for writing, except over TLS), and on
 * {@link #connectionLost} ends the reader: at EOF after a clean close, with the exception
 * otherwise.
 *
 * <p>With a {@link StreamHandler} (a server's), {@link #connectionMade} also creates the
 * connection's {@link StreamWriter} and runs the handler in a new task: if that task fails or is
 * cancelled the transport is closed, and a failure goes to the loop's exception handler. A
 * handler that returns normally leaves the connection as it is (close the writer to end it), as
 * in asyncio.
 *
 * {@snippet :
 * // client: build the protocol, connect, then pair it with a writer
 * var protocol = new StreamReaderProtocol(new StreamReader());
 * Transport t = connectSomehow(() -> protocol);
 * StreamPair streams = Streams.connectionPair(t, protocol);
 * // server: one protocol per accepted connection
 * Supplier<StreamReaderProtocol> factory = Streams.protocolFactory((reader, writer) -> { ... });
 * }
 *
 * <p>Loop-confined; transports call it on the loop thread.
 */
public class StreamReaderProtocol extends FlowControlProtocol {
    private final StreamReader reader;
    private final StreamHandler handler;
    private Transport transport;
    private StreamWriter writer;
    private Task<Void> task;
    private boolean overTls;

    /** A protocol feeding {@code reader}, for a connection the caller pairs with a writer itself. */
    public StreamReaderProtocol(StreamReader reader) {
        this(reader, null);
    }

    /**
     * A protocol feeding {@code reader} that runs {@code handler} in a task of its own once the
     * connection is made.
     *
     * @param handler the server's per-connection handler, or null for none
     */
    public StreamReaderProtocol(StreamReader reader, StreamHandler handler) {
        if (reader == null) {
            throw new NullPointerException("reader");
        }
        this.reader = reader;
        this.handler = handler;
    }

    /** The reader this protocol feeds. */
    public StreamReader reader() {
        return reader;
    }

    /** The transport, once {@link #connectionMade} was called; null before and after the connection. */
    public Transport transport() {
        return transport;
    }

    /** The writer created for the handler, or null if there is no handler or it was not made yet. */
    public StreamWriter writer() {
        return writer;
    }

    /** The task running the handler, or null if there is no handler or it was not started yet. */
    public Task<Void> handlerTask() {
        return task;
    }

    /** Gives the reader its transport and, with a handler, starts it in a new task. */
    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        reader.setTransport(transport);
        overTls = transport.getExtraInfo(BaseTransport.SSL_OBJECT) != null;
        if (handler == null) {
            return;
        }
        StreamWriter w = new StreamWriter(transport, this, reader);
        writer = w;
        EventLoop loop = transport.loop();
        Task<Void> t = loop.createTask(() -> {
            handler.handle(reader, w);
            return null;
        });
        task = t;
        t.addDoneCallback(done -> {
            // The current transport: the handler may have upgraded the connection to TLS.
            Transport current = this.transport != null ? this.transport : transport;
            if (done.isCancelled()) {
                current.close();
                return;
            }
            Throwable exc = done.exception();
            if (exc != null) {
                loop.callExceptionHandler(new ExceptionContext(
                        "Unhandled exception in client_connected_cb", exc, current, null));
                current.close();
            }
        });
    }

    /**
     * The connection was upgraded to TLS ({@link StreamWriter#startTls}): {@code tls} is now the
     * transport this protocol and its reader work with, and an end of stream closes the
     * connection (TLS has no half-close). asyncio's {@code _replace_transport}.
     */
    void replaceTransport(Transport tls) {
        transport = tls;
        overTls = true;
        reader.replaceTransport(tls);
    }

    /** Feeds the bytes to the reader (which copies them). */
    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    /**
     * Ends the reader's stream. Returns true (keep the connection open for writing) unless the
     * connection is TLS, where a half-close is not supported.
     */
    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return !overTls;
    }

    /** Ends the reader (EOF, or the exception), then wakes drains and close waiters. */
    @Override
    public void connectionLost(Throwable exc) {
        if (exc == null) {
            reader.feedEof();
        } else {
            reader.setException(exc);
        }
        super.connectionLost(exc);
        transport = null;
    }
}
