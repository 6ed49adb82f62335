package io.jasyncio.bench.files;

import io.jasyncio.bench.BenchReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * {@code file-small} in plain Java: as many virtual threads as files may be open at once, each
 * taking the next file number, opening it with a blocking {@link FileChannel}, reading it whole
 * (until end of file) into its own direct buffer, closing it and adding its CRC-32 to the sum.
 * Timed from before the first thread starts to after the last one ends, inside a root virtual
 * thread.
 */
public final class ChannelFileSmall {
    private ChannelFileSmall() {
    }

    /** Usage: {@code ChannelFileSmall FILES FILE_BYTES OPEN_AT_ONCE DIR}; prints the result line, or exits 1 if the data read back wrong. */
    public static void main(String[] args) throws Exception {
        FileArgs a = FileArgs.small(args);
        FileManifest expected = FileManifest.read(a.data());
        AtomicInteger next = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        AtomicLong crcSum = new AtomicLong();
        long[] elapsed = new long[1];
        Thread root = Thread.ofVirtual().start(() -> {
            long t0 = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(a.b(), a.n()); w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    // one byte more than a file holds, so a file that grew would show
                    ByteBuffer buf = ByteBuffer.allocateDirect(a.a() + 1);
                    CRC32 crc = new CRC32();
                    int i;
                    while ((i = next.getAndIncrement()) < a.n()) {
                        buf.clear();
                        try (FileChannel ch = FileChannel.open(a.smallFile(i), StandardOpenOption.READ)) {
                            while (ch.read(buf) > 0) {
                                // until end of file or a full buffer
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        buf.flip();
                        total.addAndGet(buf.remaining());
                        crc.reset();
                        crc.update(buf);
                        crcSum.addAndGet(crc.getValue());
                    }
                }));
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            elapsed[0] = System.nanoTime() - t0;
        });
        root.join();
        expected.check(total.get(), crcSum.get());
        BenchReport.of("file-small", "virtual-threads", a.n()).put("seconds", elapsed[0] / 1e9)
                .put("bytes", total.get()).put("crc32", crcSum.get()).print();
    }
}
