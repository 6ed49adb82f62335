package io.jasyncio.bench.files;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Task;
import io.jasyncio.bench.BenchReport;
import io.jasyncio.bench.LoopCheck;
import io.jasyncio.file.AsyncFile;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code file-small} on jasyncio: as many tasks as files may be open at once, each taking the
 * next file number, opening it with {@link AsyncFile#open}, reading it whole with
 * {@link AsyncFile#readAll()}, closing it and adding its CRC-32 to the sum (one loop thread: no
 * atomics). Timed from before the first task is created to after the last one is awaited,
 * inside the running loop. On the io_uring loop open, read and close are ring operations.
 */
public final class JasyncioFileSmall {
    private JasyncioFileSmall() {
    }

    /** Exits with status 1 if the io_uring loop was asked for and {@code backend} is not its file backend. */
    static void requireBackend(String backend) {
        if (LoopCheck.uringRequested() && !"io_uring".equals(backend)) {
            System.err.println("error: on the io_uring loop AsyncFile used the '" + backend + "' backend, not io_uring");
            System.exit(1);
        }
    }

    /** Usage: {@code JasyncioFileSmall FILES FILE_BYTES OPEN_AT_ONCE DIR}; prints the result line, or exits 1 if the data read back wrong. */
    public static void main(String[] args) throws Exception {
        FileArgs a = FileArgs.small(args);
        FileManifest expected = FileManifest.read(a.data());
        long[] result = run(() -> {
            LoopCheck.requireRequestedLoop();
            long t0 = System.nanoTime();
            long[] state = new long[3]; // next file, total bytes, crc sum
            String[] backend = new String[1];
            List<Task<Void>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(a.b(), a.n()); w++) {
                workers.add(createTask(() -> {
                    while (state[0] < a.n()) {
                        int i = (int) state[0]++;
                        byte[] data;
                        try (AsyncFile f = AsyncFile.open(a.smallFile(i))) {
                            backend[0] = f.backend();
                            data = f.readAll();
                        }
                        state[1] += data.length;
                        state[2] += FileManifest.crc32(data, data.length);
                    }
                    return null;
                }));
            }
            for (Task<Void> t : workers) {
                t.await();
            }
            long elapsed = System.nanoTime() - t0;
            requireBackend(backend[0]);
            return new long[] {elapsed, state[1], state[2]};
        });
        expected.check(result[1], result[2]);
        BenchReport.of("file-small", LoopCheck.runtime(), a.n()).put("seconds", result[0] / 1e9)
                .put("bytes", result[1]).put("crc32", result[2]).print();
        System.exit(0);
    }
}
