package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.loop.LoopStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scheduler on the ring: timers, callbacks, and wake-ups from other threads. */
class UringEventLoopTest {
    /** Generous: a loaded CI machine may stall a thread this long. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void timersRunInDeadlineOrderAndCallbacksInFifoOrder() {
        try (EventLoop loop = new UringEventLoop()) {
            List<String> out = new ArrayList<>();
            // Deadlines from one reading of the clock: a cold JVM may pause between two callLaters.
            long now = loop.time();
            long[] firedAfter = new long[1];
            loop.callAt(now + TimeUnit.MILLISECONDS.toNanos(30), () -> {
                firedAfter[0] = loop.time() - now;
                out.add("30ms");
                loop.stop();
            });
            loop.callAt(now + TimeUnit.MILLISECONDS.toNanos(10), () -> out.add("10ms"));
            loop.callSoon(() -> out.add("soon 1"));
            loop.callSoon(() -> out.add("soon 2"));
            loop.runForever();
            assertEquals(List.of("soon 1", "soon 2", "10ms", "30ms"), out);
            // Measured on the loop's clock from the reading the deadlines came from, so a slow
            // start (class loading between the calls above) cannot make it look early.
            assertTrue(firedAfter[0] >= TimeUnit.MILLISECONDS.toNanos(30), "the timer fired before its deadline");
            assertEquals(new LoopStatistics(0, 0, 0), loop.statistics());
        }
    }

    @Test
    void tasksSleepAndFinishOnTheRing() {
        try (EventLoop loop = new UringEventLoop()) {
            String r = loop.runUntilComplete(() -> {
                Asyncio.sleep(Duration.ofMillis(5));
                return Asyncio.toThread(() -> "from a thread");
            });
            assertEquals("from a thread", r);
        }
    }

    @Test
    void callSoonThreadsafeWakesALoopWaitingWithoutTimers() throws Exception {
        try (EventLoop loop = new UringEventLoop()) {
            CountDownLatch started = new CountDownLatch(1);
            List<Integer> got = new ArrayList<>();
            loop.callSoon(started::countDown);
            Thread poster = Thread.ofPlatform().start(() -> {
                try {
                    started.await();
                    Thread.sleep(20); // let the loop block in io_uring_enter with no timeout
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    loop.callSoonThreadsafe(() -> {
                        got.add(n);
                        if (n == 99) {
                            loop.stop();
                        }
                    });
                }
            });
            runBounded(loop);
            poster.join();
            assertEquals(100, got.size());
            for (int i = 0; i < 100; i++) {
                assertEquals(i, got.get(i));
            }
        }
    }

    @Test
    void manyWakeUpsInARowAreEachSeen() throws Exception {
        try (EventLoop loop = new UringEventLoop()) {
            int rounds = 200;
            int[] count = new int[1];
            Thread poster = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < rounds; i++) {
                    CountDownLatch ran = new CountDownLatch(1);
                    loop.callSoonThreadsafe(() -> {
                        count[0]++;
                        ran.countDown();
                    });
                    try {
                        assertTrue(ran.await(BOUND.toSeconds(), TimeUnit.SECONDS), "wake-up " + i + " was lost");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                loop.callSoonThreadsafe(loop::stop);
            });
            runBounded(loop);
            poster.join();
            assertEquals(rounds, count[0]);
        }
    }

    @Test
    void aLoopCreatedOnOneThreadRunsOnAnotherAfterTheFirstExits() throws Exception {
        // Only the interrupting task-run mode lets a loop move; UringTaskRunTest covers the others.
        UringEventLoop loop = new UringEventLoop(UringOptions.DEFAULT.withTaskRun(UringOptions.TaskRun.DEFAULT_TASKRUN));
        Thread first = Thread.ofPlatform().start(() -> loop.runUntilComplete(() -> {
            Asyncio.sleep(Duration.ofMillis(1));
            return null;
        }));
        first.join();
        try {
            CountDownLatch started = new CountDownLatch(1);
            loop.callSoon(started::countDown);
            Thread poster = Thread.ofPlatform().start(() -> {
                try {
                    started.await();
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                loop.callSoonThreadsafe(loop::stop);
            });
            runBounded(loop);
            poster.join();
        } finally {
            loop.close();
        }
    }

    @Test
    void sqpollRunsTimersAndWakeUps() throws Exception {
        try (EventLoop loop = new UringEventLoop(UringOptions.withSqpoll())) {
            List<String> out = new ArrayList<>();
            loop.callLater(Duration.ofMillis(5), () -> out.add("timer"));
            loop.callLater(Duration.ofMillis(10), () -> Thread.ofPlatform().start(
                    () -> loop.callSoonThreadsafe(() -> {
                        out.add("threadsafe");
                        loop.stop();
                    })));
            runBounded(loop);
            assertEquals(List.of("timer", "threadsafe"), out);
        }
    }

    @Test
    void interruptingTheLoopThreadWakesItsWaitOnTheRing() throws Exception {
        try (EventLoop loop = new UringEventLoop()) {
            loop.callLater(Duration.ofHours(1), () -> { });
            CountDownLatch waiting = new CountDownLatch(1);
            loop.callSoon(waiting::countDown);
            Throwable[] thrown = new Throwable[1];
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    loop.runForever();
                } catch (Throwable e) {
                    thrown[0] = e;
                }
            });
            assertTrue(waiting.await(BOUND.toSeconds(), TimeUnit.SECONDS));
            Thread.sleep(20); // into io_uring_enter, for an hour
            t.interrupt();
            t.join(BOUND.toMillis());
            assertFalse(t.isAlive(), "an interrupt must wake io_uring_enter as it wakes a selector");
            assertInstanceOf(io.jasyncio.loop.LoopInterruptedException.class, thrown[0]);
        }
    }

    /** Runs the loop until it stops, failing (by stopping it from a watchdog) after BOUND. */
    static void runBounded(EventLoop loop) {
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(BOUND.toMillis());
                loop.callSoonThreadsafe(() -> {
                    throw new AssertionError("the loop did not finish within " + BOUND);
                });
                loop.callSoonThreadsafe(loop::stop);
            } catch (InterruptedException e) {
                // the run finished in time
            }
        });
        try {
            loop.runForever();
        } finally {
            watchdog.interrupt();
        }
    }
}
