package io.jasyncio.bench.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * What a file workload's data set must read back as: its total bytes and its checksum (the
 * CRC-32 of the one big file; for the small files the sum of each file's CRC-32, which does not
 * depend on the order they finish in). The harness writes it beside the data as
 * {@code DATA.manifest}, one line {@code bytes=N crc32=C}; every program, Java or Python, reads it
 * and exits with status 1 when what it read does not match.
 *
 * @param bytes the total bytes of the data set
 * @param crc32 the checksum as described above
 */
public record FileManifest(long bytes, long crc32) {
    /** The manifest of data set {@code data} (a file or a directory): {@code data} + ".manifest". */
    public static Path pathOf(Path data) {
        return data.resolveSibling(data.getFileName() + ".manifest");
    }

    /**
     * Reads the manifest of {@code data}.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not one {@code bytes=N crc32=C} line
     */
    public static FileManifest read(Path data) throws IOException {
        return parse(Files.readString(pathOf(data), StandardCharsets.UTF_8));
    }

    /**
     * Parses {@code bytes=N crc32=C}.
     *
     * @throws IllegalArgumentException if {@code text} is not that
     */
    public static FileManifest parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2 || !parts[0].startsWith("bytes=") || !parts[1].startsWith("crc32=")) {
            throw new IllegalArgumentException("a manifest is one line 'bytes=N crc32=C', not: " + text.strip());
        }
        try {
            return new FileManifest(Long.parseLong(parts[0].substring(6)), Long.parseLong(parts[1].substring(6)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in manifest: " + text.strip(), e);
        }
    }

    /** The manifest line. */
    public String line() {
        return "bytes=" + bytes + " crc32=" + crc32 + "\n";
    }

    /** Writes the manifest of {@code data}. */
    public void write(Path data) throws IOException {
        Files.writeString(pathOf(data), line(), StandardCharsets.UTF_8);
    }

    /** The CRC-32 of {@code bytes[0, length)}: one small file's share of the checksum. */
    public static long crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /**
     * Exits with status 1 and a message on standard error unless {@code bytes} and {@code crc32}
     * are this manifest's: a program that read the wrong data reports nothing.
     */
    public void check(long bytes, long crc32) {
        if (bytes != this.bytes || crc32 != this.crc32) {
            System.err.println("error: result check failed: read " + bytes + " bytes with crc32 " + crc32
                    + ", the data set has " + this.bytes + " bytes with crc32 " + this.crc32);
            System.exit(1);
        }
    }
}
