package io.jasyncio.file;

import static io.jasyncio.file.FileTestSupport.expectedBackend;
import static io.jasyncio.file.FileTestSupport.pattern;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsyncFile}: opening, sequential and positional I/O, size, truncate, force, close. */
class AsyncFileTest {
    @TempDir
    Path dir;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void openingAMissingFileThrowsNoSuchFileException(LoopHarness h) {
        Path missing = dir.resolve("missing");
        h.runBounded(() -> {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AsyncFile.open(missing));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void createNewOnAnExistingFileThrowsFileAlreadyExists(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("there"), "x");
        h.runBounded(() -> {
            assertThrows(FileAlreadyExistsException.class, () -> AsyncFile.open(p, WRITE, CREATE_NEW));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void optionsFileChannelRefusesAreRefused(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        h.runBounded(() -> {
            assertThrows(IllegalArgumentException.class, () -> AsyncFile.open(p, READ, APPEND));
            assertThrows(IllegalArgumentException.class, () -> AsyncFile.open(p, APPEND, TRUNCATE_EXISTING));
            OpenOption odd = new OpenOption() {
            };
            assertThrows(UnsupportedOperationException.class, () -> AsyncFile.open(p, odd));
            assertThrows(NullPointerException.class, () -> AsyncFile.open(null));
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void openingOutsideATaskIsRefused(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        assertThrows(IllegalStateException.class, () -> AsyncFile.open(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void sequentialWritesThenReadsRoundTripAndMoveThePosition(LoopHarness h) {
        Path p = dir.resolve("seq");
        byte[] data = pattern(300_000);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, READ, WRITE, CREATE_NEW)) {
                assertEquals(expectedBackend(h), f.backend());
                assertEquals(100_000, f.write(ByteBuffer.wrap(data, 0, 100_000)));
                f.writeAll(Arrays.copyOfRange(data, 100_000, data.length));
                assertEquals(data.length, f.position());
                assertEquals(data.length, f.size());
                f.position(0);
                ByteBuffer got = ByteBuffer.allocate(data.length + 10);
                while (f.read(got) >= 0) {
                    assertTrue(f.position() <= data.length);
                }
                assertEquals(data.length, got.position());
                assertArrayEquals(data, Arrays.copyOf(got.array(), data.length));
                assertEquals(-1, f.read(ByteBuffer.allocate(1)), "at the end");
                assertEquals(0, f.read(ByteBuffer.allocate(0)), "no room");
            }
        });
        assertArrayEquals(data, readBack(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void anEmptyFileReadsAsTheEndAtOnce(LoopHarness h) throws Exception {
        Path p = Files.createFile(dir.resolve("empty"));
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertEquals(0, f.size());
                assertEquals(-1, f.read(ByteBuffer.allocate(16)));
                assertEquals(-1, f.read(ByteBuffer.allocate(16), 0));
                assertEquals(0, f.readAll().length);
                assertEquals(0, f.position());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void positionalReadsLeaveThePositionAndPastTheEndReturnMinusOne(LoopHarness h) throws Exception {
        byte[] data = pattern(10_000);
        Path p = Files.write(dir.resolve("pos"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                ByteBuffer b = ByteBuffer.allocate(100);
                assertEquals(100, f.read(b, 5000));
                assertArrayEquals(Arrays.copyOfRange(data, 5000, 5100), b.array());
                assertEquals(0, f.position());
                ByteBuffer tail = ByteBuffer.allocate(100);
                assertEquals(10, f.read(tail, 9990), "a short read near the end");
                assertEquals(-1, f.read(ByteBuffer.allocate(10), 10_000));
                assertEquals(-1, f.read(ByteBuffer.allocate(10), 1L << 40));
                assertThrows(IllegalArgumentException.class, () -> f.read(ByteBuffer.allocate(1), -1));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aPositionalWritePastTheEndLeavesAGapOfZerosAndThePositionAlone(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("gap"), new byte[] {1, 2, 3});
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, READ, WRITE)) {
                assertEquals(2, f.write(ByteBuffer.wrap(new byte[] {9, 9}), 10));
                assertEquals(0, f.position());
                assertEquals(12, f.size());
                assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 9, 9}, f.readAll());
                assertEquals(12, f.position());
                assertThrows(IllegalArgumentException.class, () -> f.write(ByteBuffer.allocate(1), -1));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aDirectBufferAndABufferWithAnOffsetWork(LoopHarness h) throws Exception {
        byte[] data = pattern(5000);
        Path p = Files.write(dir.resolve("direct"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, READ, WRITE)) {
                ByteBuffer direct = ByteBuffer.allocateDirect(1000);
                direct.position(10).limit(110);
                assertEquals(100, f.read(direct, 200));
                assertEquals(110, direct.position());
                for (int i = 0; i < 100; i++) {
                    assertEquals(data[200 + i], direct.get(10 + i));
                }
                ByteBuffer slice = ByteBuffer.wrap(new byte[] {7, 7, 7, 7, 7}, 1, 3);
                assertEquals(3, f.write(slice, 0));
                assertFalse(slice.hasRemaining());
                ByteBuffer check = ByteBuffer.allocate(4);
                f.read(check, 0);
                assertArrayEquals(new byte[] {7, 7, 7, data[3]}, check.array());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aReadLargerThanOneMebibyteMayBeShortButReadAllGetsEverything(LoopHarness h) throws Exception {
        byte[] data = pattern(3 << 20);
        Path p = Files.write(dir.resolve("big"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                ByteBuffer b = ByteBuffer.allocate(data.length);
                int n = f.read(b);
                assertTrue(n > 0 && n <= data.length, "read " + n);
                assertEquals(n, f.position());
                f.position(7);
                assertArrayEquals(Arrays.copyOfRange(data, 7, data.length), f.readAll());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void readAllAroundTheFirstReadsSizeGetsEveryByteAndMovesThePosition(LoopHarness h) throws Exception {
        int first = AsyncFile.FIRST_READ;
        h.runBounded(() -> {
            for (int size : new int[] {0, 1, first - 1, first, first + 1, 2 * first}) {
                byte[] data = pattern(size);
                Path p = Files.write(dir.resolve("s" + size), data);
                try (AsyncFile f = AsyncFile.open(p)) {
                    assertArrayEquals(data, f.readAll(), "size " + size);
                    assertEquals(size, f.position());
                    assertEquals(0, f.readAll().length, "nothing is left after the end");
                    f.position(size / 2);
                    assertArrayEquals(Arrays.copyOfRange(data, size / 2, size), f.readAll(), "from the middle, size " + size);
                }
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void appendWritesGoToTheEnd(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("log"), "one\n");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, APPEND)) {
                f.writeAll("two\n".getBytes());
                f.write(ByteBuffer.wrap("three\n".getBytes()));
                assertEquals(14, f.size());
            }
        });
        assertEquals("one\ntwo\nthree\n", Files.readString(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void createAndTruncateExistingReplaceTheContent(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("old"), "a long old content");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, WRITE, CREATE, TRUNCATE_EXISTING)) {
                assertEquals(0, f.size());
                f.writeAll("new".getBytes());
            }
        });
        assertEquals("new", Files.readString(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void truncateCutsTheFileAndPullsThePositionBack(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("trunc"), pattern(1000));
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, READ, WRITE)) {
                f.position(900);
                f.truncate(2000);
                assertEquals(1000, f.size(), "a longer size leaves the file alone");
                assertEquals(900, f.position());
                f.truncate(500);
                assertEquals(500, f.size());
                assertEquals(500, f.position());
                f.truncate(0);
                assertEquals(0, f.size());
                assertThrows(IllegalArgumentException.class, () -> f.truncate(-1));
            }
        });
        assertEquals(0, Files.size(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void forceWithAndWithoutMetadataSucceeds(LoopHarness h) {
        Path p = dir.resolve("forced");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, WRITE, CREATE)) {
                f.writeAll(pattern(4096));
                f.force(false);
                f.force(true);
            }
        });
        assertArrayEquals(pattern(4096), readBack(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void readingAWriteOnlyFileAndWritingAReadOnlyOneAreRefused(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        h.runBounded(() -> {
            try (AsyncFile w = AsyncFile.open(p, WRITE)) {
                assertThrows(NonReadableChannelException.class, () -> w.read(ByteBuffer.allocate(1)));
                assertThrows(NonReadableChannelException.class, () -> w.read(ByteBuffer.allocate(1), 0));
                assertThrows(NonReadableChannelException.class, w::readAll);
            }
            try (AsyncFile r = AsyncFile.open(p, READ)) {
                assertThrows(NonWritableChannelException.class, () -> r.write(ByteBuffer.allocate(1)));
                assertThrows(NonWritableChannelException.class, () -> r.write(ByteBuffer.allocate(1), 0));
                assertThrows(NonWritableChannelException.class, () -> r.truncate(0));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aClosedFileRefusesEveryOperationAndClosesOnce(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        h.runBounded(() -> {
            AsyncFile f = AsyncFile.open(p, READ, WRITE);
            assertTrue(f.isOpen());
            f.close();
            assertFalse(f.isOpen());
            f.close();
            assertThrows(ClosedChannelException.class, () -> f.read(ByteBuffer.allocate(1)));
            assertThrows(ClosedChannelException.class, () -> f.read(ByteBuffer.allocate(1), 0));
            assertThrows(ClosedChannelException.class, () -> f.write(ByteBuffer.allocate(1)));
            assertThrows(ClosedChannelException.class, () -> f.write(ByteBuffer.allocate(1), 0));
            assertThrows(ClosedChannelException.class, f::readAll);
            assertThrows(ClosedChannelException.class, f::size);
            assertThrows(ClosedChannelException.class, () -> f.truncate(0));
            assertThrows(ClosedChannelException.class, () -> f.force(true));
            assertThrows(ClosedChannelException.class, () -> f.position(0));
            assertTrue(f.toString().contains("closed"), f.toString());
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void deleteOnCloseDeletesTheFile(LoopHarness h) {
        Path p = dir.resolve("scratch");
        h.runBounded(() -> {
            AsyncFile f = AsyncFile.open(p, WRITE, CREATE_NEW, DELETE_ON_CLOSE);
            f.writeAll(new byte[10]);
            assertTrue(Files.exists(p));
            f.close();
        });
        assertFalse(Files.exists(p));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aFileCreatedWithPermissionAttributesGetsThem(LoopHarness h) throws Exception {
        Path p = dir.resolve("secret");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, java.util.Set.of(WRITE, CREATE_NEW),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                f.writeAll("x".getBytes());
            }
        });
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void theFileKnowsItsPathAndPositionMovesAreChecked(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("named"), "abc");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertEquals(p, f.path());
                assertThrows(IllegalArgumentException.class, () -> f.position(-1));
                assertEquals(f, f.position(2));
                assertTrue(f.toString().contains("named") && f.toString().contains("position=2"), f.toString());
                assertArrayEquals("c".getBytes(), f.readAll());
            }
        });
    }

    private static byte[] readBack(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
