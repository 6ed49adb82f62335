package io.jasyncio.stream;

import io.jasyncio.Future;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Puts TLS on the sockets of {@link Network#createConnection} and {@link Server} when their
 * options carry a {@link TlsLayer}: asyncio's {@code ssl=} arguments of {@code create_connection}
 * and {@code create_server}, through the socket-free TLS layer of {@code io.jasyncio.stream.tls}.
 */
final class TlsConnections {
    /*
     * Implementation notes.
     *
     * The TLS layer (TlsProtocol) is the socket transport's protocol from the start; the
     * application's protocol hears connectionMade only once the handshake is done, with the
     * layer's plaintext transport.
     *
     * Client: once the raw transport is up, the caller awaits the handshake future. A failure
     * has already made the layer send its alert and close the raw transport (close(), so the
     * alert is flushed); the error is re-thrown naming where we connected. A cancellation
     * (or anything else) cancels the handshake future, which aborts the raw transport: the
     * socket is closed one loop iteration later, when its connectionLost runs.
     *
     * Server: the raw transport is attached to the Server as any other (closeClients and
     * abortClients reach it, waitClosed waits for it). A failed handshake is reported as
     * asyncio's _accept_connection2 does: to the exception handler in debug mode, else only a
     * DEBUG log line (asyncio logs nothing then; SSLError is an OSError).
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");

    private TlsConnections() {
    }

    /**
     * Wires the connected {@code ch} to a TLS layer over a protocol from {@code factory}, and
     * suspends until the handshake is done; {@code where} names the peer in errors.
     */
    static <P extends ConnectionProtocol> Connection<P> connect(SocketChannel ch, Supplier<P> factory, TlsLayer tls,
            String where) throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        P protocol;
        TlsLayer.Wrapped layer;
        Transport raw;
        Future<Void> waiter = loop.createFuture();
        try {
            Network.tune(ch);
            protocol = factory.get();
            layer = tls.wrap(protocol);
            raw = SocketTransports.create(loop, ch, layer.protocol(), waiter, null);
        } catch (IOException | RuntimeException | Error e) {
            SocketOps.close(ch);
            throw e;
        }
        try {
            waiter.await();
            return new Connection<>(layer.handshake().await(), protocol);
        } catch (CompletionException e) {
            raw.close();
            if (e.getCause() instanceof IOException io) {
                throw named(io, where);
            }
            throw e;
        } catch (Throwable e) {
            layer.handshake().cancel();
            raw.abort();
            throw e;
        }
    }

    /**
     * Starts the server side of TLS on an accepted {@code conn}: {@code protocol} gets
     * {@code connectionMade} only if the handshake succeeds.
     */
    static void accept(Server server, EventLoop loop, SocketChannel conn, ConnectionProtocol protocol, TlsLayer tls) throws IOException {
        TlsLayer.Wrapped layer = tls.wrap(protocol);
        Transport raw = SocketTransports.create(loop, conn, layer.protocol(), null, server);
        layer.handshake().addDoneCallback(f -> {
            Throwable exc = f.isCancelled() ? null : f.exception();
            if (exc == null) {
                return;
            }
            SocketAddress peer = (SocketAddress) raw.getExtraInfo(BaseTransport.PEERNAME);
            String message = "Error on transport creation for incoming connection: TLS handshake with "
                    + (peer != null ? SocketOps.describe(peer) : "a client") + " failed";
            if (loop.getDebug()) {
                loop.callExceptionHandler(new ExceptionContext(message, exc, raw, null));
            } else {
                LOG.log(Level.DEBUG, message, exc);
            }
        });
    }

    /** {@code host:port} as errors name it (an IPv6 literal in brackets). */
    static String where(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code e} with a message naming {@code where}, keeping its type where it is a common one. */
    static IOException named(IOException e, String where) {
        String what = "TLS handshake with " + where + " failed: " + e.getMessage();
        if (e instanceof SSLHandshakeException) {
            return new SSLHandshakeException(what, e);
        }
        if (e instanceof SSLException) {
            return new SSLException(what, e);
        }
        if (e instanceof SocketTimeoutException) {
            SocketTimeoutException t = new SocketTimeoutException(what);
            t.initCause(e);
            return t;
        }
        return new IOException(what, e);
    }
}
