package io.jasyncio.bench.files;

import io.jasyncio.bench.BenchReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * {@code file-read} in plain Java: one virtual thread reads the file with a blocking
 * {@link FileChannel} into one direct buffer of the chunk size, updating a CRC-32 per chunk.
 * Timed from before the open to after the close, inside a root virtual thread (as the other
 * virtual-thread programs).
 */
public final class ChannelFileRead {
    private ChannelFileRead() {
    }

    /** Usage: {@code ChannelFileRead MIB CHUNK_BYTES FILE}; prints the result line, or exits 1 if the data read back wrong. */
    public static void main(String[] args) throws Exception {
        FileArgs a = FileArgs.read(args);
        FileManifest expected = FileManifest.read(a.data());
        long[] result = new long[3];
        Thread root = Thread.ofVirtual().start(() -> {
            long t0 = System.nanoTime();
            CRC32 crc = new CRC32();
            long total = 0;
            try (FileChannel ch = FileChannel.open(a.data(), StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(a.a());
                int r;
                while ((r = ch.read(buf)) >= 0) {
                    buf.flip();
                    crc.update(buf);
                    buf.clear();
                    total += r;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            result[0] = System.nanoTime() - t0;
            result[1] = total;
            result[2] = crc.getValue();
        });
        root.join();
        expected.check(result[1], result[2]);
        BenchReport.of("file-read", "virtual-threads", a.n()).put("seconds", result[0] / 1e9)
                .put("bytes", result[1]).put("crc32", result[2]).print();
    }
}
