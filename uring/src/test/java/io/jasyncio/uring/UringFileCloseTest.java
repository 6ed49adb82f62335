package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.Task;
import io.jasyncio.file.FileHandle;
import io.jasyncio.testing.FileDescriptors;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a ring file while one of its reads waits in the kernel: the read is cancelled and ends
 * with AsynchronousCloseException, and the descriptor is closed only after the read's CQE. A
 * FIFO gives a read that really waits; AsyncFile never reads at -1 (its reads are positional),
 * so the test drives the handle.
 */
class UringFileCloseTest {
    /** Long enough for a poll to submit the read. */
    private static final Duration SUBMITTED = Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Test
    void closingEndsAWaitingReadWithAsynchronousCloseAndThenClosesTheDescriptor() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        FileDescriptors before = FileDescriptors.snapshot();
        try (UringEventLoop loop = new UringEventLoop()) {
            loop.runUntilComplete(() -> {
                FileHandle h = new UringFileBackend(loop.backend(), loop).open(fifo, Set.<OpenOption>of(StandardOpenOption.READ));
                // A writer that stays open, so the read waits for data instead of seeing the end.
                try (FileChannel writer = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
                    Task<Integer> reading = Asyncio.createTask(() -> h.read(ByteBuffer.allocate(8), -1));
                    Asyncio.sleep(SUBMITTED);
                    assertFalse(reading.isDone(), "the read waits for data");
                    h.close();
                    assertTrue(reading.isDone(), "close returns after the read ended");
                    CompletionException e = assertThrows(CompletionException.class, reading::result);
                    assertInstanceOf(AsynchronousCloseException.class, e.getCause());
                    assertEquals(0, loop.backend().registrationCount(), "nothing left in flight");
                }
                return null;
            });
        }
        before.assertNoLeak();
    }
}
