package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's books on their own, without sockets, on virtual time: expiry, FIFO grants, eviction. */
class PoolSlotsTest {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Route A = new Route(new Origin("http", "a.test", 80), null);
    private static final Route B = new Route(new Origin("http", "b.test", 80), null);

    private final List<ClientConnection> closed = new ArrayList<>();

    private PoolSlots slots(PoolOptions o) {
        List<ClientConnection> sink = closed;
        PoolSlots[] self = new PoolSlots[1];
        self[0] = new PoolSlots(o, c -> {
            sink.add(c);
            self[0].forget(c);
        });
        return self[0];
    }

    /** A connection that has been opened for {@code route} and is now in use. */
    private static ClientConnection opened(PoolSlots s, Route route) {
        assertTrue(s.tryReserve(route));
        ClientConnection c = new ClientConnection(null, route);
        c.counted = true;
        c.state = ClientConnection.State.ACTIVE;
        return c;
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void idleConnectionsExpireExactlyAfterTheKeepAliveUnderOneTimer(LoopHarness h) {
        h.runBounded(() -> {
            PoolSlots s = slots(PoolOptions.DEFAULTS.withKeepAliveTimeout(KEEP_ALIVE));
            int timers = h.loop().statistics().liveTimers();
            ClientConnection first = opened(s, A);
            ClientConnection second = opened(s, B);
            s.putIdle(first, h.loop().time());
            s.scheduleSweep(h.loop());
            Asyncio.sleep(Duration.ofSeconds(5));
            s.putIdle(second, h.loop().time());
            s.scheduleSweep(h.loop());
            assertEquals(timers + 1, h.loop().statistics().liveTimers());
            Asyncio.sleep(Duration.ofSeconds(10).minusNanos(1));
            assertTrue(closed.isEmpty());
            Asyncio.sleep(Duration.ofNanos(1));
            assertEquals(List.of(first), closed);
            assertEquals(timers + 1, h.loop().statistics().liveTimers());
            Asyncio.sleep(Duration.ofSeconds(5));
            assertEquals(List.of(first, second), closed);
            assertEquals(timers, h.loop().statistics().liveTimers());
            assertEquals(new PoolStatistics(0, 0, 0, 0), s.statistics());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aStaleIdleConnectionIsClosedWhenTakenAndTheTimerReArmsForTheNext(LoopHarness h) {
        h.runBounded(() -> {
            PoolSlots s = slots(PoolOptions.DEFAULTS.withKeepAliveTimeout(KEEP_ALIVE));
            ClientConnection c = opened(s, A);
            s.putIdle(c, h.loop().time());
            s.scheduleSweep(h.loop());
            Asyncio.sleep(Duration.ofSeconds(10));
            assertNull(s.takeIdle(A), "a connection with no transport is not reusable");
            assertEquals(List.of(c), closed);
            closed.clear();
            ClientConnection d = opened(s, A);
            s.putIdle(d, h.loop().time());
            s.scheduleSweep(h.loop());
            Asyncio.sleep(KEEP_ALIVE);
            assertEquals(List.of(d), closed);
            s.close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void waitersAreGrantedInOrderSkippingThoseAtTheirHostLimit(LoopHarness h) {
        h.runBounded(() -> {
            PoolSlots s = slots(PoolOptions.DEFAULTS.withLimit(2).withLimitPerHost(1));
            ClientConnection a = opened(s, A);
            assertFalse(s.tryReserve(A));
            PoolSlots.Waiter wa = new PoolSlots.Waiter(A, true, h.loop().createFuture());
            PoolSlots.Waiter wb = new PoolSlots.Waiter(B, true, h.loop().createFuture());
            s.enqueue(wa);
            s.enqueue(wb);
            s.dispatch();
            assertFalse(wa.grant.isDone());
            assertTrue(wb.grant.isDone());
            assertNull(wb.grant.result());
            assertEquals(new PoolStatistics(2, 0, 2, 1), s.statistics());
            s.forget(a);
            assertTrue(wa.grant.isDone());
            assertEquals(new PoolStatistics(2, 0, 2, 0), s.statistics());
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void atTheLimitTheLongestIdleConnectionOfAnyRouteIsEvicted(LoopHarness h) {
        h.runBounded(() -> {
            PoolSlots s = slots(PoolOptions.DEFAULTS.withLimit(2));
            ClientConnection older = opened(s, A);
            ClientConnection newer = opened(s, A);
            s.putIdle(older, h.loop().time());
            Asyncio.sleep(Duration.ofSeconds(1));
            s.putIdle(newer, h.loop().time());
            assertTrue(s.tryReserve(B));
            assertEquals(List.of(older), closed);
            assertEquals(new PoolStatistics(2, 1, 1, 0), s.statistics());
            s.close();
        });
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void aGrantHandedBackGoesToTheNextWaiter(LoopHarness h) {
        h.runBounded(() -> {
            PoolSlots s = slots(PoolOptions.DEFAULTS.withLimit(1));
            ClientConnection a = opened(s, A);
            PoolSlots.Waiter first = new PoolSlots.Waiter(A, true, h.loop().createFuture());
            PoolSlots.Waiter second = new PoolSlots.Waiter(A, true, h.loop().createFuture());
            s.enqueue(first);
            s.enqueue(second);
            s.forget(a);
            assertTrue(first.grant.isDone());
            assertFalse(second.grant.isDone());
            assertNull(s.giveBack(first));
            assertTrue(second.grant.isDone());
            assertEquals(new PoolStatistics(1, 0, 1, 0), s.statistics());
            s.close();
            PoolSlots.Waiter late = new PoolSlots.Waiter(A, true, h.loop().createFuture());
            s.enqueue(late);
            s.close();
            assertSame(PoolSlots.POOL_CLOSED, late.grant.result());
        });
    }
}
