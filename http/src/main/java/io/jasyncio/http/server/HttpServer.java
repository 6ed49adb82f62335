package io.jasyncio.http.server;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.EventLoop;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.ParkingLot;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.ServerOptions;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 server on the running loop: aiohttp's {@code AppRunner} and {@code TCPSite} in
 * one. Each connection is a protocol on a core transport (plain, TLS or Unix); each request is
 * answered by the {@link Handler} in a task of its own; a {@link Handler} that also implements
 * {@link Lifecycle} gets its hooks called.
 *
 * {@snippet :
 * Asyncio.run(() -> {
 *     HttpServer server = HttpServer.start(req -> Response.text("Hello, World!"),
 *             ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(8080));
 *     server.serveForever();      // until cancelled: then a graceful close
 * });
 * }
 *
 * <p>What the server owns in every response: {@code Content-Length} (from a {@code Bytes} or
 * {@code FileRegion} body, or a {@code Streaming} body's declared length), or
 * {@code Transfer-Encoding: chunked} (a {@code Streaming} body of unknown length to an HTTP/1.1
 * client; an HTTP/1.0 client gets the body delimited by closing the connection instead);
 * {@code Connection}; {@code Date} (cached per second) and {@code Server} unless the handler set
 * them. A handler's own {@code Content-Length}, {@code Transfer-Encoding} and {@code Connection}
 * fields are dropped, except a {@code Content-Length} on an empty body (a HEAD answer that
 * states the length). HEAD gets the same fields as GET and no body (a streaming producer is not
 * run); 1xx, 204 and 304 get neither body nor length.
 *
 * <p>Choices where HTTP allows several:
 * <ul>
 * <li>{@code Expect: 100-continue}: the interim response is sent by the handler's first body
 *     read. A handler that answers without reading never asks for the body: the response
 *     carries {@code Connection: close} and the connection closes after it (the client may
 *     have started sending anyway; closing is the only way to be sure where the next request
 *     starts).</li>
 * <li>An unread request body: what has already arrived is dropped; if the rest is declared and
 *     at most {@link ServerConfig#discardLimit()} bytes, it is read and dropped after the
 *     response (within the header timeout) and the connection is kept; otherwise (chunked, or
 *     longer) the response carries {@code Connection: close}.</li>
 * <li>Closing while the client may still be sending (a request body left unread, a head refused
 *     with 400, 408, 414 or 431) is a lingering close, as nginx's: the response is flushed and
 *     the write side shut, then what the client still sends is read and dropped until it
 *     closes its side, for at most 2 s. A plain close on unread bytes would reset the
 *     connection under the client's writes, and could destroy the response before the client
 *     reads it. Over TLS, which cannot shut one side alone, the connection just closes.</li>
 * <li>The client closing its sending side (end of stream) counts as the client going away, as
 *     in aiohttp: a running handler is cancelled and nothing more is written.</li>
 * <li>Pipelined requests are parsed one at a time: the next head is read only once the current
 *     response is written, so responses are in order; what the client sends meanwhile is
 *     buffered up to {@link ServerConfig#bodyBufferLimit()}, then reading pauses.</li>
 * <li>A protocol error (from the codec) is answered with its status as text, with
 *     {@code Connection: close}, and the connection closes. A head not complete within
 *     {@link ServerConfig#headerTimeout()} gets 408 and a close; a new connection that sends
 *     nothing in that time, or an idle keep-alive connection past
 *     {@link ServerConfig#keepAliveTimeout()}, is closed without a response.</li>
 * <li>An {@link HttpException} is answered with its status, its message as text/plain and its
 *     fields; any other exception with 500 and a fixed text, logged to
 *     {@code io.jasyncio.http.server} (with the stack trace when the loop is in debug mode).
 *     A streaming producer that fails after the head is out closes the connection (no last
 *     chunk), so the client sees the body is cut short.</li>
 * <li>A {@code FileRegion} is sent zero-copy ({@link io.jasyncio.stream.Transport#sendfile},
 *     {@code FileChannel.transferTo} on the loop) over plain TCP and Unix sockets; over TLS it
 *     is read in 64 KiB chunks on the loop thread and written with drain backpressure. A file
 *     shorter than its region closes the connection (the length was already sent).</li>
 * </ul>
 *
 * <p>Loop-confined: use it from the loop that started it.
 *
 * <p><b>Differs from aiohttp:</b> timeouts are checked by one coarse sweep per server (a
 * deadline may pass by up to a quarter of the shortest timeout, at most a second, before it is
 * acted on), not by a timer per connection; the access log is off unless
 * {@link ServerConfig#withAccessLog} turns it on.
 */
public final class HttpServer {
    /*
     * Implementation notes.
     *
     * Connections sit in an intrusive doubly-linked list (no allocation per connection beyond
     * the protocol). The sweep timer is armed while the list is non-empty and walks it, calling
     * checkDeadline; it is re-armed from the sweep itself, so an idle server has no timer.
     *
     * Shutdown (close): closing flips first, so a response finishing now carries
     * Connection: close and a new connection is closed at once; then the listener closes, the
     * shutdown hook runs, idle connections close, in-flight ones get the grace period, what is
     * left is aborted (its tasks cancelled through connectionLost), and close waits for every
     * transport and every exchange task to end before the cleanup hook. `closed` and closedLot
     * let serveForever and a second close wait for the first.
     */
    private static final System.Logger LOG = System.getLogger("io.jasyncio.http.server");

    final Handler handler;
    final ServerConfig config;
    final HeadWriter heads;
    final boolean accessLog;
    final long headerTimeoutNanos;
    final long keepAliveNanos;
    private final EventLoop loop;
    private final long sweepPeriodNanos;
    private final Runnable sweepTask = this::sweep;
    private final ParkingLot closedLot = new ParkingLot(this);
    private final ParkingLot quietLot = new ParkingLot(this);
    private Server server;
    private List<SocketAddress> addresses = List.of();
    private TimerHandle sweep;
    private HttpConnection first;
    private int connections;
    private int exchanges;
    private long requests;
    /** Connections whose reading is paused for backpressure; HttpConnection keeps it. */
    int pausedConnections;
    boolean closing;
    private boolean closed;

    private HttpServer(Handler handler, ServerConfig config, EventLoop loop) {
        this.handler = handler;
        this.config = config;
        this.loop = loop;
        this.heads = new HeadWriter(config.serverName());
        this.accessLog = config.accessLog();
        this.headerTimeoutNanos = config.headerTimeout().toNanos();
        this.keepAliveNanos = config.keepAliveTimeout().toNanos();
        long shortest = Math.min(headerTimeoutNanos, keepAliveNanos);
        this.sweepPeriodNanos = Math.max(1_000_000L, Math.min(1_000_000_000L, shortest / 4));
    }

    /**
     * Starts a server answering with {@code handler} as {@code config} says: runs the handler's
     * {@link Lifecycle#startup} if it has one, binds, and returns once it listens. Suspends (a
     * cancellation point) while the startup hook runs and the host is resolved; call it from a
     * task.
     *
     * @throws Exception what the startup hook threw (nothing is bound then)
     * @throws java.io.IOException naming the address if the bind fails
     * @throws IllegalStateException outside a task on a running loop
     */
    public static HttpServer start(Handler handler, ServerConfig config) throws Exception {
        if (handler == null || config == null) {
            throw new NullPointerException("handler and config are required");
        }
        EventLoop loop = EventLoop.getRunningLoop();
        if (Asyncio.currentTask() == null) {
            throw new IllegalStateException("HttpServer.start must be called from a task (it suspends)");
        }
        HttpServer s = new HttpServer(handler, config, loop);
        if (handler instanceof Lifecycle l) {
            l.startup();
        }
        ServerOptions options = ServerOptions.DEFAULTS.withBacklog(config.backlog()).withTls(config.tls());
        s.server = config.unixPath() != null
                ? Network.createUnixServer(() -> new HttpConnection(s), config.unixPath(), options)
                : Network.createServer(() -> new HttpConnection(s), config.host(), config.port(), options);
        s.addresses = s.server.sockets();
        return s;
    }

    /**
     * The port the server listens on (the first address's), which tells the free port picked
     * for port 0.
     *
     * @throws IllegalStateException if it listens on a Unix-domain socket
     */
    public int port() {
        for (SocketAddress a : addresses) {
            if (a instanceof InetSocketAddress i) {
                return i.getPort();
            }
        }
        throw new IllegalStateException("the server listens on no TCP address: " + addresses);
    }

    /** The addresses the server listens on (as bound, even after close). */
    public List<SocketAddress> sockets() {
        return addresses;
    }

    /** Whether the server accepts connections (started, and close not called). */
    public boolean isServing() {
        return !closing;
    }

    /**
     * How many connections are open, requests in progress, requests started so far, and
     * connections not reading for backpressure: for tests and metrics.
     */
    public ServerStatistics statistics() {
        return new ServerStatistics(connections, exchanges, requests, pausedConnections);
    }

    /**
     * Suspends until the server is closed: by {@link #close()} from another task, or by
     * cancelling this one, which closes the server gracefully first (aiohttp's run_app on
     * Ctrl-C). A cancellation point.
     *
     * @throws CancelledError when this task is cancelled, after the graceful close
     */
    public void serveForever() {
        try {
            while (!closed) {
                closedLot.park();
            }
        } catch (CancelledError e) {
            try {
                close();
            } catch (Throwable t) {
                e.addSuppressed(t);
            }
            throw e;
        }
    }

    /**
     * Shuts down gracefully as {@link Lifecycle} says: stops accepting, runs the shutdown hook,
     * closes idle connections, lets in-flight requests finish within
     * {@link ServerConfig#shutdownGrace()} (their responses carry {@code Connection: close}),
     * aborts the connections left (cancelling their handlers), waits for every connection and
     * handler task to end, then runs the cleanup hook. Hook exceptions are logged. Suspends; a
     * second call waits for the first to finish. If the calling task is cancelled while it
     * waits, what is left is aborted at once and the cancellation goes on.
     */
    public void close() {
        if (closing) {
            while (!closed) {
                closedLot.park();
            }
            return;
        }
        closing = true;
        try {
            server.close();
            runHook("shutdown");
            for (HttpConnection c = first; c != null; ) {
                HttpConnection next = c.next;
                c.closeIfIdle();
                c = next;
            }
            try {
                Asyncio.timeout(config.shutdownGrace(), () -> {
                    while (connections > 0) {
                        quietLot.park();
                    }
                });
            } catch (AsyncTimeoutException e) {
                LOG.log(Level.DEBUG, () -> connections + " connections still open after the grace period: aborting them");
            }
        } finally {
            abortAll();
        }
        server.waitClosed();
        while (exchanges > 0 || connections > 0) {
            quietLot.park();
        }
        stopSweep();
        try {
            runHook("cleanup");
        } finally {
            closed = true;
            closedLot.wakeAll();
        }
    }

    private void abortAll() {
        List<HttpConnection> left = new ArrayList<>();
        for (HttpConnection c = first; c != null; c = c.next) {
            left.add(c);
        }
        for (HttpConnection c : left) {
            c.abort();
        }
        server.abortClients();
    }

    private void runHook(String which) {
        if (!(handler instanceof Lifecycle l)) {
            return;
        }
        try {
            if (which.equals("shutdown")) {
                l.shutdown();
            } else {
                l.cleanup();
            }
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "the " + which + " hook failed", t);
        }
    }

    /**
     * Serves {@code handler} on a new loop until Ctrl-C (SIGINT), then shuts down gracefully
     * and returns: aiohttp's {@code web.run_app}. Prints the address it serves on. Blocks the
     * calling thread; SIGINT is handled only when that is the main thread (as
     * {@link Asyncio#run}), elsewhere it runs until the process ends.
     *
     * {@snippet :
     * public static void main(String[] args) {
     *     HttpServer.runApp(req -> Response.text("Hello, World!"), ServerConfig.DEFAULTS.withPort(8080));
     * }
     * }
     *
     * @throws RuntimeException what {@link #start} threw (wrapped if checked)
     */
    public static void runApp(Handler handler, ServerConfig config) {
        try {
            Asyncio.run(() -> {
                HttpServer s = start(handler, config);
                System.out.println("======== Running on " + s.describe() + " ========");
                System.out.println("(Press CTRL+C to quit)");
                System.out.flush();
                s.serveForever();
            });
        } catch (KeyboardInterrupt e) {
            // Ctrl-C: serveForever has already shut the server down gracefully.
        }
    }

    private String describe() {
        if (config.unixPath() != null) {
            return "http://unix:" + config.unixPath() + ":";
        }
        String scheme = config.tls() != null ? "https" : "http";
        String host = config.host() == null ? "0.0.0.0" : config.host();
        return scheme + "://" + host + ":" + port();
    }

    // ---- what connections and exchanges call ----

    void register(HttpConnection c) {
        c.next = first;
        if (first != null) {
            first.prev = c;
        }
        first = c;
        connections++;
        if (sweep == null) {
            sweep = loop.callLater(Duration.ofNanos(sweepPeriodNanos), sweepTask);
        }
    }

    void unregister(HttpConnection c) {
        if (c.prev == null && first != c) {
            return; // never registered, or already removed
        }
        if (c.prev != null) {
            c.prev.next = c.next;
        } else {
            first = c.next;
        }
        if (c.next != null) {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        connections--;
        if (connections == 0) {
            stopSweep();
            quietLot.wakeAll();
        }
    }

    void exchangeStarted() {
        exchanges++;
        requests++;
    }

    void exchangeEnded() {
        exchanges--;
        if (exchanges == 0 && closing) {
            quietLot.wakeAll();
        }
    }

    private void sweep() {
        sweep = null;
        long now = loop.time();
        for (HttpConnection c = first; c != null; ) {
            HttpConnection next = c.next;
            c.checkDeadline(now);
            c = next;
        }
        if (first != null) {
            sweep = loop.callLater(Duration.ofNanos(sweepPeriodNanos), sweepTask);
        }
    }

    private void stopSweep() {
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
    }

    @Override
    public String toString() {
        return "HttpServer" + addresses + (closing ? "[closing]" : "") + ", " + connections + " connections";
    }
}
