package io.jasyncio.process;

import static io.jasyncio.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Task;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.StreamReader;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Flow control across a child's pipes: a fast child is held back instead of growing the heap,
 * and a large volume goes through {@code cat} both ways at once without deadlock.
 */
class SubprocessBackpressureTest {
    private static final int LIMIT = 16 * 1024;
    /** The most a reader may hold: it pauses above 2 * limit, and one pipe chunk can be in flight. */
    private static final int MAX_BUFFERED = 2 * LIMIT + PipeReadTransport.CHUNK;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void anEndlessChildIsHeldBackWhileNobodyReads(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess yes = Subprocesses.createSubprocessExec(List.of("yes"),
                    SubprocessOptions.pipes().withStdin(Redirect.DEVNULL).withLimit(LIMIT));
            StreamReader out = yes.stdout();
            while (out.buffered() <= 2 * LIMIT) {
                sleep(Duration.ofMillis(5));
            }
            sleep(Duration.ofMillis(300));
            assertTrue(out.buffered() <= MAX_BUFFERED, "buffered " + out.buffered());
            assertEquals("y\n", new String(out.readLine()));
            yes.kill();
            Task<Integer> waiting = createTask(yes::waitFor);
            while (yes.returncode() == null) {
                sleep(Duration.ofMillis(5));
            }
            sleep(Duration.ofMillis(100));
            assertFalse(waiting.isDone(), "waitFor also waits for the unread output to reach its end (asyncio's deadlock)");
            out.read();
            assertEquals(128 + 9, waiting.await());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void sixtyFourMebibytesGoThroughCatBothWaysAtOnce(LoopHarness h) {
        int total = 64 * 1024 * 1024;
        h.runBounded(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes().withLimit(LIMIT));
            CRC32 sentCrc = new CRC32();
            Task<Void> writer = createTask(() -> {
                byte[] chunk = new byte[48 * 1024 + 7];
                long x = 1;
                for (int sent = 0; sent < total; ) {
                    int n = Math.min(chunk.length, total - sent);
                    for (int i = 0; i < n; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                        chunk[i] = (byte) (x >>> 56);
                    }
                    sentCrc.update(chunk, 0, n);
                    cat.stdin().write(java.nio.ByteBuffer.wrap(chunk, 0, n));
                    cat.stdin().drain();
                    assertTrue(cat.stdin().transport().getWriteBufferSize()
                            <= cat.stdin().transport().getWriteBufferHighWater(), "drain bounds the stdin queue");
                    sent += n;
                }
                cat.stdin().close();
            });
            CRC32 gotCrc = new CRC32();
            long got = 0;
            int maxBuffered = 0;
            while (true) {
                maxBuffered = Math.max(maxBuffered, cat.stdout().buffered());
                byte[] b = cat.stdout().read(LIMIT);
                if (b.length == 0) {
                    break;
                }
                gotCrc.update(b);
                got += b.length;
            }
            writer.await();
            assertEquals(0, cat.waitFor());
            assertEquals(total, got);
            assertEquals(sentCrc.getValue(), gotCrc.getValue());
            assertTrue(maxBuffered <= MAX_BUFFERED, "buffered " + maxBuffered);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void drainHoldsBackAWriterWhoseChildDoesNotReadUntilTheChildDies(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess sleeper = Subprocesses.createSubprocessExec(List.of("sleep", "30"),
                    SubprocessOptions.pipes().withStdout(Redirect.DEVNULL).withStderr(Redirect.DEVNULL));
            sleeper.stdin().write(new byte[4 * 1024 * 1024]);
            Task<Void> drain = createTask(sleeper.stdin()::drain);
            sleep(Duration.ofMillis(200));
            assertFalse(drain.isDone(), "the pipe is full and the child does not read");
            assertTrue(sleeper.stdin().transport().getWriteBufferSize()
                    > sleeper.stdin().transport().getWriteBufferHighWater());
            sleeper.kill();
            try {
                drain.await();
            } catch (java.util.concurrent.CompletionException e) {
                assertInstanceOf(java.io.IOException.class, e.getCause(), "a broken pipe, if anything");
            }
            assertEquals(128 + 9, sleeper.waitFor());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void manyChildrenAtOnceEachEchoTheirOwnInput(LoopHarness h) {
        h.runBounded(() -> {
            List<Task<String>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String input = ("child " + i + "\n").repeat(1000);
                runs.add(createTask(() -> {
                    Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
                    return new String(cat.communicate(input.getBytes()).stdout());
                }));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(("child " + i + "\n").repeat(1000), runs.get(i).await());
            }
        });
    }

    /** Regression (review of 2026-12-02): abort() waited for a write blocked on a child that never reads. */
    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void abortOfStdinBlockedOnAChildThatDoesNotReadLosesTheConnectionAtOnce(LoopHarness h) {
        h.runBounded(() -> {
            Subprocess sleeper = Subprocesses.createSubprocessExec(List.of("sleep", "30"),
                    SubprocessOptions.pipes().withStdout(Redirect.DEVNULL).withStderr(Redirect.DEVNULL));
            try {
                sleeper.stdin().write(new byte[1 << 20]);   // the pipe takes 64 KiB; the pump blocks
                sleep(Duration.ofMillis(200));
                sleeper.stdin().transport().abort();
                // Bounded well below the child's 30 s: before the fix this waited for the child.
                timeout(Duration.ofSeconds(5), (io.jasyncio.VoidBody<Exception>) () -> sleeper.stdin().waitClosed());
                assertEquals(0, sleeper.stdin().transport().getWriteBufferSize());
            } finally {
                sleeper.kill();
                sleeper.waitFor();
            }
        });
    }
}
