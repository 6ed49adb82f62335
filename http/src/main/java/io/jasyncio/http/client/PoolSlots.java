package io.jasyncio.http.client;

import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link ConnectionPool}'s books: how many connections each route has, the idle ones, the
 * queue of requests waiting for the limits, and the idle-expiry timer. It decides; the pool does
 * the I/O. Loop-confined.
 */
final class PoolSlots {
    /* Implementation notes
     *
     * Accounting: `open` (and HostPool.open per route) counts every connection from the moment a
     * slot is reserved for it (before connecting) until it is closed or handed over; the limits
     * bound those counts. A connection leaves the counts exactly once, in forget(), guarded by
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
     * dispatch() may close connections (stale idle ones, evictions), which calls back into
     * forget() and dispatch(): a re-entrant call only asks the running one to go round again.
     *
     * Idle expiry: idle deques are LIFO (the most recently used connection is reused first, so
     * the others age out); one timer fires at the oldest idle connection's expiry, closes what is
     * due and re-arms itself for the next.
     */

    /** What a waiter is granted when the pool closes under it. */
    static final ClientConnection POOL_CLOSED = new ClientConnection(null, null);

    private static final class HostPool {
        final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();
        int open;
        int waiting;
    }

    /** A request queued for a connection of its route. */
    static final class Waiter {
        final Route route;
        final boolean fresh;
        final Future<ClientConnection> grant;

        Waiter(Route route, boolean fresh, Future<ClientConnection> grant) {
            this.route = route;
            this.fresh = fresh;
            this.grant = grant;
        }
    }

    private final PoolOptions options;
    private final Consumer<ClientConnection> closer;
    private final Map<Route, HostPool> hosts = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int open;
    private int idle;
    private boolean dispatching;
    private boolean redispatch;
    private TimerHandle sweep;

    /** Books for {@code options}' limits; {@code closer} closes a connection the books give up on. */
    PoolSlots(PoolOptions options, Consumer<ClientConnection> closer) {
        this.options = options;
        this.closer = closer;
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

    /** Whether requests for {@code route} are queued (a newcomer must queue behind them). */
    boolean hasWaiters(Route route) {
        HostPool hp = hosts.get(route);
        return hp != null && hp.waiting > 0;
    }

    /** The most recently used idle connection of {@code route} that is still usable, now ACTIVE; stale ones are closed. */
    ClientConnection takeIdle(Route route) {
        HostPool hp = hosts.get(route);
        if (hp == null) {
            return null;
        }
        ClientConnection c;
        while ((c = hp.idle.pollFirst()) != null) {
            idle--;
            c.state = ClientConnection.State.ACTIVE;
            if (c.reusable()) {
                return c;
            }
            closer.accept(c);
        }
        return null;
    }

    /** Reserves a slot for a new connection of {@code route}, closing the longest-idle connection elsewhere if that is what stands in the way. */
    boolean tryReserve(Route route) {
        HostPool hp = host(route);
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
        closer.accept(oldest);
        return true;
    }

    /** Gives back a reservation whose connection was never made. */
    void unreserve(Route route) {
        HostPool hp = host(route);
        hp.open--;
        open--;
        cleanup(route);
        dispatch();
    }

    /** Queues a waiter. */
    void enqueue(Waiter w) {
        waiters.addLast(w);
        host(w.route).waiting++;
    }

    /**
     * A waiter leaves without using its grant: unqueue it, or give back a reservation it was
     * granted. Returns a connection it was granted, for the caller to release, or null.
     */
    ClientConnection giveBack(Waiter w) {
        if (!w.grant.isDone()) {
            w.grant.cancel();
        }
        if (waiters.remove(w)) {
            host(w.route).waiting--;
        }
        ClientConnection c = w.grant.isCancelled() ? POOL_CLOSED : w.grant.result();
        if (c == POOL_CLOSED) {
            cleanup(w.route);
            return null;
        }
        if (c == null) {
            unreserve(w.route);
        }
        return c;
    }

    /** Grants waiters in FIFO order whatever has become available. */
    void dispatch() {
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
                    ClientConnection c = w.fresh ? null : takeIdle(w.route);
                    if (c != null || tryReserve(w.route)) {
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

    /** {@code c} (counted, reusable) becomes idle at loop time {@code now}: to a waiter, or to the pool. */
    void putIdle(ClientConnection c, long now) {
        c.state = ClientConnection.State.IDLE;
        c.idleSince = now;
        host(c.route).idle.addFirst(c);
        idle++;
        dispatch();
    }

    /** {@code c} leaves the books (closed or handed over); its slot goes to the next waiter. */
    void forget(ClientConnection c) {
        if (!c.counted) {
            return;
        }
        c.counted = false;
        HostPool hp = host(c.route);
        if (c.state == ClientConnection.State.IDLE && hp.idle.remove(c)) {
            idle--;
        }
        hp.open--;
        open--;
        cleanup(c.route);
        dispatch();
    }

    /** Arms the idle-expiry timer for the oldest idle connection, unless it is armed or nothing is idle. */
    void scheduleSweep(EventLoop loop) {
        Duration ka = options.keepAliveTimeout();
        if (ka == null || sweep != null || idle == 0) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (HostPool hp : hosts.values()) {
            ClientConnection c = hp.idle.peekLast();
            if (c != null) {
                oldest = Math.min(oldest, c.idleSince);
            }
        }
        sweep = loop.callAt(ConnectionPool.deadlineAfter(oldest, ka), () -> sweep(loop));
    }

    private void sweep(EventLoop loop) {
        sweep = null;
        long now = loop.time();
        for (ClientConnection c : idleConnections()) {
            if (ConnectionPool.deadlineAfter(c.idleSince, options.keepAliveTimeout()) <= now) {
                closer.accept(c);
            }
        }
        scheduleSweep(loop);
    }

    /** Every idle connection. */
    List<ClientConnection> idleConnections() {
        List<ClientConnection> all = new ArrayList<>();
        for (HostPool hp : hosts.values()) {
            all.addAll(hp.idle);
        }
        return all;
    }

    /** Stops the timer and grants every waiter {@link #POOL_CLOSED}. */
    void close() {
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
        for (Waiter w : new ArrayList<>(waiters)) {
            if (!w.grant.isDone()) {
                w.grant.setResult(POOL_CLOSED);
            }
        }
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
}
