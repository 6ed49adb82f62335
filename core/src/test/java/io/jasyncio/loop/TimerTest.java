package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Timers of {@link EventLoop}: {@code callLater} / {@code callAt} order (deadline, then
 * scheduling order), {@link TimerHandle#when()}, cancellation and the timer queue's compaction,
 * where due timers land relative to ready callbacks (asyncio's {@code _run_once} step 3), and
 * virtual time jumping to deadlines.
 */
class TimerTest {
    private static final Duration TICK = Duration.ofMillis(10);

    private static long nanos(Duration d) {
        return d.toNanos();
    }

    private static int liveTimers(LoopHarness h) {
        return h.loop().statistics().liveTimers();
    }

    @LoopTest
    void callLaterRunsTimersInDeadlineOrder(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Integer> out = new ArrayList<>();
        loop.callLater(TICK.multipliedBy(3), () -> out.add(3));
        loop.callLater(TICK.multipliedBy(1), () -> out.add(1));
        loop.callLater(TICK.multipliedBy(2), () -> out.add(2));
        loop.callLater(TICK.multipliedBy(4), loop::stop);
        long start = loop.time();
        loop.runForever();
        assertEquals(List.of(1, 2, 3), out);
        assertTrue(loop.time() - start >= nanos(TICK.multipliedBy(4)));
    }

    @LoopTest
    void timersWithTheSameDeadlineRunInSchedulingOrder(LoopHarness h) {
        EventLoop loop = h.loop();
        long base = loop.time() + nanos(Duration.ofMillis(1));
        List<Integer> out = new ArrayList<>();
        // Three deadlines interleaved, so the heap has to order ties among many entries.
        for (int i = 0; i < 60; i++) {
            int n = i;
            loop.callAt(base + (i % 3), () -> out.add(n));
        }
        loop.callAt(base + 3, loop::stop);
        loop.runForever();
        List<Integer> expected = IntStream.range(0, 60).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> i % 3).thenComparingInt(i -> i)).toList();
        assertEquals(expected, out);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void whenIsTheDeadlineInLoopTime(LoopHarness h) {
        EventLoop loop = h.loop();
        TimerHandle later = loop.callLater(Duration.ofMillis(5), () -> { });
        TimerHandle at = loop.callAt(12_345, () -> { });
        assertEquals(loop.time() + nanos(Duration.ofMillis(5)), later.when());
        assertEquals(12_345, at.when());
        later.cancel();
        at.cancel();
    }

    @LoopTest
    void whenOfCallLaterLiesBetweenTheTimesAroundTheCallPlusTheDelay(LoopHarness h) {
        EventLoop loop = h.loop();
        long before = loop.time();
        TimerHandle t = loop.callLater(Duration.ofSeconds(1), () -> { });
        long after = loop.time();
        assertTrue(t.when() >= before + nanos(Duration.ofSeconds(1)) && t.when() <= after + nanos(Duration.ofSeconds(1)),
                () -> "when=" + t.when() + " before=" + before + " after=" + after);
        t.cancel();
    }

    @LoopTest
    void cancelledTimerDoesNotRun(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        TimerHandle first = loop.callLater(Duration.ofMillis(1), () -> out.add("cancelled"));
        loop.callLater(Duration.ofMillis(2), () -> out.add("kept"));
        loop.callLater(Duration.ofMillis(3), loop::stop);
        first.cancel();
        assertTrue(first.isCancelled());
        assertEquals(2, liveTimers(h));
        loop.runForever();
        assertEquals(List.of("kept"), out);
    }

    @LoopTest
    void timerCancelledByAnEarlierTimerOfTheSameIterationDoesNotRun(LoopHarness h) {
        EventLoop loop = h.loop();
        long when = loop.time() + nanos(Duration.ofMillis(1));
        List<String> out = new ArrayList<>();
        TimerHandle[] second = new TimerHandle[1];
        loop.callAt(when, () -> second[0].cancel());
        second[0] = loop.callAt(when, () -> out.add("second"));
        loop.callAt(when, loop::stop);
        loop.runForever();
        assertEquals(List.of(), out);
        assertEquals(0, liveTimers(h));
    }

    @LoopTest
    void cancellingATimerThatAlreadyRanKeepsTheCountRight(LoopHarness h) {
        EventLoop loop = h.loop();
        TimerHandle t = loop.callLater(Duration.ZERO, () -> { });
        EventLoopCallbackTest.runOneIteration(loop);
        t.cancel();
        t.cancel();
        assertEquals(0, liveTimers(h));
        TimerHandle other = loop.callLater(Duration.ofHours(1), () -> { });
        assertEquals(1, liveTimers(h), "a late cancel must not be counted against the live timers");
        other.cancel();
        assertEquals(0, liveTimers(h));
    }

    @LoopTest
    void manyCancelledTimersAreCompactedAndTheRestRunInOrder(LoopHarness h) {
        EventLoop loop = h.loop();
        long base = loop.time() + nanos(Duration.ofMillis(1));
        List<Integer> out = new ArrayList<>();
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            handles.add(loop.callAt(base + i, () -> out.add(n)));
        }
        for (int i = 0; i < 1000; i++) {
            if (i % 10 != 0) {
                handles.get(i).cancel();
            }
        }
        assertEquals(100, liveTimers(h));
        // asyncio's invariant: cancelled entries never outnumber the live ones once the heap is large.
        long stillQueued = handles.stream().filter(t -> t.isCancelled() && t.scheduled).count();
        assertTrue(stillQueued <= 100, "cancelled timers left in the heap: " + stillQueued);

        loop.callAt(base + 1000, loop::stop);
        loop.runForever();
        assertEquals(IntStream.range(0, 100).map(i -> i * 10).boxed().toList(), out);
    }

    @LoopTest
    void negativeAndZeroDelaysRunInTheNextIterationInSchedulingOrder(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        long before = loop.time();
        TimerHandle negative = loop.callLater(Duration.ofMillis(-100), () -> out.add("negative"));
        loop.callLater(Duration.ZERO, () -> out.add("zero"));
        assertTrue(negative.when() >= before, "a negative delay counts as zero, not as the past");
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("negative", "zero"), out);
    }

    @LoopTest
    void dueTimersRunAfterTheCallbacksAlreadyReady(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callLater(Duration.ZERO, () -> {
            out.add("timer");
            loop.callSoon(() -> out.add("soon from timer"));
            loop.callLater(Duration.ZERO, () -> out.add("timer from timer"));
        });
        loop.callSoon(() -> out.add("soon"));
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("soon", "timer"), out, "step 3 appends due timers behind the ready queue");

        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("soon", "timer", "soon from timer", "timer from timer"), out);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void virtualTimeJumpsExactlyToEachDeadline(LoopHarness h) {
        EventLoop loop = h.loop();
        List<Long> seen = new ArrayList<>();
        loop.callLater(Duration.ofMillis(10), () -> seen.add(loop.time()));
        loop.callLater(Duration.ofHours(1), () -> {
            seen.add(loop.time());
            loop.stop();
        });
        loop.callSoon(() -> seen.add(loop.time()));
        loop.runForever();
        assertEquals(List.of(0L, nanos(Duration.ofMillis(10)), nanos(Duration.ofHours(1))), seen);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void virtualTimeStandsStillWhileCallbacksAreReady(LoopHarness h) {
        EventLoop loop = h.loop();
        loop.callLater(Duration.ofSeconds(5), () -> { }).cancel();
        TimerHandle pending = loop.callLater(Duration.ofSeconds(5), () -> { });
        for (int i = 0; i < 3; i++) {
            EventLoopCallbackTest.runOneIteration(loop);
        }
        assertEquals(0, loop.time());
        pending.cancel();
    }

    @LoopTest
    void foreverLikeDelayDoesNotOverflowIntoThePast(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        TimerHandle forever = loop.callLater(ChronoUnit.FOREVER.getDuration(), () -> out.add("forever"));
        TimerHandle maxSeconds = loop.callLater(Duration.ofSeconds(Long.MAX_VALUE), () -> out.add("max"));
        long now = loop.time();
        assertTrue(forever.when() > now, "when=" + forever.when());
        assertTrue(maxSeconds.when() > now, "when=" + maxSeconds.when());
        loop.callLater(Duration.ofMillis(1), () -> {
            out.add("short");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("short"), out);
        forever.cancel();
        maxSeconds.cancel();
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void virtualTimeReachesADeadlineCenturiesAway(LoopHarness h) {
        EventLoop loop = h.loop();
        Duration centuries = Duration.ofDays(365L * 250);
        long[] at = new long[1];
        loop.callLater(centuries, () -> {
            at[0] = loop.time();
            loop.stop();
        });
        loop.runForever();
        assertEquals(nanos(centuries), at[0]);
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void virtualLoopDoesNotJumpToAForeverTimer(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        TimerHandle forever = loop.callAt(Long.MAX_VALUE, () -> out.add("forever"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        loop.callSoon(started::countDown);
        // Posts work a little later, as a worker thread would; the second stop bounds the test
        // without relying on timers, which are what is broken.
        Thread poster = Thread.ofPlatform().start(() -> {
            try {
                started.await();
                Thread.sleep(50);
                loop.callSoonThreadsafe(() -> loop.callLater(Duration.ofMillis(1), () -> {
                    out.add("after work");
                    done.countDown();
                    loop.stop();
                }));
                if (!done.await(5, TimeUnit.SECONDS)) {
                    loop.callSoonThreadsafe(loop::stop);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.runForever();
        poster.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of("after work"), out, "a 1 ms timer scheduled after the work must fire");
        assertEquals(nanos(Duration.ofMillis(1)), loop.time(), "the clock must not jump to a deadline that never comes");
        forever.cancel();
    }
}
