package io.jasyncio.http.client;

import io.jasyncio.AsyncTimeoutException;
import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.ParkingLot;
import io.jasyncio.Timeout;
import io.jasyncio.loop.TimerHandle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
     * Accounting: `open` (and HostPool.open per route) counts every connection from the moment a
     * slot is reserved for it (before connecting) until it is closed or handed over; the limits
     * bound those counts. A connection leaves the counts exactly once, guarded by
     * ClientConnection.counted (set when it is adopted after connecting); a reservation whose
     * connect failed is given back by unreserve().
     *
     * Waiting: a request that finds no idle connection and no free slot queues a Waiter (FIFO)
     * with a future. dispatch() runs after every change that frees something (a connection back to
     * the pool, one closed, a reservation given back) and grants waiters in order: an idle
     * connection of their route (future result = the connection), or a fresh reservation
     * (result = null: connect yourself). A waiter whose route is at its per-host limit is skipped
     * so that it does not block others. A waiter cancelled after it was granted hands the grant
     * back (the connection to the pool, the reservation to the next waiter), so no slot leaks.
     *
     * Idle expiry: idle deques are LIFO (the most recently used connection is reused first, so
     * the others age out); one timer fires at the oldest idle connection's expiry, closes what is
     * due and re-arms itself for the next.
     */
    private static final class HostPool {
        final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();
        int open;
        int waiting;
    }

    private static final class Waiter {
        final Route route;
        final boolean fresh;
        final Future<ClientConnection> grant;

        Waiter(Route route, boolean fresh, Future<ClientConnection> grant) {
            this.route = route;
            this.fresh = fresh;
            this.grant = grant;
        }
    }

    private record Lease(ClientConnection conn, boolean reused) {
    }

    /** What a waiter is granted when the pool closes under it. */
    private static final ClientConnection POOL_CLOSED = new ClientConnection(null, null);

    final PoolOptions options;
    final ClientListener listener;
    private final Connector connector;
    private final Map<Route, HostPool> hosts = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ParkingLot closing = new ParkingLot(this);
    private int open;
    private int idle;
    /** Connections closed by the pool whose transports have not reported the loss yet. */
    private int closingCount;
    private boolean dispatching;
    private boolean redispatch;
    private boolean closed;
    private TimerHandle sweep;
    private EventLoop loop;

    ConnectionPool(PoolOptions options, ClientListener listener) {
        this.options = options;
        this.listener = listener == null ? ClientListener.NONE : listener;
        this.connector = new Connector(this, new DnsCache(options.dnsCacheTtl(), DnsCache.SYSTEM));
    }

    /** A pool whose DNS lookups go through {@code dns} (tests count lookups with it). */
    ConnectionPool(PoolOptions options, ClientListener listener, DnsCache dns) {
        this.options = options;
        this.listener = listener == null ? ClientListener.NONE : listener;
        this.connector = new Connector(this, dns);
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
        listener.requestStart(request.method(), request.url(), request.headers());
        try {
            Exchange e = sendWithRetry(request, timeouts, deadlineNanos);
            listener.requestEnd(request.method(), request.url(), e.head().status());
            return e;
        } catch (Throwable t) {
            listener.requestFailed(request.method(), request.url(), t);
            throw t;
        }
    }

    private Exchange sendWithRetry(OutgoingRequest request, ClientTimeouts timeouts, long deadline) throws IOException {
        Route route = new Route(Origin.of(request.url()), options.proxy());
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

    private Lease acquire(Route route, ClientTimeouts timeouts, long deadline, boolean fresh) throws IOException {
        checkOpen();
        HostPool hp = host(route);
        if (!fresh && hp.waiting == 0) {
            ClientConnection c = takeIdle(hp);
            if (c != null) {
                listener.connectionReused(route.origin(), c.remote);
                return new Lease(c, true);
            }
        }
        if (!tryReserve(hp)) {
            ClientConnection c = awaitGrant(route, hp, fresh, timeouts, deadline);
            if (c != null) {
                listener.connectionReused(route.origin(), c.remote);
                return new Lease(c, true);
            }
        }
        ClientConnection c;
        try {
            c = connector.connect(route, timeouts, deadline);
        } catch (Throwable t) {
            unreserve(route);
            throw t;
        }
        if (closed) {
            c.abort();
            unreserve(route);
            throw new IOException("the connection pool was closed");
        }
        c.counted = true;
        c.state = ClientConnection.State.ACTIVE;
        listener.connectionCreated(route.origin(), c.remote);
        return new Lease(c, false);
    }

    /** Waits in the FIFO queue; returns a pooled connection, or null when a slot was reserved for us. */
    private ClientConnection awaitGrant(Route route, HostPool hp, boolean fresh, ClientTimeouts timeouts, long deadline)
            throws IOException {
        Waiter w = new Waiter(route, fresh, loop().createFuture());
        waiters.addLast(w);
        hp.waiting++;
        listener.poolWaitStart(route.origin());
        long poolDeadline = deadlineAfter(loop().time(), timeouts.poolAcquire());
        long until = Math.min(poolDeadline, deadline);
        Timeout t = until == Long.MAX_VALUE ? null : Timeout.at(until);
        ClientConnection granted;
        try {
            granted = t == null ? w.grant.await() : t.run(w.grant::await);
        } catch (AsyncTimeoutException e) {
            giveBack(w);
            String doing = "waiting for a connection to " + route.origin() + " (" + statistics() + ")";
            if (t != null && t.expired() && !(e instanceof ClientTimeoutException)) {
                throw deadline <= poolDeadline ? new TotalTimeoutException(timeouts.total(), doing, e)
                        : new PoolTimeoutException(timeouts.poolAcquire(), doing, e);
            }
            throw e;
        } catch (Throwable e) {
            giveBack(w);
            throw e;
        } finally {
            listener.poolWaitEnd(route.origin());
        }
        if (granted == POOL_CLOSED) {
            cleanup(route);
            throw new IOException("the connection pool was closed");
        }
        return granted;
    }

    /** A waiter leaves without using its grant: unqueue it, or hand what it was granted back. */
    private void giveBack(Waiter w) {
        if (!w.grant.isDone()) {
            w.grant.cancel();
        }
        if (waiters.remove(w)) {
            host(w.route).waiting--;
        }
        ClientConnection c = w.grant.isCancelled() ? POOL_CLOSED : w.grant.result();
        if (c == POOL_CLOSED) {
            cleanup(w.route);
        } else if (c != null) {
            release(c);
        } else {
            unreserve(w.route);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the connection pool was closed");
        }
    }

    private HostPool host(Route route) {
        return hosts.computeIfAbsent(route, r -> new HostPool());
    }

    private void cleanup(Route route) {
        HostPool hp = hosts.get(route);
        if (hp != null && hp.open == 0 && hp.waiting == 0 && hp.idle.isEmpty()) {
            hosts.remove(route);
        }
    }

    /** The most recently used idle connection that is still usable, now ACTIVE; stale ones are closed. */
    private ClientConnection takeIdle(HostPool hp) {
        ClientConnection c;
        while ((c = hp.idle.pollFirst()) != null) {
            idle--;
            if (c.reusable()) {
                c.state = ClientConnection.State.ACTIVE;
                return c;
            }
            c.state = ClientConnection.State.ACTIVE;
            discard(c);
        }
        return null;
    }

    /** Reserves a slot for a new connection of {@code hp}, closing the longest-idle connection of another route if that is what stands in the way. */
    private boolean tryReserve(HostPool hp) {
        if (options.limitPerHost() > 0 && hp.open >= options.limitPerHost()) {
            return false;
        }
        if (open >= options.limit() && !evictOldestIdle()) {
            return false;
        }
        hp.open++;
        open++;
        return true;
    }

    private boolean evictOldestIdle() {
        ClientConnection oldest = null;
        for (HostPool hp : hosts.values()) {
            ClientConnection c = hp.idle.peekLast();
            if (c != null && (oldest == null || c.idleSince < oldest.idleSince)) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        discard(oldest);
        return true;
    }

    private void unreserve(Route route) {
        HostPool hp = host(route);
        hp.open--;
        open--;
        cleanup(route);
        dispatch();
    }

    /** Grants waiters in FIFO order whatever has become available. Re-entrant calls are folded into the running one. */
    private void dispatch() {
        if (dispatching) {
            redispatch = true;
            return;
        }
        dispatching = true;
        try {
            do {
                redispatch = false;
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    HostPool hp = host(w.route);
                    if (w.grant.isDone()) {
                        it.remove();
                        hp.waiting--;
                        continue;
                    }
                    ClientConnection c = w.fresh ? null : takeIdle(hp);
                    if (c != null || tryReserve(hp)) {
                        it.remove();
                        hp.waiting--;
                        w.grant.setResult(c);
                    }
                }
            } while (redispatch);
        } finally {
            dispatching = false;
        }
    }

    /** A connection whose exchange ended cleanly: back to the pool, or closed when it cannot be reused. */
    void release(ClientConnection c) {
        if (closed || !c.counted || !c.reusable()) {
            discard(c);
            return;
        }
        c.state = ClientConnection.State.IDLE;
        c.idleSince = loop().time();
        host(c.route).idle.addFirst(c);
        idle++;
        dispatch();
        scheduleSweep();
    }

    /** Closes {@code c} and frees its slot now (the transport reports the loss later). */
    void discard(ClientConnection c) {
        boolean wasOpen = c.lost == null && c.state != ClientConnection.State.CLOSED;
        forget(c);
        if (wasOpen && c.transport != null && !c.transport.isClosing()) {
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
        forget(c);
    }

    private void forget(ClientConnection c) {
        if (!c.counted) {
            return;
        }
        c.counted = false;
        HostPool hp = host(c.route);
        if (c.state == ClientConnection.State.IDLE && hp.idle.remove(c)) {
            idle--;
        }
        if (c.state != ClientConnection.State.UPGRADED) {
            c.state = ClientConnection.State.CLOSED;
        }
        hp.open--;
        open--;
        cleanup(c.route);
        dispatch();
    }

    private void scheduleSweep() {
        Duration ka = options.keepAliveTimeout();
        if (ka == null || sweep != null || idle == 0 || closed) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (HostPool hp : hosts.values()) {
            ClientConnection c = hp.idle.peekLast();
            if (c != null) {
                oldest = Math.min(oldest, c.idleSince);
            }
        }
        sweep = loop().callAt(deadlineAfter(oldest, ka), this::sweep);
    }

    private void sweep() {
        sweep = null;
        long now = loop().time();
        List<ClientConnection> due = new ArrayList<>();
        for (HostPool hp : hosts.values()) {
            for (ClientConnection c : hp.idle) {
                if (deadlineAfter(c.idleSince, options.keepAliveTimeout()) <= now) {
                    due.add(c);
                }
            }
        }
        for (ClientConnection c : due) {
            discard(c);
        }
        scheduleSweep();
    }

    /** A snapshot of the counts. */
    PoolStatistics statistics() {
        int w = 0;
        for (Waiter x : waiters) {
            if (!x.grant.isDone()) {
                w++;
            }
        }
        return new PoolStatistics(open, idle, open - idle, w);
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
            if (sweep != null) {
                sweep.cancel();
                sweep = null;
            }
            connector.close();
            for (Waiter w : new ArrayList<>(waiters)) {
                if (!w.grant.isDone()) {
                    w.grant.setResult(POOL_CLOSED);
                }
            }
            for (HostPool hp : new ArrayList<>(hosts.values())) {
                for (ClientConnection c : new ArrayList<>(hp.idle)) {
                    discard(c);
                }
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
