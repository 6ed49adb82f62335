package io.jasyncio.file;

import static io.jasyncio.file.FileTestSupport.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.LoopKind;
import io.jasyncio.Task;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** Many tasks on one file, and cancellation while an operation waits. */
class AsyncFileConcurrencyTest {
    /** How long a test gives a worker or the kernel to finish an operation nobody waits for. */
    static final Duration SETTLE = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void manyTasksReadAtPositionsAtOnce(LoopHarness h) throws Exception {
        int part = 100_000;
        byte[] data = pattern(16 * part);
        Path p = Files.write(dir.resolve("shared"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                List<Integer> parts = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    parts.add(i);
                }
                List<byte[]> got = Asyncio.mapConcurrently(parts, 16, i -> {
                    ByteBuffer b = ByteBuffer.allocate(part);
                    while (b.hasRemaining() && f.read(b, (long) i * part + b.position()) > 0) {
                        // read on until the part is full
                    }
                    return b.array();
                });
                for (int i = 0; i < 16; i++) {
                    assertArrayEquals(Arrays.copyOfRange(data, i * part, (i + 1) * part), got.get(i));
                }
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aSecondSequentialOperationWhileOneWaitsIsRefused(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("seq"), pattern(1 << 20));
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                Task<Integer> first = Asyncio.createTask(() -> f.read(ByteBuffer.allocate(1 << 20)));
                Asyncio.sleep(Duration.ZERO);
                assertFalse(first.isDone(), "the first read waits for its worker or the kernel");
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.read(ByteBuffer.allocate(1)));
                assertTrue(e.getMessage().contains("read()"), e.getMessage());
                assertThrows(IllegalStateException.class, () -> f.position(0));
                assertThrows(IllegalStateException.class, () -> f.chunks(10).iterator().hasNext());
                // Positional reads are not sequential: they may run meanwhile.
                assertEquals(1, f.read(ByteBuffer.allocate(1), 0));
                assertEquals(1 << 20, first.await());
                assertEquals(1 << 20, f.position());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aCancelledReadConsumesNothingAndNeverTouchesTheBufferAfterwards(LoopHarness h) throws Exception {
        byte[] data = pattern(1 << 20);
        Path p = Files.write(dir.resolve("cancel"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                ByteBuffer dst = ByteBuffer.allocate(1 << 20);
                Task<Integer> reading = Asyncio.createTask(() -> f.read(dst));
                Asyncio.sleep(Duration.ZERO);
                assertFalse(reading.isDone());
                reading.cancel();
                assertThrows(CancelledError.class, reading::await);
                Asyncio.sleep(SETTLE);
                assertEquals(0, dst.position(), "the cancelled read moved the caller's buffer");
                assertTrue(Arrays.equals(new byte[1 << 20], dst.array()), "the cancelled read wrote into the caller's buffer");
                assertEquals(0, f.position(), "a cancelled read consumes nothing");
                assertArrayEquals(data, f.readAll(), "the file is usable after the cancellation");
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aCancelledChunkIsReadAgainByTheNextStep(LoopHarness h) throws Exception {
        byte[] data = pattern(3 << 20);
        Path p = Files.write(dir.resolve("chunks"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                var it = f.chunks(1 << 20).iterator();
                assertArrayEquals(Arrays.copyOfRange(data, 0, 1 << 20), it.next());
                Task<byte[]> step = Asyncio.createTask(it::next);
                Asyncio.sleep(Duration.ZERO);
                step.cancel();
                assertThrows(CancelledError.class, step::await);
                assertEquals(1 << 20, f.position());
                assertArrayEquals(Arrays.copyOfRange(data, 1 << 20, 2 << 20), it.next());
                assertArrayEquals(Arrays.copyOfRange(data, 2 << 20, 3 << 20), it.next());
                assertFalse(it.hasNext());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void cancellingAnOpenThatWaitsClosesTheFileItOpensLater(LoopHarness h) throws Exception {
        // Opening a FIFO to read waits for a writer on a thread: an open still in progress when cancelled.
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        CompletableFuture<Void> writerDone = new CompletableFuture<>();
        boolean waited = h.runBounded(() -> {
            Task<AsyncFile> opening = Asyncio.createTask(() -> AsyncFile.open(fifo));
            Asyncio.sleep(SETTLE);
            if (opening.isDone()) {
                opening.result().close();
                return false;
            }
            opening.cancel();
            assertThrows(CancelledError.class, opening::await);
            // Read and write at once never waits, and lets a waiting reader's open finish.
            Thread.ofPlatform().start(() -> {
                try (FileChannel both = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    Thread.sleep(SETTLE.toMillis());
                    writerDone.complete(null);
                } catch (Exception e) {
                    writerDone.completeExceptionally(e);
                }
            });
            Asyncio.await(writerDone);
            Asyncio.sleep(SETTLE);
            return true;
        });
        assumeTrue(waited, "this backend opens a FIFO without waiting for a writer (io_uring tries O_NONBLOCK first)");
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void cancellingOpensRightAfterTheyStartLeaksNoDescriptor(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("opened"), pattern(10));
        h.runBounded(() -> {
            for (int i = 0; i < 20; i++) {
                Task<AsyncFile> opening = Asyncio.createTask(() -> AsyncFile.open(p));
                // Yield i times first, so the cancel lands at every stage of the open.
                for (int k = 0; k < i; k++) {
                    Asyncio.sleep(Duration.ZERO);
                }
                if (opening.cancel()) {
                    assertThrows(CancelledError.class, opening::await);
                } else {
                    opening.await().close();
                }
            }
            Asyncio.sleep(SETTLE);
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void closingAFileTwiceFromTwoTasksClosesItOnce(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("twice"), pattern(10));
        h.runBounded(() -> {
            AsyncFile f = AsyncFile.open(p);
            Asyncio.gather(() -> {
                f.close();
                return null;
            }, () -> {
                f.close();
                return null;
            });
            assertFalse(f.isOpen());
        });
    }
}
