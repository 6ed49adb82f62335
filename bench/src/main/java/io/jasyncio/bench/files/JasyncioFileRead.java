package io.jasyncio.bench.files;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.bench.BenchReport;
import io.jasyncio.bench.LoopCheck;
import io.jasyncio.file.AsyncFile;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * {@code file-read} on jasyncio: one task reads the file with {@link AsyncFile#read(ByteBuffer)}
 * into one direct buffer of the chunk size, updating a CRC-32 per chunk. On the selector loop
 * each read is a FileChannel call on a virtual thread; with {@code -Djasyncio.loop=uring} it is
 * an io_uring read the loop submits ({@link AsyncFile#backend()} must then say so). Timed from
 * before the open to after the close, inside the running loop.
 */
public final class JasyncioFileRead {
    private JasyncioFileRead() {
    }

    /** Usage: {@code JasyncioFileRead MIB CHUNK_BYTES FILE}; prints the result line, or exits 1 if the data read back wrong. */
    public static void main(String[] args) throws Exception {
        FileArgs a = FileArgs.read(args);
        FileManifest expected = FileManifest.read(a.data());
        long[] result = run(() -> {
            LoopCheck.requireRequestedLoop();
            long t0 = System.nanoTime();
            CRC32 crc = new CRC32();
            long total = 0;
            String backend;
            try (AsyncFile f = AsyncFile.open(a.data())) {
                backend = f.backend();
                ByteBuffer buf = ByteBuffer.allocateDirect(a.a());
                int r;
                while ((r = f.read(buf)) >= 0) {
                    buf.flip();
                    crc.update(buf);
                    buf.clear();
                    total += r;
                }
            }
            long elapsed = System.nanoTime() - t0;
            JasyncioFileSmall.requireBackend(backend);
            return new long[] {elapsed, total, crc.getValue()};
        });
        expected.check(result[1], result[2]);
        BenchReport.of("file-read", LoopCheck.runtime(), a.n()).put("seconds", result[0] / 1e9)
                .put("bytes", result[1]).put("crc32", result[2]).print();
        System.exit(0);
    }
}
