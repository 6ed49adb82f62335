package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.file.AsyncFile;
import io.jasyncio.file.AsyncFiles;
import io.jasyncio.testing.FileDescriptors;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The io_uring file backend beyond core's file suite (which the conformance run repeats on this
 * loop): it is the one the uring loop picks, its flags and modes, its errors match the
 * virtual-thread backend's, and truncate works without IORING_OP_FTRUNCATE.
 */
class UringFileBackendTest {
    @TempDir
    Path dir;

    @Test
    void theUringLoopGivesItsFilesTheRingBackendAndOtherLoopsKeepThreads() throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "hello");
        try (EventLoop loop = new UringEventLoop()) {
            assertEquals("io_uring", loop.runUntilComplete(() -> {
                try (AsyncFile f = AsyncFile.open(p)) {
                    return f.backend();
                }
            }));
        }
        try (EventLoop loop = new SelectorEventLoop()) {
            assertNull(new UringFileBackendProvider().fileBackend(loop));
        }
    }

    @Test
    void thePropertyMakesTheUringLoopUseThreads() throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "hello");
        String before = System.getProperty("jasyncio.files");
        System.setProperty("jasyncio.files", "threads");
        try (EventLoop loop = new UringEventLoop()) {
            assertEquals("threads", loop.runUntilComplete(() -> {
                try (AsyncFile f = AsyncFile.open(p)) {
                    return f.backend();
                }
            }));
        } finally {
            if (before == null) {
                System.clearProperty("jasyncio.files");
            } else {
                System.setProperty("jasyncio.files", before);
            }
        }
    }

    @Test
    void openFlagsAndModesAreTheOnesFileChannelUses() {
        assertEquals(UringFileBackend.O_CLOEXEC, UringFileBackend.flags(Set.of(StandardOpenOption.READ)));
        assertEquals(UringFileBackend.O_CLOEXEC | UringFileBackend.O_RDWR | UringFileBackend.O_CREAT | UringFileBackend.O_EXCL,
                UringFileBackend.flags(Set.<OpenOption>of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.CREATE_NEW)));
        assertEquals(UringFileBackend.O_CLOEXEC | UringFileBackend.O_WRONLY | UringFileBackend.O_APPEND | UringFileBackend.O_DSYNC
                        | UringFileBackend.O_NOFOLLOW,
                UringFileBackend.flags(Set.<OpenOption>of(StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.DSYNC,
                        LinkOption.NOFOLLOW_LINKS)));
        assertEquals(UringFileBackend.O_CLOEXEC | UringFileBackend.O_WRONLY | UringFileBackend.O_TRUNC | UringFileBackend.O_SYNC,
                UringFileBackend.flags(Set.<OpenOption>of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.SYNC, StandardOpenOption.DSYNC)));
        assertEquals(0666, UringFileBackend.mode());
        assertEquals(0640, UringFileBackend.mode(PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"))));
        assertThrows(UnsupportedOperationException.class, () -> UringFileBackend.mode(new java.nio.file.attribute.FileAttribute<String>() {
            @Override
            public String name() {
                return "acl:acl";
            }

            @Override
            public String value() {
                return "";
            }
        }));
    }

    @Test
    void aFileCreatedWithPermissionsGetsThem() throws Exception {
        Path p = dir.resolve("private");
        try (EventLoop loop = new UringEventLoop()) {
            loop.runUntilComplete(() -> {
                try (AsyncFile f = AsyncFile.open(p, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    f.writeAll(new byte[3]);
                }
                return null;
            });
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }

    @Test
    void errorsAreTheSameTypesAndMessagesAsOnTheThreadBackend() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        List<Callable<?>> cases = List.of(
                () -> AsyncFile.open(dir.resolve("missing")),
                () -> AsyncFile.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                () -> AsyncFile.open(sub, StandardOpenOption.WRITE),
                () -> AsyncFile.open(file.resolve("below")),
                () -> AsyncFile.open(link, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                () -> {
                    try (AsyncFile d = AsyncFile.open(sub)) {
                        return d.read(ByteBuffer.allocate(1));
                    }
                });
        List<String> threads = outcomes(new SelectorEventLoop(), cases);
        List<String> ring = outcomes(new UringEventLoop(), cases);
        assertEquals(threads, ring);
        assertTrue(threads.getFirst().startsWith("java.nio.file.NoSuchFileException"), threads.getFirst());
    }

    private static List<String> outcomes(EventLoop loop, List<Callable<?>> cases) {
        List<String> out = new ArrayList<>();
        try (loop) {
            loop.runUntilComplete(() -> {
                for (Callable<?> c : cases) {
                    try {
                        Object r = c.call();
                        out.add("returned " + r);
                        if (r instanceof AsyncFile f) {
                            f.close();
                        }
                    } catch (Exception e) {
                        out.add(e.getClass().getName() + ": " + e.getMessage());
                    }
                }
                return null;
            });
        }
        return out;
    }

    @Test
    void truncateWorksWithoutTheRingOpcode() throws Exception {
        Path p = Files.write(dir.resolve("t"), new byte[1000]);
        FileDescriptors before = FileDescriptors.snapshot();
        UringFileHandle.ftruncateOp = false;
        try (EventLoop loop = new UringEventLoop()) {
            long size = loop.runUntilComplete(() -> {
                try (AsyncFile f = AsyncFile.open(p, StandardOpenOption.WRITE)) {
                    f.truncate(10);
                    return f.size();
                }
            });
            assertEquals(10, size);
        } finally {
            UringFileHandle.ftruncateOp = true;
        }
        assertEquals(10, Files.size(p));
        before.assertNoLeak();
    }

    @Test
    void manySmallFilesReadConcurrentlyOnTheRing() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            files.add(Files.writeString(dir.resolve("small-" + i), "content " + i));
        }
        FileDescriptors before = FileDescriptors.snapshot();
        try (EventLoop loop = new UringEventLoop()) {
            List<String> got = loop.runUntilComplete(() -> io.jasyncio.Asyncio.mapConcurrently(files, 64, AsyncFiles::readString));
            for (int i = 0; i < 200; i++) {
                assertEquals("content " + i, got.get(i));
            }
        }
        before.assertNoLeak();
    }
}
