package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.LoopKind;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * {@link EventLoop#callSoonThreadsafe}, the one cross-thread entry into a loop: it wakes a loop
 * that waits in its poll (without limit or for a far timer), keeps each thread's callbacks in
 * order, and orders them against {@code callSoon} as asyncio does.
 *
 * <p>Where the loop has to be woken from outside, it runs in a platform thread of its own and the
 * test waits for it with a generous bound, so a broken wake-up fails the test instead of hanging
 * the build.
 */
class ThreadsafeTest {
    /** Generous: the wake-up takes microseconds; the bound only stops a broken one from hanging. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Lets the loop reach its blocking poll before the other thread posts (a lower bound only). */
    private static final Duration SETTLE = Duration.ofMillis(20);

    /** Runs the loop in a platform thread named "loop-under-test" until it stops, within {@link #BOUND}. */
    private static void runForeverInThread(EventLoop loop) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("loop-under-test").start(() -> {
            try {
                loop.runForever();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(BOUND.toMillis());
        if (t.isAlive()) {
            loop.callSoonThreadsafe(loop::stop);
            t.interrupt();
            t.join(BOUND.toMillis());
            fail("the loop was not woken within " + BOUND);
        }
        if (failure.get() != null) {
            throw new AssertionError("the loop failed", failure.get());
        }
    }

    /** Starts a platform thread that waits until the loop has run its first iteration, then acts. */
    private static Thread postAfterLoopIsIdle(EventLoop loop, Runnable post) {
        CountDownLatch started = new CountDownLatch(1);
        loop.callSoon(started::countDown);
        return Thread.ofPlatform().start(() -> {
            try {
                started.await();
                Thread.sleep(SETTLE);
            } catch (InterruptedException e) {
                return;
            }
            post.run();
        });
    }

    @LoopTest
    void callSoonThreadsafeWakesALoopWaitingWithoutTimeout(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        List<String> ranOn = Collections.synchronizedList(new ArrayList<>());
        Thread poster = postAfterLoopIsIdle(loop, () -> loop.callSoonThreadsafe(() -> {
            ranOn.add(Thread.currentThread().getName());
            loop.stop();
        }));
        runForeverInThread(loop);
        poster.join(BOUND.toMillis());
        assertEquals(List.of("loop-under-test"), ranOn);
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void callSoonThreadsafeWakesALoopWaitingForAFarTimer(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        TimerHandle far = loop.callLater(Duration.ofHours(1), () -> out.add("timer"));
        Thread poster = postAfterLoopIsIdle(loop, () -> loop.callSoonThreadsafe(() -> {
            out.add("posted");
            loop.stop();
        }));
        runForeverInThread(loop);
        poster.join(BOUND.toMillis());
        assertEquals(List.of("posted"), out);
        far.cancel();
    }

    @LoopTest
    void callbacksFromOneThreadRunInTheOrderTheyWerePosted(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        List<Integer> out = new ArrayList<>();
        Thread poster = postAfterLoopIsIdle(loop, () -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.callSoonThreadsafe(() -> out.add(n));
            }
            loop.callSoonThreadsafe(loop::stop);
        });
        runForeverInThread(loop);
        poster.join(BOUND.toMillis());
        assertEquals(IntStream.range(0, 100).boxed().toList(), out);
    }

    @LoopTest
    void callbacksFromManyThreadsAllRunAndKeepEachThreadsOrder(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        int threads = 4;
        int each = 250;
        List<List<Integer>> perThread = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            perThread.add(new ArrayList<>());
        }
        AtomicInteger left = new AtomicInteger(threads * each);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = perThread.get(t);
            posters.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    loop.callSoonThreadsafe(() -> {
                        mine.add(n);
                        if (left.decrementAndGet() == 0) {
                            loop.stop();
                        }
                    });
                }
            }));
        }
        loop.callSoon(go::countDown);
        runForeverInThread(loop);
        for (Thread t : posters) {
            t.join(BOUND.toMillis());
        }
        List<Integer> expected = IntStream.range(0, each).boxed().toList();
        for (List<Integer> mine : perThread) {
            assertEquals(expected, mine);
        }
    }

    @LoopTest
    void callSoonThreadsafeFromTheLoopThreadRunsInTheNextIteration(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            out.add("a");
            loop.callSoonThreadsafe(() -> out.add("b"));
        });
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("a"), out);
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("a", "b"), out);
    }

    @LoopTest
    void threadsafeHandleCancelledBeforeItsTurnDoesNotRun(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        Handle handle = loop.callSoonThreadsafe(() -> out.add("cancelled"));
        handle.cancel();
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of(), out);
    }

    /** CPython test_events.test_call_soon_threadsafe: one ready queue, FIFO across threads. */
    @LoopTest
    void threadsafeCallbackPostedEarlierRunsBeforeALaterCallSoon(LoopHarness h) throws InterruptedException {
        EventLoop loop = h.loop();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread other = Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> out.add("hello")));
        other.join(BOUND.toMillis());
        loop.callSoon(() -> out.add("world"));
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("hello", "world"), out);
    }

    @LoopTest
    void callSoonAndCallSoonThreadsafeFromTheLoopThreadShareOneFifo(LoopHarness h) {
        EventLoop loop = h.loop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            loop.callSoon(() -> out.add("1 soon"));
            loop.callSoonThreadsafe(() -> out.add("2 threadsafe"));
            loop.callSoon(() -> out.add("3 soon"));
        });
        EventLoopCallbackTest.runOneIteration(loop);
        EventLoopCallbackTest.runOneIteration(loop);
        assertEquals(List.of("1 soon", "2 threadsafe", "3 soon"), out);
    }
}
