package com.example.loop;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.ContextVar;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.BaseEventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.IoBackend;
import io.jasyncio.loop.LoopStatistics;
import io.jasyncio.loop.VirtualClock;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The loop SPI seen from a package outside jasyncio (issue 8): an {@link IoBackend} and a
 * one-constructor subclass of {@link BaseEventLoop} make a full {@link EventLoop}, with tasks,
 * futures, contexts and "exception never retrieved" reports, as an io_uring module would.
 */
class CustomLoopTest {

    /** A backend with no I/O at all: it only waits for timers and cross-thread wake-ups. */
    private static final class NoIoBackend implements IoBackend {
        private final Semaphore wakeups = new Semaphore(0);

        @Override
        public void poll(long timeoutNanos, Consumer<Runnable> ready) {
            try {
                if (timeoutNanos < 0) {
                    wakeups.acquire();
                } else if (timeoutNanos > 0) {
                    wakeups.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
                }
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void wakeup() {
            wakeups.release();
        }

        @Override
        public boolean hasRegistrations() {
            return false;
        }

        @Override
        public int registrationCount() {
            return 0;
        }

        @Override
        public Runnable setReader(SelectableChannel channel, Runnable callback) {
            throw new UnsupportedOperationException("no I/O on this loop");
        }

        @Override
        public Runnable setWriter(SelectableChannel channel, Runnable callback) {
            throw new UnsupportedOperationException("no I/O on this loop");
        }

        @Override
        public void close() {
        }
    }

    /** The whole of a loop implementation. */
    private static final class NoIoLoop extends BaseEventLoop implements EventLoop {
        NoIoLoop() {
            super(new NoIoBackend(), new VirtualClock());
        }
    }

    @Test
    void aLoopBuiltOnTheSpiRunsTasksTimersAndContexts() {
        ContextVar<String> user = new ContextVar<>("user");
        try (EventLoop loop = new NoIoLoop()) {
            List<String> out = loop.runUntilComplete(() -> {
                user.set("ada");
                Task<String> child = Asyncio.createTask(() -> {
                    Asyncio.sleep(Duration.ofHours(1));
                    return "child of " + user.get();
                });
                String viaThread = Asyncio.toThread(() -> "thread sees " + user.get());
                return List.of(child.await(), viaThread, String.valueOf(loop.time() >= Duration.ofHours(1).toNanos()));
            });
            assertEquals(List.of("child of ada", "thread sees ada", "true"), out);
            assertEquals(new LoopStatistics(0, 0, 0), loop.statistics());
            assertTrue(loop.allTasks().isEmpty());
        }
    }

    @Test
    void closingTheCustomLoopReportsAnExceptionNeverRetrieved() {
        List<ExceptionContext> reports = new ArrayList<>();
        NoIoLoop loop = new NoIoLoop();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        Future<String> kept = loop.createFuture();
        kept.setException(new IllegalStateException("boom"));
        loop.close();
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).message().contains("exception was never retrieved"), reports.get(0).message());
        assertInstanceOf(IllegalStateException.class, reports.get(0).exception());
    }
}
