package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step 1 of asyncio's {@code _run_once} as {@link BaseEventLoop} implements it, seen through a
 * scripted {@link IoBackend} and a hand-moved clock: the poll timeout is zero when callbacks are
 * ready or the loop is stopping, the time to the earliest timer otherwise, and unlimited with
 * nothing scheduled; a jumping clock skips the wait unless I/O is registered. Like CPython's
 * test_base_events, which checks the timeout passed to a mocked selector.
 */
class BaseEventLoopTest {
    private static final long MS = Duration.ofMillis(1).toNanos();

    /** A clock that moves only when the scripted backend "waits". */
    private static final class ManualClock implements LoopClock {
        long now = 1_000 * MS;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    /**
     * Records each poll timeout; a positive one passes on the clock, an unlimited one runs
     * {@code onBlock}. It claims a registration by default, since the loop may skip a zero-timeout
     * poll when nothing is registered.
     */
    private static final class ScriptedBackend implements IoBackend {
        final List<Long> timeouts = new ArrayList<>();
        final LoopClock clock;
        boolean registrations = true;
        boolean closed;
        Runnable onBlock = () -> {
            throw new AssertionError("the loop would block forever");
        };

        ScriptedBackend(LoopClock clock) {
            this.clock = clock;
        }

        @Override
        public void poll(long timeoutNanos, java.util.function.Consumer<Runnable> ready) {
            timeouts.add(timeoutNanos);
            if (timeoutNanos > 0) {
                if (clock instanceof ManualClock m) {
                    m.now += timeoutNanos;
                } else {
                    clock.advance(timeoutNanos);
                }
            } else if (timeoutNanos < 0) {
                onBlock.run();
            }
        }

        @Override
        public void wakeup() {
        }

        @Override
        public boolean hasRegistrations() {
            return registrations;
        }

        @Override
        public int registrationCount() {
            return registrations ? 1 : 0;
        }

        @Override
        public Runnable setReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Runnable setWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class ScriptedLoop extends BaseEventLoop {
        ScriptedLoop(IoBackend backend, LoopClock clock) {
            super(backend, clock);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ScriptedBackend backend = new ScriptedBackend(clock);
    private final ScriptedLoop loop = new ScriptedLoop(backend, clock);

    @Test
    void timeIsTheClocksTime() {
        assertEquals(clock.now, loop.time());
        clock.now += 5;
        assertEquals(clock.now, loop.time());
        loop.close();
    }

    @Test
    void pollDoesNotWaitWhenCallbacksAreReady() {
        loop.callLater(Duration.ofSeconds(1), () -> { }).cancel();
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(0L), backend.timeouts);
        loop.close();
    }

    @Test
    void pollWaitsExactlyUntilTheEarliestTimer() {
        List<Long> firedAt = new ArrayList<>();
        loop.callLater(Duration.ofMillis(30), () -> firedAt.add(loop.time()));
        loop.callLater(Duration.ofMillis(10), () -> firedAt.add(loop.time()));
        loop.callLater(Duration.ofMillis(30), loop::stop);
        long start = loop.time();
        loop.runForever();
        assertEquals(List.of(10 * MS, 20 * MS), backend.timeouts);
        assertEquals(List.of(start + 10 * MS, start + 30 * MS), firedAt);
        loop.close();
    }

    @Test
    void cancelledHeadTimerIsNotWaitedFor() {
        loop.callLater(Duration.ofMillis(5), () -> { }).cancel();
        loop.callLater(Duration.ofMillis(50), loop::stop);
        loop.runForever();
        assertEquals(List.of(50 * MS), backend.timeouts);
        loop.close();
    }

    @Test
    void pollWaitsWithoutLimitWhenNothingIsScheduled() {
        backend.onBlock = () -> loop.callSoonThreadsafe(loop::stop);
        loop.runForever();
        assertEquals(List.of(-1L), backend.timeouts);
        loop.close();
    }

    @Test
    void stoppingLoopDoesNotWaitForTimers() {
        TimerHandle far = loop.callLater(Duration.ofHours(1), () -> { });
        loop.stop();
        loop.runForever();
        assertEquals(List.of(0L), backend.timeouts);
        far.cancel();
        loop.close();
    }

    @Test
    void timerDueWhileCallbacksRanIsPickedUpWithoutWaiting() {
        List<String> out = new ArrayList<>();
        loop.callLater(Duration.ofMillis(5), () -> {
            out.add("timer");
            loop.stop();
        });
        // The callback itself takes longer than the timer's delay.
        loop.callSoon(() -> clock.now += 7 * MS);
        loop.runForever();
        assertEquals(List.of("timer"), out);
        assertEquals(List.of(0L, 0L), backend.timeouts);
        loop.close();
    }

    @Test
    void jumpingClockSkipsTheWaitWhenNoIoIsRegistered() {
        VirtualClock virtual = new VirtualClock();
        ScriptedBackend b = new ScriptedBackend(virtual);
        b.registrations = false;
        ScriptedLoop l = new ScriptedLoop(b, virtual);
        l.callLater(Duration.ofMillis(40), l::stop);
        l.runForever();
        assertTrue(b.timeouts.stream().allMatch(t -> t == 0), "the clock jumped instead of the backend waiting: " + b.timeouts);
        assertEquals(40 * MS, l.time());
        l.close();
    }

    @Test
    void jumpingClockWaitsForRealWhileIoIsRegistered() {
        VirtualClock virtual = new VirtualClock();
        ScriptedBackend b = new ScriptedBackend(virtual);
        ScriptedLoop l = new ScriptedLoop(b, virtual);
        l.callLater(Duration.ofMillis(40), l::stop);
        l.runForever();
        assertEquals(List.of(40 * MS), b.timeouts, "I/O might arrive first, so the loop must poll with the timeout");
        l.close();
    }

    @Test
    void closeClosesTheBackendOnce() {
        loop.close();
        assertTrue(backend.closed);
        backend.closed = false;
        loop.close();
        assertFalse(backend.closed, "a second close must not touch the backend again");
    }
}
