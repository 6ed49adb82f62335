package io.jasyncio.process;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The child program of {@link SubprocessGibibyteTest}: pushes {@code args[0]} bytes through
 * {@code cat} both ways at once, in a JVM whose heap is far smaller than the data, and prints one
 * line: {@code bytes=N crc=same|different peakHeapMiB=M}.
 */
public final class CatGibibyteMain {
    private CatGibibyteMain() {
    }

    /** Runs the transfer; exits non-zero (with the exception) if anything fails. */
    public static void main(String[] args) {
        long total = Long.parseLong(args[0]);
        String line = run(() -> {
            Subprocess cat = Subprocesses.createSubprocessExec(List.of("cat"), SubprocessOptions.pipes());
            // One random block sent over and over at shifting offsets: generating a GiB of
            // randomness would cost more than the transfer being tested.
            byte[] block = new byte[(1 << 20) + 7];
            new SplittableRandom(42).nextBytes(block);
            CRC32 sentCrc = new CRC32();
            Task<Void> writer = createTask(() -> {
                int chunk = 64 * 1024;
                long sent = 0;
                int offset = 0;
                while (sent < total) {
                    int n = (int) Math.min(Math.min(chunk, total - sent), block.length - offset);
                    sentCrc.update(block, offset, n);
                    cat.stdin().write(ByteBuffer.wrap(block, offset, n));
                    cat.stdin().drain();
                    sent += n;
                    offset = (offset + n) % (block.length - 1);
                }
                cat.stdin().close();
            });
            CRC32 gotCrc = new CRC32();
            long got = 0;
            byte[] b;
            while ((b = cat.stdout().read(64 * 1024)).length > 0) {
                gotCrc.update(b);
                got += b.length;
            }
            writer.await();
            int rc = cat.waitFor();
            if (rc != 0) {
                throw new IllegalStateException("cat exited with " + rc);
            }
            return "bytes=" + got + " crc=" + (gotCrc.getValue() == sentCrc.getValue() ? "same" : "different")
                    + " peakHeapMiB=" + peakHeapMiB();
        });
        System.out.println(line);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean p : pools) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
