package io.jasyncio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * The default file backend: {@link FileChannel} calls on virtual threads of the loop's default
 * executor, as aiofiles runs its calls on a thread pool. A cancelled caller stops waiting at once;
 * its call runs on to its end and what it produced is discarded (see {@link Offload}).
 */
final class ThreadFileBackend implements FileBackend {
    static final String NAME = "threads";
    static final ThreadFileBackend INSTANCE = new ThreadFileBackend();

    private ThreadFileBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FileHandle open(Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
        FileChannel ch = Offload.call(() -> FileChannel.open(path, options, attributes), ThreadFileBackend::closeQuietly);
        return new Handle(ch);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nobody is left to tell: the caller that wanted this channel was cancelled.
        }
    }

    private static final class Handle implements FileHandle {
        private final FileChannel ch;
        private final BufferPool pool = BufferPool.shared();

        Handle(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            if (!dst.hasRemaining()) {
                return 0;
            }
            ByteBuffer tmp = pool.acquire(dst.remaining());
            int n = Offload.call(() -> {
                try {
                    return ch.read(tmp, position);
                } catch (Throwable e) {
                    pool.release(tmp);
                    throw e;
                }
            }, done -> pool.release(tmp));
            if (n > 0) {
                dst.put(tmp.flip());
            }
            pool.release(tmp);
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (!src.hasRemaining()) {
                return 0;
            }
            ByteBuffer tmp = pool.acquire(src.remaining());
            int start = src.position();
            tmp.put(src.slice(start, tmp.remaining())).flip();
            int n = Offload.call(() -> {
                try {
                    int total = 0;
                    while (tmp.hasRemaining()) {
                        total += position < 0 ? ch.write(tmp) : ch.write(tmp, position + total);
                    }
                    return total;
                } catch (Throwable e) {
                    pool.release(tmp);
                    throw e;
                }
            }, done -> pool.release(tmp));
            pool.release(tmp);
            src.position(start + n);
            return n;
        }

        @Override
        public long size() throws IOException {
            return Offload.call(ch::size, null);
        }

        @Override
        public void truncate(long size) throws IOException {
            Offload.call(() -> ch.truncate(size), null);
        }

        @Override
        public void force(boolean metadata) throws IOException {
            Offload.call(() -> {
                ch.force(metadata);
                return null;
            }, null);
        }

        @Override
        public void close() throws IOException {
            Offload.call(() -> {
                ch.close();
                return null;
            }, null);
        }
    }
}
