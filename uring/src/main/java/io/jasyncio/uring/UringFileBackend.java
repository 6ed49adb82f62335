package io.jasyncio.uring;

import io.jasyncio.file.BufferPool;
import io.jasyncio.EventLoop;
import io.jasyncio.file.FileBackend;
import io.jasyncio.file.FileHandle;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The io_uring file backend: {@code AsyncFile}s opened on a {@link UringEventLoop} are opened
 * with IORING_OP_OPENAT and read, written, stat'ed, synced, truncated and closed with ring
 * operations, queued by the task and submitted with the loop's next poll. No thread is involved.
 */
final class UringFileBackend implements FileBackend {
    static final String NAME = "io_uring";
    static final int AT_FDCWD = -100;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_DSYNC = 010000;
    static final int O_SYNC = 04010000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    /** The mode FileChannel creates files with, before the umask. */
    static final int DEFAULT_MODE = 0666;
    /** The charset the JDK encodes file names with. */
    private static final Charset JNU = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private final UringBackend backend;
    private final EventLoop loop;
    private final BufferPool pool = BufferPool.shared();

    UringFileBackend(UringBackend backend, EventLoop loop) {
        this.backend = backend;
        this.loop = loop;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FileHandle open(Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
        int flags = flags(options);
        int mode = mode(attributes);
        byte[] name = path.toString().getBytes(JNU);
        ByteBuffer pathBuf = pool.acquire(name.length + 1);
        pathBuf.put(name).put((byte) 0);
        UringFileOp op = new UringFileOp(backend, loop, res -> {
            pool.release(pathBuf);
            if (res >= 0) {
                closeOrphan(res);
            }
        }, null);
        MemorySegment sqe;
        try {
            sqe = op.sqe(Uring.IORING_OP_OPENAT, AT_FDCWD);
        } catch (RuntimeException e) {
            pool.release(pathBuf);
            throw e;
        }
        Sqe.addr(sqe, Sqe.address(pathBuf, 0));
        Sqe.len(sqe, mode);
        Sqe.opFlags(sqe, flags);
        int res = op.await();
        pool.release(pathBuf);
        if (res < 0) {
            throw UringFileErrors.forPath(-res, path, options.contains(LinkOption.NOFOLLOW_LINKS));
        }
        return new UringFileHandle(backend, loop, res);
    }

    /** Closes a descriptor that an open cancelled too late produced; nobody waits for it. */
    private void closeOrphan(int fd) {
        new UringFileOp(backend, loop, null, null).sqe(Uring.IORING_OP_CLOSE, fd);
    }

    static int flags(Set<OpenOption> options) {
        boolean read = options.contains(StandardOpenOption.READ);
        boolean write = options.contains(StandardOpenOption.WRITE);
        int flags = O_CLOEXEC | (read && write ? O_RDWR : write ? O_WRONLY : 0);
        if (options.contains(StandardOpenOption.APPEND)) {
            flags |= O_APPEND;
        }
        if (options.contains(StandardOpenOption.CREATE_NEW)) {
            flags |= O_CREAT | O_EXCL;
        } else if (options.contains(StandardOpenOption.CREATE)) {
            flags |= O_CREAT;
        }
        if (options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            flags |= O_TRUNC;
        }
        if (options.contains(StandardOpenOption.SYNC)) {
            flags |= O_SYNC;
        } else if (options.contains(StandardOpenOption.DSYNC)) {
            flags |= O_DSYNC;
        }
        if (options.contains(LinkOption.NOFOLLOW_LINKS)) {
            flags |= O_NOFOLLOW;
        }
        return flags;
    }

    static int mode(FileAttribute<?>... attributes) {
        int mode = DEFAULT_MODE;
        for (FileAttribute<?> a : attributes) {
            if (!a.name().equals("posix:permissions") && !a.name().equals("unix:permissions")) {
                throw new UnsupportedOperationException("'" + a.name() + "' not supported as initial attribute");
            }
            mode = 0;
            for (Object o : (Set<?>) a.value()) {
                mode |= switch ((PosixFilePermission) o) {
                    case OWNER_READ -> 0400;
                    case OWNER_WRITE -> 0200;
                    case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040;
                    case GROUP_WRITE -> 020;
                    case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04;
                    case OTHERS_WRITE -> 02;
                    case OTHERS_EXECUTE -> 01;
                };
            }
        }
        return mode;
    }
}
