package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FilesDemo}: the hashes are right, the bound on open files holds, progress is shown. */
class FilesDemoTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) files, [\\d.]+ MiB in [\\d.]+ seconds \\([\\d.]+ MiB/s\\); at most (\\d+) open at once; file backend: (\\w+)");

    @TempDir
    Path dir;

    @Test
    void hashesEveryFileUnderTheDirectoryAsMessageDigestDoes() throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(Files.createFile(dir.resolve("empty")));
        files.add(Files.write(dir.resolve("three-chunks"), bytes(3 * FilesDemo.CHUNK, 1)));
        Files.createDirectories(dir.resolve("a/b"));
        for (int i = 0; i < 12; i++) {
            files.add(Files.write(dir.resolve(i % 2 == 0 ? "a" : "a/b").resolve("f" + i), bytes(i * 40_001, i)));
        }
        Console.Output run = Console.run(FilesDemo::main, "--concurrency", "3", dir.toString());
        List<String> lines = run.lines();
        assertEquals("hashing 14 files with at most 3 open", lines.getFirst());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("progress 14/14 files (100%)")), String.join("\n", lines));
        for (Path f : files) {
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
            assertTrue(lines.contains(expected + "  " + dir.relativize(f)), "no line for " + f + " in\n" + String.join("\n", lines));
        }
        Matcher m = SUMMARY.matcher(lines.getLast());
        assertTrue(m.matches(), lines.getLast());
        assertEquals("14", m.group(1));
        int maxOpen = Integer.parseInt(m.group(2));
        assertTrue(maxOpen >= 1 && maxOpen <= 3, "at most 3 open, saw " + maxOpen);
    }

    @Test
    void withoutADirectoryItHashesSampleFilesAndCleansUp() throws Exception {
        Console.Output run = Console.run(FilesDemo::main);
        List<String> lines = run.lines();
        Matcher first = Pattern.compile("no directory given: hashing 60 sample files in (.+)").matcher(lines.getFirst());
        assertTrue(first.matches(), lines.getFirst());
        assertFalse(Files.exists(Path.of(first.group(1))), "the sample directory is deleted");
        Matcher m = SUMMARY.matcher(lines.getLast());
        assertTrue(m.matches(), lines.getLast());
        assertEquals("60", m.group(1));
        assertEquals(10, lines.stream().filter(l -> l.startsWith("progress ")).count());
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed + (i >>> 10));
        }
        return b;
    }
}
