package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/** {@link ClientResponse#saveTo}: the body into a file, written in batches on a worker thread. */
final class BodyFiles {
    private BodyFiles() {
    }

    static long save(ClientResponse response, Path path, int batchBytes) throws IOException {
        FileChannel ch;
        try {
            ch = io(() -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            response.close();
            throw e;
        }
        boolean ok = false;
        try {
            long total = 0;
            List<ByteBuffer> batch = new ArrayList<>();
            int batched = 0;
            for (ByteBuffer b; (b = response.readChunk()) != null; ) {
                batch.add(b);
                batched += b.remaining();
                if (batched >= batchBytes) {
                    total += write(ch, batch);
                    batch.clear();
                    batched = 0;
                }
            }
            total += write(ch, batch);
            ok = true;
            return total;
        } finally {
            if (!ok) {
                response.abort();
            }
            ch.close();
        }
    }

    private static long write(FileChannel ch, List<ByteBuffer> batch) throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        ByteBuffer[] bufs = batch.toArray(ByteBuffer[]::new);
        return io(() -> {
            long n = 0;
            for (ByteBuffer b : bufs) {
                while (b.hasRemaining()) {
                    n += ch.write(b);
                }
            }
            return n;
        });
    }

    /** Blocking file work. */
    interface Io<T> {
        T run() throws IOException;
    }

    /** Runs {@code io} on a worker thread, its IOException unwrapped. */
    static <T> T io(Io<T> io) throws IOException {
        try {
            return Asyncio.toThread(io::run);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException x) {
                throw x;
            }
            throw e;
        }
    }
}
