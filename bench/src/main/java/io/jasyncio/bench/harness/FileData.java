package io.jasyncio.bench.harness;

import io.jasyncio.bench.files.FileManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The file workloads' data sets, made once under bench/target/files and reused: one big file of
 * N MiB ({@code file-read}) and a directory of N small files ({@code file-small}), filled with a
 * seeded splitmix64 stream (the same bytes on every machine), each with its manifest
 * ({@link FileManifest}). Before the first measured run of a harness invocation the whole data
 * set is read back once and checked against its manifest (a data set that does not match is
 * written anew): that read is also what makes the page cache warm for every contender's first
 * run alike, so every run reads from memory. Nothing outside bench/target/files is written or
 * deleted (there, only a stale manifest, before its data set is written anew).
 */
final class FileData {
    private FileData() {
    }

    /** One MiB: the big file's unit and its write size. */
    static final int MIB = 1 << 20;

    private static final Map<Path, FileManifest> READY = new ConcurrentHashMap<>();

    /** Forgets that {@code data} was checked in this JVM, so the next use checks it again (a new harness run does). */
    static void forget(Path data) {
        READY.remove(data);
    }

    /** Where the data sets live. */
    static Path dir(Path benchDir) {
        return benchDir.resolve("target").resolve("files");
    }

    /** The big file of {@code mib} MiB. */
    static Path bigFile(Path benchDir, int mib) {
        return dir(benchDir).resolve("read-" + mib + "m.bin");
    }

    /** The directory of {@code files} small files of {@code bytes} bytes each. */
    static Path smallDir(Path benchDir, int files, int bytes) {
        return dir(benchDir).resolve("small-" + files + "x" + bytes);
    }

    /** Fills {@code buf} with the stream whose state is {@code state} (little-endian longs; the state advances). */
    static void fill(ByteBuffer buf, long[] state) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        while (buf.remaining() >= 8) {
            buf.putLong(next(state));
        }
        long last = next(state);
        while (buf.hasRemaining()) {
            buf.put((byte) last);
            last >>>= 8;
        }
    }

    /** splitmix64: a fixed, fast, well-mixed stream (the sleeps workload's generator). */
    static long next(long[] state) {
        long z = (state[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The big file of {@code mib} MiB, checked (or made) and warm; its manifest. */
    static FileManifest big(Path benchDir, int mib) throws IOException {
        Path file = bigFile(benchDir, mib);
        FileManifest ready = READY.get(file);
        if (ready != null) {
            return ready;
        }
        FileManifest m = Files.isRegularFile(file) && Files.isRegularFile(FileManifest.pathOf(file)) ? FileManifest.read(file) : null;
        if (m == null || m.bytes() != (long) mib * MIB || !m.equals(readBig(file))) {
            m = writeBig(file, mib);
        }
        READY.put(file, m);
        return m;
    }

    private static FileManifest writeBig(Path file, int mib) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(FileManifest.pathOf(file)); // ours: a data set without a manifest is remade
        CRC32 crc = new CRC32();
        long[] state = {42};
        ByteBuffer buf = ByteBuffer.allocateDirect(MIB);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mib; i++) {
                buf.clear();
                fill(buf, state);
                buf.flip();
                crc.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
        FileManifest m = new FileManifest((long) mib * MIB, crc.getValue());
        m.write(file);
        return m;
    }

    private static FileManifest readBig(Path file) throws IOException {
        CRC32 crc = new CRC32();
        long total = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(MIB);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int r;
            while ((r = ch.read(buf)) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
                total += r;
            }
        }
        return new FileManifest(total, crc.getValue());
    }

    /** The directory of {@code files} small files of {@code bytes} bytes, checked (or made) and warm; its manifest. */
    static FileManifest small(Path benchDir, int files, int bytes) throws IOException {
        Path dir = smallDir(benchDir, files, bytes);
        FileManifest ready = READY.get(dir);
        if (ready != null) {
            return ready;
        }
        FileManifest m = Files.isRegularFile(FileManifest.pathOf(dir)) ? FileManifest.read(dir) : null;
        if (m == null || !m.equals(readSmall(dir, files, bytes))) {
            m = writeSmall(dir, files, bytes);
        }
        READY.put(dir, m);
        return m;
    }

    private static FileManifest writeSmall(Path dir, int files, int bytes) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(FileManifest.pathOf(dir));
        long sum = 0;
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        for (int i = 0; i < files; i++) {
            buf.clear();
            fill(buf, new long[] {i + 1L});
            Files.write(dir.resolve(Integer.toString(i)), buf.array());
            sum += FileManifest.crc32(buf.array(), bytes);
        }
        FileManifest m = new FileManifest((long) files * bytes, sum);
        m.write(dir);
        return m;
    }

    /** What the directory holds now, or null when a file is missing or has the wrong size. */
    private static FileManifest readSmall(Path dir, int files, int bytes) throws IOException {
        long sum = 0;
        for (int i = 0; i < files; i++) {
            Path f = dir.resolve(Integer.toString(i));
            if (!Files.isRegularFile(f) || Files.size(f) != bytes) {
                return null;
            }
            byte[] data = Files.readAllBytes(f);
            sum += FileManifest.crc32(data, data.length);
        }
        return new FileManifest((long) files * bytes, sum);
    }
}
