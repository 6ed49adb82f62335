package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.uring.UringOptions.TaskRun;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The task-run modes: which flags each sets up, the fallback, the one-thread rule, and that completions are seen. */
class UringTaskRunTest {
    private static final int MODE_FLAGS = Uring.IORING_SETUP_COOP_TASKRUN | Uring.IORING_SETUP_TASKRUN_FLAG
            | Uring.IORING_SETUP_SINGLE_ISSUER | Uring.IORING_SETUP_DEFER_TASKRUN | Uring.IORING_SETUP_R_DISABLED;

    @Test
    void eachModeSetsUpItsFlagsOnThisKernel() {
        for (TaskRun mode : TaskRun.values()) {
            try (UringBackend backend = new UringBackend(new UringOptions(8, false, 0, mode))) {
                assertEquals(mode.setupFlags(), backend.ring().setupFlags() & MODE_FLAGS, mode.name());
            }
        }
    }

    @Test
    void deferWithSqpollFallsBackSilentlyToTheInterruptingMode() {
        // The kernel refuses COOP and DEFER with SQPOLL (EINVAL: its thread takes no IPIs anyway):
        // each mode down is tried in turn, without noise.
        try (UringBackend backend = new UringBackend(new UringOptions(8, true, 10, TaskRun.DEFER))) {
            int flags = backend.ring().setupFlags();
            assertEquals(TaskRun.DEFAULT_TASKRUN.setupFlags(), flags & MODE_FLAGS);
            assertNotEquals(0, flags & Uring.IORING_SETUP_SQPOLL);
        }
    }

    @Test
    void thePropertyNamesTheModeAndDeferIsTheDefault() {
        String old = System.getProperty("jasyncio.uring.taskrun");
        try {
            System.clearProperty("jasyncio.uring.taskrun");
            assertEquals(TaskRun.DEFER, TaskRun.fromProperty());
            System.setProperty("jasyncio.uring.taskrun", "coop");
            assertEquals(TaskRun.COOP, TaskRun.fromProperty());
            System.setProperty("jasyncio.uring.taskrun", "default");
            assertEquals(TaskRun.DEFAULT_TASKRUN, TaskRun.fromProperty());
            System.setProperty("jasyncio.uring.taskrun", "eager");
            assertThrows(IllegalArgumentException.class, TaskRun::fromProperty);
        } finally {
            if (old == null) {
                System.clearProperty("jasyncio.uring.taskrun");
            } else {
                System.setProperty("jasyncio.uring.taskrun", old);
            }
        }
    }

    @Test
    void aBoundLoopRunsOnTheThreadThatFirstRanItAndRefusesAnother() throws Exception {
        for (TaskRun mode : new TaskRun[] {TaskRun.COOP, TaskRun.DEFER}) {
            UringEventLoop loop = new UringEventLoop(UringOptions.DEFAULT.withTaskRun(mode));
            try {
                AtomicReference<Object> first = new AtomicReference<>();
                // Created here, first run on another thread: that thread becomes the ring's.
                Thread t = Thread.ofPlatform().start(() -> first.set(loop.runUntilComplete(() -> {
                    Asyncio.sleep(Duration.ofMillis(1));
                    return "ran";
                })));
                t.join();
                assertEquals("ran", first.get(), mode.name());
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
                    Asyncio.sleep(Duration.ofMillis(1)); // a poll that waits: it enters the ring
                    return null;
                }), mode.name());
                assertTrue(e.getMessage().contains("DEFAULT_TASKRUN"), e.getMessage());
            } finally {
                loop.close(); // from a thread that may not enter: must not hang or throw
            }
        }
    }

    @Test
    void aBoundLoopRefusesAVirtualThread() throws Exception {
        UringEventLoop loop = new UringEventLoop(UringOptions.DEFAULT.withTaskRun(TaskRun.DEFER));
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try {
                    loop.runUntilComplete(() -> {
                        Asyncio.sleep(Duration.ofMillis(1));
                        return null;
                    });
                } catch (Throwable e) {
                    failure.set(e);
                }
            }).join();
            assertInstanceOf(IllegalStateException.class, failure.get());
            assertTrue(failure.get().getMessage().contains("virtual"), failure.get().getMessage());
        } finally {
            loop.close();
        }
    }

    @Test
    void zeroTimeoutPollsSeeCompletionsInEveryMode() throws Exception {
        // With DEFER_TASKRUN the CQ stays empty until the loop thread enters with GETEVENTS:
        // a poll that skipped the enter because nothing was to be submitted would never see it.
        for (TaskRun mode : TaskRun.values()) {
            try (UringEventLoop loop = new UringEventLoop(UringOptions.DEFAULT.withTaskRun(mode))) {
                Pipe p = Pipe.open();
                try {
                    p.source().configureBlocking(false);
                    int[] fired = new int[1];
                    loop.addReader(p.source(), () -> {
                        fired[0]++;
                        loop.removeReader(p.source());
                    });
                    loop.callSoon(loop::stop);
                    loop.runForever(); // arms the poll
                    p.sink().write(ByteBuffer.wrap(new byte[] {1}));
                    for (int i = 0; i < 2000 && fired[0] == 0; i++) {
                        loop.callSoon(loop::stop); // a ready callback: the poll does not wait
                        loop.runForever();
                        Thread.sleep(1);
                    }
                    assertEquals(1, fired[0], mode.name());
                } finally {
                    loop.closeChannel(p.source());
                    p.sink().close();
                }
            }
        }
    }
}
