package io.jasyncio.loop;

import io.jasyncio.EventLoop;
import io.jasyncio.Asyncio;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An interrupted loop thread stops the loop with {@link LoopInterruptedException} instead of
 * spinning (an interrupted thread's selector never blocks); the loop stays usable. On the loop
 * -Djasyncio.loop names (the selector loop in core's run; jasyncio-uring re-runs it on its own).
 */
class LoopInterruptTest {
    /** Generous: the interrupt takes effect in microseconds; the bound only stops a hang. */
    private static final long BOUND_SECONDS = 10;

    @Test
    void interruptingTheLoopThreadWhileItWaitsEndsRunForever() throws InterruptedException {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            // A far timer: without the interrupt the loop would wait an hour.
            TimerHandle far = loop.callLater(Duration.ofHours(1), () -> { });
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = Thread.ofPlatform().name("interrupted-loop").start(() -> {
                try {
                    loop.runForever();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            assertTrue(running.await(BOUND_SECONDS, TimeUnit.SECONDS));
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
            assertFalse(t.isAlive(), "the loop kept running after its thread was interrupted");
            assertInstanceOf(LoopInterruptedException.class, thrown.get());
            assertTrue(thrown.get().getMessage().contains("interrupted-loop"), thrown.get().getMessage());
            assertFalse(loop.isRunning());
            assertFalse(loop.isClosed(), "an interrupt stops the loop, it does not close it");
            far.cancel();
        }
    }

    @Test
    void aLoopStartedOnAnInterruptedThreadThrowsAtItsFirstWaitAndClearsTheStatus() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            TimerHandle far = loop.callLater(Duration.ofHours(1), () -> { });
            Thread.currentThread().interrupt();
            assertThrows(LoopInterruptedException.class, loop::runForever);
            assertFalse(Thread.currentThread().isInterrupted(), "the loop consumes the interrupt it reports");
            // Still usable: work that needs no waiting runs to completion.
            far.cancel();
            int[] ran = {0};
            loop.callSoon(() -> ran[0]++);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, ran[0]);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void readyCallbacksStillRunWhenTheThreadIsInterruptedBecauseTheyNeedNoWait() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            int[] ran = {0};
            loop.callSoon(() -> ran[0]++);
            loop.callSoon(loop::stop);
            Thread.currentThread().interrupt();
            loop.runForever();
            assertEquals(1, ran[0]);
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller when the loop never waited");
        }
    }
}
