package io.jasyncio.stream;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.ParkingLot;
import io.jasyncio.loop.ExceptionContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening server made by {@link Network#createServer} or {@link Network#createUnixServer}:
 * asyncio's {@code Server}. Each accepted connection gets a protocol of its own from the
 * factory and a transport that the server tracks until its connection is lost. With TLS
 * ({@link ServerOptions#withTls}) the tracked transport is the socket's (so
 * {@link #closeClients()} closes the socket, not the TLS session), and the protocol hears of a
 * connection only once its handshake succeeded.
 *
 * {@snippet :
 * Server server = Network.createServer(Echo::new, "127.0.0.1", 8888);
 * server.serveForever();        // until cancelled; then closes and waits for the clients
 * }
 *
 * <p>Loop-confined: use it from the loop that made it.
 *
 * <p><b>Differs from asyncio:</b> {@link #close()} (what try-with-resources calls) does not
 * suspend, as asyncio's {@code close()}; asyncio's {@code async with} also waits for
 * {@code wait_closed()}, which here is a separate call.
 */
public final class Server implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * channels is null once closed. activeCount counts attached transports (attached when made,
     * detached when their connection is lost); closedAndIdle is set once the server is closed and
     * no transport is left, which is when waitClosed() returns at once, as in asyncio 3.12.
     * Accepting is a reader per listening channel that accepts up to `backlog` connections per
     * readiness event. When accept fails for lack of resources (EMFILE, say) the readers are
     * removed for ACCEPT_RETRY_DELAY and the failure is reported, as asyncio does.
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio");
    private static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

    private final EventLoop loop;
    private final Supplier<? extends ConnectionProtocol> factory;
    private final int backlog;
    private final Path unixPath;
    private final TlsLayer tls;
    private final List<SocketAddress> addresses = new ArrayList<>();
    private List<ServerSocketChannel> channels;
    private final Set<BaseTransport> clients = new LinkedHashSet<>();
    private final ServerHook hook = new ServerHook(this);
    private final ParkingLot waiters = new ParkingLot(this);
    private boolean closedAndIdle;
    private Future<Void> servingForever;
    private io.jasyncio.loop.TimerHandle retry;
    private boolean serving;
    private int activeCount;

    Server(EventLoop loop, List<ServerSocketChannel> channels, Supplier<? extends ConnectionProtocol> factory, int backlog, Path unixPath,
            TlsLayer tls) {
        this.loop = loop;
        this.tls = tls;
        this.channels = List.copyOf(channels);
        this.factory = factory;
        this.backlog = backlog;
        this.unixPath = unixPath;
        for (ServerSocketChannel c : channels) {
            try {
                addresses.add(c.getLocalAddress());
            } catch (IOException e) {
                // A channel closed under us has no address to list.
            }
        }
    }

    /** The loop the server runs on. */
    public EventLoop loop() {
        return loop;
    }

    /** The local addresses the server listens on (empty once closed): asyncio's {@code sockets}. */
    public List<SocketAddress> sockets() {
        return channels == null ? List.of() : List.copyOf(addresses);
    }

    /** Whether the server accepts connections (started and not closed). */
    public boolean isServing() {
        return serving;
    }

    /**
     * Starts accepting connections, if not already; {@link Network#createServer} does it unless
     * asked not to. Does not suspend. asyncio's {@code start_serving}, which is a coroutine.
     *
     * @throws IllegalStateException if the server is closed
     */
    public void startServing() {
        if (channels == null) {
            throw new IllegalStateException("the server is closed");
        }
        if (serving) {
            return;
        }
        serving = true;
        for (ServerSocketChannel c : channels) {
            loop.addReader(c, () -> acceptReady(c));
        }
    }

    private void acceptReady(ServerSocketChannel listener) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = listener.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (conn == null) {
                return;
            }
            try {
                conn.configureBlocking(false);
                Network.tune(conn);
                ConnectionProtocol protocol = factory.get();
                if (tls != null) {
                    TlsConnections.accept(this, loop, conn, protocol, tls);
                } else {
                    SocketTransports.create(loop, conn, protocol, null, this);
                }
            } catch (Throwable t) {
                loop.callExceptionHandler(new ExceptionContext("Error on transport creation for incoming connection", t, this, null));
                closeQuietly(conn);
            }
        }
    }

    private void acceptFailed(IOException e) {
        loop.callExceptionHandler(new ExceptionContext("socket.accept() failed; accepting again in "
                + ACCEPT_RETRY_DELAY.toMillis() + " ms", e, this, null));
        for (ServerSocketChannel c : channels) {
            loop.removeReader(c);
        }
        serving = false;
        retry = loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            retry = null;
            if (channels != null) {
                startServing();
            }
        });
    }

    /**
     * Accepts connections until the calling task is cancelled; then closes the server and waits
     * until it is closed: asyncio's {@code serve_forever}. A cancellation point.
     *
     * @throws IllegalStateException if the server is closed or another task already serves it forever
     * @throws io.jasyncio.CancelledError when cancelled (after closing), or when {@link #close()}
     *         ends the wait
     */
    public void serveForever() {
        if (servingForever != null) {
            throw new IllegalStateException("the server is already being awaited on serveForever()");
        }
        if (channels == null) {
            throw new IllegalStateException("the server is closed");
        }
        startServing();
        Future<Void> f = loop.createFuture();
        servingForever = f;
        try {
            f.await();
        } catch (io.jasyncio.CancelledError e) {
            // The cancellation is what the caller sees, whatever closing runs into.
            try {
                close();
                waitClosed();
            } catch (Throwable t) {
                e.addSuppressed(t);
            }
            throw e;
        } finally {
            if (servingForever == f) {
                servingForever = null;
            }
        }
    }

    /**
     * Stops listening: closes the listening sockets (removing a Unix socket's file). Connections
     * already accepted stay open; see {@link #closeClients()} and {@link #waitClosed()}. Does not
     * suspend; idempotent. asyncio's {@code close}.
     */
    @Override
    public void close() {
        List<ServerSocketChannel> chs = channels;
        if (chs == null) {
            return;
        }
        channels = null;
        for (ServerSocketChannel c : chs) {
            // Deregistered first: a registered listener stays open, completing handshakes that
            // are then reset, until the next poll.
            closeQuietly(c);
        }
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove " + unixPath, e);
            }
        }
        serving = false;
        if (servingForever != null && !servingForever.isDone()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeup();
        }
    }

    /**
     * Suspends until the server is closed and every connection it accepted is lost: asyncio's
     * {@code wait_closed} (3.12). Returns at once if that already happened. A cancellation point.
     */
    public void waitClosed() {
        if (!closedAndIdle) {
            waiters.park();
        }
    }

    /** Closes every accepted connection's transport (after it flushes): asyncio's {@code close_clients}. */
    public void closeClients() {
        for (BaseTransport t : List.copyOf(clients)) {
            t.close();
        }
    }

    /** Aborts every accepted connection's transport: asyncio's {@code abort_clients}. */
    public void abortClients() {
        for (BaseTransport t : List.copyOf(clients)) {
            t.abort();
        }
    }

    /** The hook the transports of this server's connections attach through. */
    ServerHook hook() {
        return hook;
    }

    void attach(BaseTransport t) {
        activeCount++;
        clients.add(t);
    }

    void detach(BaseTransport t) {
        activeCount--;
        clients.remove(t);
        if (activeCount == 0 && channels == null) {
            wakeup();
        }
    }

    private void wakeup() {
        closedAndIdle = true;
        waiters.wakeAll();
    }

    private void closeQuietly(java.nio.channels.SelectableChannel c) {
        try {
            loop.closeChannel(c);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + c + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "Server" + sockets() + (serving ? "[serving]" : "");
    }
}
