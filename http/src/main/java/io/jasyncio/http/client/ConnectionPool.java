package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.ParkingLot;
import io.jasyncio.Timeout;
import io.jasyncio.http.Url;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's keep-alive connections: aiohttp's {@code TCPConnector}. {@link #send} takes a
 * pooled connection to the request's origin, or opens one within the limits, or waits (FIFO) for
 * one; writes the request; and returns the {@link Exchange} once the response head arrived. The
 * exchange returns the connection when its body has been read. Loop-confined: one pool belongs
 * to the loop that first used it.
 */
final class ConnectionPool {
    /* Implementation notes
     *
     * The books (counts, idle deques, waiters, expiry timer) are PoolSlots'; this class does the
     * I/O around them: connecting, sending, closing. A connection reaches the books' forget()
     * exactly once, from discard() (we close it), closed() (its transport was lost) or detach()
     * (handed over by upgrade()). close() waits until every transport it closed has reported its
     * end, counted by closingCount, so that no socket outlives it.
     */
    private record Lease(ClientConnection conn, boolean reused) {
    }

    /** How many authorities per scheme keep their parsed route; past that the cache starts again. */
    private static final int ROUTE_CACHE_SIZE = 1024;

    final PoolOptions options;
    final ClientListener listener;
    private final Connector connector;
    private final PoolSlots slots;
    private final ParkingLot closing = new ParkingLot(this);
    private final Map<String, Route> httpRoutes = new HashMap<>();
    private final Map<String, Route> httpsRoutes = new HashMap<>();
    /** Connections closed by the pool whose transports have not reported the loss yet. */
    private int closingCount;
    private boolean closed;
    private EventLoop loop;

    /** A pool with {@code options}, reporting to {@code listener} (null: none), resolving names with the loop's resolver. */
    ConnectionPool(PoolOptions options, ClientListener listener) {
        this(options, listener, new DnsCache(options.dnsCacheTtl(), DnsCache.SYSTEM));
    }

    /** A pool whose DNS lookups go through {@code dns} (tests count or redirect lookups with it). */
    ConnectionPool(PoolOptions options, ClientListener listener, DnsCache dns) {
        this.options = options;
        this.listener = listener == null ? ClientListener.NONE : listener;
        this.connector = new Connector(this, dns);
        this.slots = new PoolSlots(options, this::discard);
    }

    /** Loop time {@code d} after {@code now}, or Long.MAX_VALUE for a null duration (saturating). */
    static long deadlineAfter(long now, Duration d) {
        if (d == null) {
            return Long.MAX_VALUE;
        }
        long n = d.toNanos();
        return n > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + n;
    }

    EventLoop loop() {
        if (loop == null) {
            loop = Asyncio.getRunningLoop();
        }
        return loop;
    }

    /**
     * Sends the request and returns once the final response head arrived (1xx skipped, 101
     * returned). Retries once on a fresh connection when a reused connection turns out closed
     * before any response byte and the request is idempotent with a replayable (or no) body.
     * A cancellation point; a cancelled or failed send leaves no connection or slot behind.
     *
     * @param deadlineNanos loop-time deadline of the total timeout (Long.MAX_VALUE = none)
     * @throws ClientTimeoutException the subclass for whichever timeout expired
     * @throws ServerDisconnectedException if the server closed the connection before the head
     * @throws IOException if connecting fails, the response is malformed, or the pool is closed
     */
    Exchange send(OutgoingRequest request, ClientTimeouts timeouts, long deadlineNanos) throws IOException {
        if (listener != ClientListener.NONE) {
            // a copy: the headers may be the session's shared defaults
            listener.requestStart(request.method(), request.url(), request.headers().copy());
        }
        Exchange e;
        try {
            e = sendWithRetry(request, timeouts, deadlineNanos);
        } catch (Throwable t) {
            listener.requestFailed(request.method(), request.url(), t);
            throw t;
        }
        try {
            listener.requestEnd(request.method(), request.url(), e.head().status());
        } catch (Throwable t) {
            e.abort();
            throw t;
        }
        return e;
    }

    private Exchange sendWithRetry(OutgoingRequest request, ClientTimeouts timeouts, long deadline) throws IOException {
        Route route = routeFor(request.url());
        boolean fresh = false;
        while (true) {
            Lease lease = acquire(route, timeouts, deadline, fresh);
            ClientConnection conn = lease.conn();
            try {
                return Exchange.start(this, conn, request, lease.reused(), timeouts, deadline);
            } catch (ServerDisconnectedException e) {
                discard(conn);
                if (lease.reused() && !conn.gotBytes && !fresh && request.retryable()) {
                    fresh = true;
                    continue;
                }
                throw e;
            } catch (Throwable t) {
                discard(conn);
                throw t;
            }
        }
    }

    /**
     * The route of {@code url}, one instance per scheme and authority: parsing the origin on every
     * request showed in profiles, and a canonical instance makes the books' lookups cheap.
     */
    private Route routeFor(Url url) {
        Map<String, Route> byAuthority = "https".equals(url.scheme()) ? httpsRoutes : httpRoutes;
        Route r = byAuthority.get(url.authority());
        if (r == null) {
            if (byAuthority.size() >= ROUTE_CACHE_SIZE) {
                byAuthority.clear();
            }
            r = new Route(Origin.of(url), options.proxy());
            byAuthority.put(url.authority(), r);
        }
        return r;
    }

    private Lease acquire(Route route, ClientTimeouts timeouts, long deadline, boolean fresh) throws IOException {
        checkOpen();
        if (!fresh && !slots.hasWaiters(route)) {
            ClientConnection c = slots.takeIdle(route);
            if (c != null) {
                return reuse(c);
            }
        }
        if (!slots.tryReserve(route)) {
            ClientConnection c = awaitGrant(route, fresh, timeouts, deadline);
            if (c != null) {
                return reuse(c);
            }
        }
        ClientConnection c;
        try {
            c = connector.connect(route, timeouts, deadline);
        } catch (Throwable t) {
            slots.unreserve(route);
            throw t;
        }
        if (closed) {
            c.abort();
            slots.unreserve(route);
            throw new IOException("the connection pool was closed");
        }
        c.counted = true;
        c.state = ClientConnection.State.ACTIVE;
        try {
            listener.connectionCreated(route.origin(), c.remote);
        } catch (Throwable t) {
            discard(c);
            throw t;
        }
        return new Lease(c, false);
    }

    /** A pooled connection for this request; a listener that throws does not keep it from the pool. */
    private Lease reuse(ClientConnection c) {
        try {
            listener.connectionReused(c.route.origin(), c.remote);
        } catch (Throwable t) {
            release(c);
            throw t;
        }
        return new Lease(c, true);
    }

    /** Waits in the FIFO queue; returns a pooled connection, or null when a slot was reserved for us. */
    private ClientConnection awaitGrant(Route route, boolean fresh, ClientTimeouts timeouts, long deadline) throws IOException {
        PoolSlots.Waiter w = new PoolSlots.Waiter(route, fresh, loop().createFuture());
        slots.enqueue(w);
        listener.poolWaitStart(route.origin());
        long poolDeadline = deadlineAfter(loop().time(), timeouts.poolAcquire());
        long until = Math.min(poolDeadline, deadline);
        Timeout t = until == Long.MAX_VALUE ? null : Timeout.at(until);
        ClientConnection granted;
        try {
            granted = t == null ? w.grant.await() : t.run(w.grant::await);
        } catch (AsyncTimeoutException e) {
            giveBack(w);
            listener.poolWaitEnd(route.origin());
            String doing = "waiting for a connection to " + route.origin() + " (" + statistics() + ")";
            if (t != null && t.expired() && !(e instanceof ClientTimeoutException)) {
                throw deadline <= poolDeadline ? new TotalTimeoutException(timeouts.total(), doing, e)
                        : new PoolTimeoutException(timeouts.poolAcquire(), doing, e);
            }
            throw e;
        } catch (Throwable e) {
            giveBack(w);
            listener.poolWaitEnd(route.origin());
            throw e;
        }
        try {
            listener.poolWaitEnd(route.origin());
        } catch (Throwable e) {
            giveBack(w);
            throw e;
        }
        if (granted == PoolSlots.POOL_CLOSED) {
            throw new IOException("the connection pool was closed");
        }
        return granted;
    }

    private void giveBack(PoolSlots.Waiter w) {
        ClientConnection c = slots.giveBack(w);
        if (c != null) {
            release(c);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the connection pool was closed");
        }
    }

    /** A connection whose exchange ended cleanly: back to the pool, or closed when it cannot be reused. */
    void release(ClientConnection c) {
        if (closed || !c.counted || !c.reusable()) {
            discard(c);
            return;
        }
        slots.putIdle(c, loop().time());
        slots.scheduleSweep(loop());
    }

    /** Closes {@code c} and frees its slot now (the transport reports the loss later). */
    void discard(ClientConnection c) {
        boolean open = c.lost == null && c.state != ClientConnection.State.CLOSED;
        forget(c);
        if (open && c.transport != null && !c.transport.isClosing()) {
            closingCount++;
            c.closingByPool = true;
            c.abort();
        }
    }

    /** The transport of {@code c} was lost (whoever closed it). */
    void closed(ClientConnection c) {
        forget(c);
        if (c.closingByPool) {
            c.closingByPool = false;
            if (--closingCount == 0) {
                closing.wakeAll();
            }
        }
    }

    /** {@code c} is handed over to another protocol: the pool forgets it. */
    void detach(ClientConnection c) {
        slots.forget(c);
    }

    private void forget(ClientConnection c) {
        slots.forget(c);
        if (c.state != ClientConnection.State.UPGRADED) {
            c.state = ClientConnection.State.CLOSED;
        }
    }

    /** A snapshot of the counts. */
    PoolStatistics statistics() {
        return slots.statistics();
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the pool: later sends fail, waiters fail, idle connections close now, connections in
     * use close when their exchange ends; pending DNS lookups are cancelled. Suspends (when called
     * from a task) until the transports it closed have reported their end, so no socket outlives
     * it. Idempotent.
     */
    void close() {
        if (!closed) {
            closed = true;
            slots.close();
            connector.close();
            for (ClientConnection c : slots.idleConnections()) {
                discard(c);
            }
        }
        if (Asyncio.currentTask() != null) {
            while (closingCount > 0) {
                closing.park();
            }
        }
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + statistics() + (closed ? ", closed" : "") + "]";
    }
}
