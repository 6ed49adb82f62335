package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.file.AsyncFile;
import io.jasyncio.file.AsyncFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Hashes every file under a directory with SHA-256, many files at once but at most N open:
 * {@code ./jasyncio examples files [--concurrency N] [DIR]}. Prints progress, then one
 * {@code sha256sum}-style line per file (sorted by path), then a summary. Without DIR it makes a
 * directory of sample files, hashes it and deletes it.
 *
 * <p>The files are read with {@link AsyncFile}, so the loop decides how: on the selector loop
 * each read is a {@code FileChannel} call on a virtual thread; with {@code -Djasyncio.loop=uring}
 * the loop submits io_uring reads itself. The summary names the backend.
 */
public final class FilesDemo {
    /** The default bound on open files. */
    static final int CONCURRENCY = 16;
    /** The read size: each chunk is one read. */
    static final int CHUNK = 64 * 1024;
    /** How many progress lines a run prints at most. */
    static final int PROGRESS_STEPS = 10;

    private FilesDemo() {
    }

    /** One file's outcome. */
    record Hashed(Path path, long bytes, String sha256) {
    }

    /** The run's counters: the loop thread alone touches them, so plain fields do. */
    private static final class Progress {
        final int total;
        int done;
        int open;
        int maxOpen;
        String backend = "none";

        Progress(int total) {
            this.total = total;
        }
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) throws Exception {
        int concurrency = CONCURRENCY;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--concurrency") && i + 1 < args.length) {
                concurrency = Integer.parseInt(args[++i]);
            } else {
                dir = Path.of(args[i]);
            }
        }
        if (dir != null) {
            hashTree(dir, concurrency);
            return;
        }
        Path sample = Files.createTempDirectory("jasyncio-files-demo");
        try {
            System.out.println("no directory given: hashing " + makeSamples(sample) + " sample files in " + sample);
            hashTree(sample, concurrency);
        } finally {
            try (Stream<Path> all = Files.walk(sample)) {
                for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Hashes every regular file under {@code dir}, printing as it goes; returns the outcomes by path. */
    static List<Hashed> hashTree(Path dir, int concurrency) {
        long start = System.nanoTime();
        return run(() -> {
            // Walking the tree blocks on the file system: a worker thread does it.
            List<Path> files = toThread(() -> {
                try (Stream<Path> s = Files.walk(dir)) {
                    return s.filter(Files::isRegularFile).sorted().toList();
                }
            });
            Progress progress = new Progress(files.size());
            System.out.println("hashing " + files.size() + " files with at most " + concurrency + " open");
            List<Hashed> hashed = mapConcurrently(files, concurrency, p -> hash(p, progress));
            long bytes = 0;
            for (Hashed h : hashed) {
                System.out.println(h.sha256() + "  " + dir.relativize(h.path()));
                bytes += h.bytes();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "%d files, %.1f MiB in %.2f seconds (%.1f MiB/s); at most %d open at once; file backend: %s",
                    hashed.size(), bytes / 1048576.0, seconds, bytes / 1048576.0 / Math.max(seconds, 1e-9), progress.maxOpen,
                    progress.backend));
            return hashed;
        });
    }

    static Hashed hash(Path path, Progress progress) throws IOException {
        MessageDigest sha = sha256();
        long bytes = 0;
        progress.open++;
        progress.maxOpen = Math.max(progress.maxOpen, progress.open);
        try (AsyncFile f = AsyncFile.open(path)) {
            progress.backend = f.backend();
            for (byte[] chunk : f.chunks(CHUNK)) {   // each step suspends this task only
                sha.update(chunk);
                bytes += chunk.length;
            }
        } finally {
            progress.open--;
        }
        progress.done++;
        int step = Math.max(1, progress.total / PROGRESS_STEPS);
        if (progress.done % step == 0 || progress.done == progress.total) {
            System.out.println(String.format(Locale.ROOT, "progress %d/%d files (%d%%)", progress.done, progress.total,
                    100 * progress.done / progress.total));
        }
        return new Hashed(path, bytes, HexFormat.of().formatHex(sha.digest()));
    }

    /** Writes sample files of varied sizes (empty to a few MiB) in two levels; returns how many. */
    static int makeSamples(Path dir) throws Exception {
        int count = 60;
        run(() -> {
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path sub = dir.resolve("d" + (i % 4));
                paths.add(sub.resolve("file-" + i + ".bin"));
            }
            toThread(() -> {
                for (int d = 0; d < 4; d++) {
                    Files.createDirectories(dir.resolve("d" + d));
                }
                return null;
            });
            mapConcurrently(paths, CONCURRENCY, p -> {
                int i = paths.indexOf(p);
                byte[] data = new byte[i * i * 997 % (3 << 20)];
                for (int k = 0; k < data.length; k++) {
                    data[k] = (byte) (k * 31 + i);
                }
                return AsyncFiles.write(p, data);
            });
        });
        return count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
