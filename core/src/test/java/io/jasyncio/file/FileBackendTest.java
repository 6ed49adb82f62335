package io.jasyncio.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;

/** The file SPI: a provider's backend serves the loops it claims; the property forces threads. */
class FileBackendTest {
    @TempDir
    Path dir;

    @LoopTest(loops = LoopKind.SELECTOR)
    void aProviderThatClaimsTheLoopDoesEveryOperationWithNormalisedOptions(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "hello");
        List<String> log = RecordingBackendProvider.claim(h.loop());
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p, StandardOpenOption.APPEND, StandardOpenOption.CREATE)) {
                assertEquals("recording", f.backend());
                f.writeAll("!".getBytes());
                f.force(false);
                f.truncate(3);
            }
            try (AsyncFile f = AsyncFile.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.DELETE_ON_CLOSE)) {
                f.read(ByteBuffer.allocate(4), 2);
            }
        });
        assertEquals(List.of("open f [APPEND, CREATE, WRITE]", "write -1", "force false", "size", "truncate 3", "close",
                "open f [READ]", "read 2", "close"), log);
        assertFalse(Files.exists(p), "DELETE_ON_CLOSE is done by AsyncFile, not passed on");
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void readAllOfASmallFileIsOneReadWithoutSizeOrEndProbe(LoopHarness h) throws Exception {
        Path small = Files.writeString(dir.resolve("s"), "x".repeat(4096));
        byte[] big = new byte[AsyncFile.FIRST_READ * 3 + 5];
        new Random(7).nextBytes(big);
        Path large = Files.write(dir.resolve("l"), big);
        List<String> log = RecordingBackendProvider.claim(h.loop());
        h.runBounded(() -> {
            assertEquals(4096, AsyncFiles.readAllBytes(small).length);
            assertArrayEquals(big, AsyncFiles.readAllBytes(large));
        });
        assertEquals(List.of("open s [READ]", "read 0", "close",
                "open l [READ]", "read 0", "size", "read " + AsyncFile.FIRST_READ, "read " + big.length, "close"), log);
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void thePropertyForcesTheThreadBackendAndRejectsUnknownNames(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        RecordingBackendProvider.claim(h.loop());
        String before = System.getProperty(FileBackends.PROPERTY);
        try {
            h.runBounded(() -> {
                System.setProperty(FileBackends.PROPERTY, "threads");
                try (AsyncFile f = AsyncFile.open(p)) {
                    assertEquals("threads", f.backend());
                }
                System.setProperty(FileBackends.PROPERTY, "auto");
                try (AsyncFile f = AsyncFile.open(p)) {
                    assertEquals("recording", f.backend());
                }
                System.setProperty(FileBackends.PROPERTY, "bogus");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsyncFile.open(p));
                assertEquals("-Djasyncio.files=bogus names no file backend; known: auto, threads", e.getMessage());
            });
        } finally {
            if (before == null) {
                System.clearProperty(FileBackends.PROPERTY);
            } else {
                System.setProperty(FileBackends.PROPERTY, before);
            }
        }
    }
}
