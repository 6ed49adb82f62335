package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Timeout;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.BodyData;
import io.jasyncio.http.codec.EndOfMessage;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.ProtocolError;
import io.jasyncio.http.codec.RequestEncoder;
import io.jasyncio.http.codec.ResponseHead;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One request and its response on a connection taken from the {@link ConnectionPool}: made by
 * {@link ConnectionPool#send} once the response head arrived; the body is read with
 * {@link #read()}; the connection goes back to the pool when the body has been read to its end
 * (or on {@link #release()}), or is closed by {@link #abort()}. Loop-confined; one task at a time.
 */
final class Exchange {
    /* Implementation notes
     *
     * States: BODY (head returned, body being read) -> DONE (end of body seen; the connection went
     * back to the pool, was closed, or is kept for upgrade()) -> RELEASED | UPGRADED; any ->
     * ABORTED. `held` says whether this exchange still owns its connection: it stops owning it
     * when it returns it to the pool, closes it or hands it over, exactly once.
     */
    /** What {@link #upgrade()} hands over: the transport and the bytes that arrived after the head. */
    record Upgraded(Transport transport, ByteBuffer leftover) {
    }

    /** At most this much of an unread body is read and dropped on {@link #release()} to keep the connection. */
    static final int DRAIN_LIMIT = 64 * 1024;
    /** And only for this long. */
    static final Duration DRAIN_TIME = Duration.ofSeconds(1);

    private enum State { BODY, DONE, RELEASED, UPGRADED, ABORTED }

    private final ConnectionPool pool;
    private final ClientConnection conn;
    private final OutgoingRequest request;
    private final ResponseHead head;
    private final boolean reused;
    private final ClientTimeouts timeouts;
    private final long deadline;
    private State state = State.BODY;
    private boolean held = true;

    private Exchange(ConnectionPool pool, ClientConnection conn, OutgoingRequest request, ResponseHead head, boolean reused,
            ClientTimeouts timeouts, long deadline) {
        this.pool = pool;
        this.conn = conn;
        this.request = request;
        this.head = head;
        this.reused = reused;
        this.timeouts = timeouts;
        this.deadline = deadline;
    }

    /**
     * Writes {@code request} on {@code conn} and waits for its final response head (1xx skipped,
     * 101 returned). On failure the caller closes the connection.
     */
    static Exchange start(ConnectionPool pool, ClientConnection conn, OutgoingRequest request, boolean reused,
            ClientTimeouts timeouts, long deadline) throws IOException {
        conn.gotBytes = false;
        conn.requests++;
        if (conn.lost != null) {
            throw conn.lost;
        }
        if (conn.eof || conn.transport.isClosing()) {
            throw new ServerDisconnectedException("server " + conn.route.dial().hostPort() + " closed the connection");
        }
        Route route = conn.route;
        Payload body = request.body();
        Headers headers = headersFor(request, route);
        String target = route.forward() ? request.absoluteTarget(route.origin()) : request.originTarget();
        conn.decoder.expectResponseTo(request.method());
        conn.transport.write(RequestEncoder.encodeHead(request.method(), target, headers));
        if (body != null) {
            writeBody(conn, body, timeouts, deadline);
        }
        ResponseHead head = awaitHead(conn, request.method(), timeouts, deadline);
        Exchange e = new Exchange(pool, conn, request, head, reused, timeouts, deadline);
        if (head.status() == 101) {
            e.state = State.DONE;
        } else if (head.contentLength() == 0 && !e.upgradable() && conn.decoder.next() instanceof EndOfMessage) {
            // No body (HEAD, 204, 304, Content-Length: 0): the connection goes back at once, as aiohttp does.
            e.finish();
        }
        return e;
    }

    /** The request's headers as sent: a copy with Host, the body's framing and a proxy's credentials. */
    static Headers headersFor(OutgoingRequest request, Route route) {
        Headers h = request.headers().copy();
        if (!h.contains("Host")) {
            h.add("Host", route.hostHeader());
        }
        Payload body = request.body();
        h.remove("Content-Length");
        h.remove("Transfer-Encoding");
        if (body != null) {
            if (body.length() >= 0) {
                h.add("Content-Length", Long.toString(body.length()));
            } else {
                h.add("Transfer-Encoding", "chunked");
            }
        } else if (request.method().equals(Method.POST) || request.method().equals(Method.PUT)
                || request.method().equals(Method.PATCH)) {
            // RFC 9110 §8.6: a method that expects content says "none" explicitly.
            h.add("Content-Length", "0");
        }
        if (route.forward() && route.proxy().authorization() != null && !h.contains("Proxy-Authorization")) {
            h.add("Proxy-Authorization", route.proxy().authorization());
        }
        return h;
    }

    private static void writeBody(ClientConnection conn, Payload body, ClientTimeouts timeouts, long deadline) throws IOException {
        RequestBodySink sink = new RequestBodySink(conn, body.length());
        if (deadline == Long.MAX_VALUE) {
            body.writeTo(sink);
            sink.finish();
            return;
        }
        Timeout t = Timeout.at(deadline);
        try {
            t.run(() -> {
                body.writeTo(sink);
                sink.finish();
            });
        } catch (AsyncTimeoutException e) {
            if (t.expired() && !(e instanceof ClientTimeoutException)) {
                throw new TotalTimeoutException(timeouts.total(), "sending the request body to " + conn.route.origin(), e);
            }
            throw e;
        }
    }

    static ResponseHead awaitHead(ClientConnection conn, Method method, ClientTimeouts timeouts, long deadline)
            throws IOException {
        long firstByte = ConnectionPool.deadlineAfter(conn.transport.loop().time(), timeouts.firstByte());
        long until = Math.min(firstByte, deadline);
        while (true) {
            HttpEvent ev = conn.decoder.next();
            if (ev instanceof ResponseHead h) {
                conn.consumed();
                if (h.status() == 101 || (method.equals(Method.CONNECT) && h.status() / 100 == 2)) {
                    conn.switchProtocols();
                    return h;
                }
                if (h.status() >= 200) {
                    return h;
                }
            } else if (ev instanceof ProtocolError p) {
                if (conn.eof) {
                    throw new ServerDisconnectedException("server " + conn.route.dial().hostPort()
                            + " closed the connection inside the response head", conn.lost);
                }
                throw new IOException("invalid response from " + conn.route.dial().hostPort() + ": " + p.message());
            } else if (ev == null) {
                if (conn.eof || conn.lost != null) {
                    throw new ServerDisconnectedException("server " + conn.route.dial().hostPort()
                            + " closed the connection before responding", conn.lost);
                }
                if (!conn.awaitInput(until)) {
                    String doing = "waiting for the response head from " + conn.route.origin();
                    throw deadline <= firstByte ? new TotalTimeoutException(timeouts.total(), doing, null)
                            : new FirstByteTimeoutException(timeouts.firstByte(), doing, null);
                }
            } else {
                throw new IOException("unexpected " + ev.getClass().getSimpleName() + " before the response head");
            }
        }
    }

    /** "METHOD url-without-query -> status", for messages about this response (built on demand). */
    String describe() {
        return request.method() + " " + ClientUrls.withoutQuery(request.url()) + " -> " + head.status();
    }

    /** The final response head (or the 101). */
    ResponseHead head() {
        return head;
    }

    /** Whether the connection had carried an earlier request (came from the pool). */
    boolean reused() {
        return reused;
    }

    /** Bytes received but not yet returned by {@link #read()}: bounded by the read backpressure. */
    int buffered() {
        return conn.decoder.buffered();
    }

    /** The address the connection is connected to (the proxy's when there is one); null if unknown. */
    InetSocketAddress remoteAddress() {
        return conn.remote;
    }

    /**
     * The next piece of the body, which the caller owns, or null at its end (then the connection
     * has gone back to the pool, or was closed if it cannot be reused). Suspends while nothing
     * has arrived; a cancellation point. The socket is read only while fewer than
     * {@link ClientConnection#READ_HIGH} bytes wait unread.
     *
     * @throws ServerDisconnectedException if the server closes the connection inside the body
     * @throws IOException if the body is malformed, or the exchange was aborted
     * @throws ReadTimeoutException if no piece arrives within {@link ClientTimeouts#readIdle()}
     * @throws TotalTimeoutException if the total deadline passes
     */
    ByteBuffer read() throws IOException {
        return read(deadline, false);
    }

    private ByteBuffer read(long totalDeadline, boolean draining) throws IOException {
        switch (state) {
            case DONE, RELEASED -> {
                return null;
            }
            case ABORTED -> throw new IOException("the exchange was aborted");
            case UPGRADED -> throw new IllegalStateException("the connection was handed over by upgrade()");
            default -> {
            }
        }
        long idle = draining ? Long.MAX_VALUE : ConnectionPool.deadlineAfter(conn.transport.loop().time(), timeouts.readIdle());
        long until = Math.min(idle, totalDeadline);
        while (true) {
            HttpEvent ev = conn.decoder.next();
            if (ev instanceof BodyData d) {
                ByteBuffer data = d.data();
                if (!data.hasRemaining()) {
                    continue;
                }
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                conn.consumed();
                return copy;
            }
            if (ev instanceof EndOfMessage) {
                conn.consumed();
                finish();
                return null;
            }
            if (ev instanceof ProtocolError p) {
                abort();
                if (conn.eof) {
                    throw new ServerDisconnectedException("server " + conn.route.dial().hostPort()
                            + " closed the connection inside the response body", conn.lost);
                }
                throw new IOException("invalid response body from " + conn.route.dial().hostPort() + ": " + p.message());
            }
            if (ev != null) {
                throw new IOException("unexpected " + ev.getClass().getSimpleName() + " inside a response body");
            }
            if (conn.lost != null || conn.eof) {
                abort();
                throw new ServerDisconnectedException("server " + conn.route.dial().hostPort()
                        + " closed the connection inside the response body", conn.lost);
            }
            conn.consumed();
            if (!conn.awaitInput(until)) {
                abort();
                String doing = "reading the response body from " + conn.route.origin();
                if (draining) {
                    throw new IOException("the rest of the body did not arrive within " + DRAIN_TIME);
                }
                throw totalDeadline <= idle ? new TotalTimeoutException(timeouts.total(), doing, null)
                        : new ReadTimeoutException(timeouts.readIdle(), doing, null);
            }
        }
    }

    /** The end of the body: the connection goes back to the pool if it can carry another request. */
    private void finish() {
        state = State.DONE;
        if (upgradable()) {
            return;
        }
        held = false;
        if (head.keepAlive() && conn.reusable() && !asksToClose(request.headers())) {
            pool.release(conn);
        } else {
            pool.discard(conn);
        }
    }

    /** Whether the request said {@code Connection: close} (RFC 9112 §9.6: then neither side reuses the connection). */
    private static boolean asksToClose(Headers headers) {
        for (String v : headers.getAll("Connection")) {
            for (String token : v.split(",")) {
                if (token.trim().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean upgradable() {
        return head.status() == 101 || (request.method().equals(Method.CONNECT) && head.status() / 100 == 2);
    }

    /**
     * Ends the exchange, keeping the connection when it can: if the body was read to its end it is
     * already back in the pool; otherwise up to {@link #DRAIN_LIMIT} bytes of the rest are read and
     * dropped (for at most {@link #DRAIN_TIME}) and the connection is closed if more remain.
     * Suspends only while draining. Idempotent; a no-op after {@link #abort()} or {@link #upgrade()}.
     */
    void release() {
        if (state == State.BODY) {
            long until = Math.min(deadline, ConnectionPool.deadlineAfter(conn.transport.loop().time(), DRAIN_TIME));
            long drained = 0;
            try {
                ByteBuffer b;
                while (state == State.BODY && drained <= DRAIN_LIMIT && (b = read(until, true)) != null) {
                    drained += b.remaining();
                }
            } catch (IOException | RuntimeException e) {
                abort();
            } catch (Error e) {
                abort();
                throw e;
            }
            if (state == State.BODY) {
                abort();
            }
        }
        if (held) {
            held = false;
            pool.discard(conn);
        }
        if (state == State.DONE) {
            state = State.RELEASED;
        }
    }

    /** Closes the connection now, whatever was read. Idempotent; a no-op after {@link #upgrade()}. */
    void abort() {
        if (state == State.UPGRADED) {
            return;
        }
        state = State.ABORTED;
        if (held) {
            held = false;
            pool.discard(conn);
        }
    }

    /**
     * Takes the connection out of the pool for another protocol, after a 101 (Switching
     * Protocols) or a 2xx to CONNECT: its transport, whose protocol the caller replaces at once
     * (before suspending), and the bytes that arrived after the response head.
     *
     * @throws IllegalStateException if the response is not a 101 or a CONNECT 2xx, or the exchange
     *         was already released, aborted or upgraded
     */
    Upgraded upgrade() {
        if (!upgradable()) {
            throw new IllegalStateException("only a 101 or a 2xx to CONNECT can be upgraded, not " + head.status());
        }
        if (state == State.BODY) {
            HttpEvent ev;
            while ((ev = conn.decoder.next()) != null && !(ev instanceof EndOfMessage)) {
                if (ev instanceof ProtocolError p) {
                    abort();
                    throw new IllegalStateException("the response cannot be upgraded: " + p.message());
                }
            }
            state = State.DONE;
        }
        if (state != State.DONE || !held) {
            throw new IllegalStateException("the exchange was already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        held = false;
        state = State.UPGRADED;
        ByteBuffer leftover = conn.takeLeftover();
        pool.detach(conn);
        conn.handOver();
        return new Upgraded(conn.transport, leftover);
    }

    @Override
    public String toString() {
        return "Exchange[" + request.method() + " " + request.url() + " -> " + head.status() + ", " + state + "]";
    }
}
