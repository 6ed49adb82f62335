package io.jasyncio.file;

import static io.jasyncio.file.FileTestSupport.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.AsyncIterables;
import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsyncFile#chunks} and {@link AsyncFile#lines}: iterables whose steps suspend. */
class AsyncFileIterationTest {
    @TempDir
    Path dir;

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aFileOfThreeTimesTheChunkSizeIsThreeFullChunks(LoopHarness h) throws Exception {
        int chunk = 64 * 1024;
        byte[] data = pattern(3 * chunk);
        Path p = Files.write(dir.resolve("three"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                List<byte[]> chunks = new ArrayList<>();
                for (byte[] c : f.chunks(chunk)) {
                    chunks.add(c);
                }
                assertEquals(3, chunks.size());
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(Arrays.copyOfRange(data, i * chunk, (i + 1) * chunk), chunks.get(i));
                }
                assertEquals(data.length, f.position());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void theLastChunkIsShorterAndIterationStartsAtThePosition(LoopHarness h) throws Exception {
        byte[] data = pattern(10_000);
        Path p = Files.write(dir.resolve("odd"), data);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                f.position(1000);
                Iterator<byte[]> it = f.chunks(4096).iterator();
                assertArrayEquals(Arrays.copyOfRange(data, 1000, 5096), it.next());
                assertArrayEquals(Arrays.copyOfRange(data, 5096, 9192), it.next());
                assertEquals(9192, f.position(), "the position follows the chunks handed out");
                assertArrayEquals(Arrays.copyOfRange(data, 9192, 10_000), it.next());
                assertFalse(it.hasNext());
                assertThrows(NoSuchElementException.class, it::next);
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void anEmptyFileHasNoChunksAndNoLines(LoopHarness h) throws Exception {
        Path p = Files.createFile(dir.resolve("empty"));
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertFalse(f.chunks(10).iterator().hasNext());
                assertFalse(f.lines().iterator().hasNext());
                assertThrows(IllegalArgumentException.class, () -> f.chunks(0));
                assertThrows(NullPointerException.class, () -> f.lines(null));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void chunksWorkWithTheAsyncIterableHelpers(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("helpers"), pattern(1000));
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                List<Integer> sizes = new ArrayList<>();
                for (int n : AsyncIterables.take(AsyncIterables.map(f.chunks(300), c -> c.length), 3)) {
                    sizes.add(n);
                }
                assertEquals(List.of(300, 300, 300), sizes);
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void linesSplitAtLfCrLfAndCrAndKeepALastLineWithoutTerminator(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("mixed"), "one\r\ntwo\nthree\rfour\n\nsix\r\n\r\nlast");
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertEquals(List.of("one", "two", "three", "four", "", "six", "", "last"), collect(f.lines()));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aFinalTerminatorAddsNoEmptyLineAndALoneCrAtTheEndEndsALine(LoopHarness h) throws Exception {
        Path lf = Files.writeString(dir.resolve("lf"), "a\nb\n");
        Path cr = Files.writeString(dir.resolve("cr"), "a\r");
        Path only = Files.writeString(dir.resolve("only"), "\n");
        h.runBounded(() -> {
            try (AsyncFile a = AsyncFile.open(lf); AsyncFile b = AsyncFile.open(cr); AsyncFile c = AsyncFile.open(only)) {
                assertEquals(List.of("a", "b"), collect(a.lines()));
                assertEquals(List.of("a"), collect(b.lines()));
                assertEquals(List.of(""), collect(c.lines()));
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void linesAcrossChunkBoundariesKeepCrLfAndMultiByteCharactersWhole(LoopHarness h) throws Exception {
        // Lines of varying length so that "\r\n" pairs and 3-byte characters straddle the 64 KiB reads.
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3 * AsyncFile.LINE_CHUNK; i++) {
            String line = "line " + i + " " + "€".repeat(i % 13) + "x".repeat(i % 29);
            expected.add(line);
            text.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Path p = Files.writeString(dir.resolve("long"), text);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertEquals(expected, collect(f.lines(StandardCharsets.UTF_8)));
                assertEquals(Files.size(p), f.position());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void malformedInputFailsTheIteration(LoopHarness h) throws Exception {
        Path p = Files.write(dir.resolve("bad"), new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                Iterator<String> it = f.lines().iterator();
                assertEquals("ok", it.next());
                UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);
                assertInstanceOf(MalformedInputException.class, e.getCause());
            }
        });
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void linesDecodeOtherCharsets(LoopHarness h) throws Exception {
        Path p = Files.writeString(dir.resolve("utf16"), "größe\nzwei", StandardCharsets.UTF_16LE);
        h.runBounded(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                assertEquals(List.of("größe", "zwei"), collect(f.lines(StandardCharsets.UTF_16LE)));
            }
        });
    }

    private static <T> List<T> collect(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        for (T t : items) {
            out.add(t);
        }
        return out;
    }
}
