package io.jasyncio.uring;

import io.jasyncio.file.BufferPool;
import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.Future;
import io.jasyncio.file.FileHandle;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * One file opened on the ring: a raw descriptor and the operations in flight on it.
 */
final class UringFileHandle implements FileHandle {
    /*
     * Implementation notes.
     *
     * `inFlight` lists the operations whose CQE has not come; each removes itself when it ends
     * (UringFileOp's owner callback). close() marks the handle closing, cancels what is in
     * flight, and submits IORING_OP_CLOSE once the list is empty, so the descriptor number is
     * never freed (and reused by another open) while an operation of this file may still use
     * it. The close goes on from completions, whether or not the closing task still waits.
     */
    static final int STATX_SIZE = 0x200;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_BUFFER = 256;
    static final long STX_SIZE_OFFSET = 40;
    static final int IORING_FSYNC_DATASYNC = 1;

    /** Whether the kernel knows IORING_OP_FTRUNCATE (6.9+); cleared at its first -EINVAL. */
    static volatile boolean ftruncateOp = true;

    private final UringBackend backend;
    private final EventLoop loop;
    private final int fd;
    private final BufferPool pool = BufferPool.shared();
    private final List<UringFileOp> inFlight = new ArrayList<>();
    private boolean closing;
    private Future<Integer> closed;
    private boolean closeSubmitted;

    UringFileHandle(UringBackend backend, EventLoop loop, int fd) {
        this.backend = backend;
        this.loop = loop;
        this.fd = fd;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        ByteBuffer buf = pool.acquire(dst.remaining());
        UringFileOp op = start(pool, buf);
        MemorySegment sqe = submit(op, Uring.IORING_OP_READ, buf);
        Sqe.addr(sqe, Sqe.address(buf, 0));
        Sqe.len(sqe, buf.remaining());
        Sqe.off(sqe, position);
        int res = op.await();
        try {
            if (res < 0) {
                throw UringFileErrors.forFile(-res, closing);
            }
            if (res == 0) {
                return -1;
            }
            dst.put(buf.limit(res));
            return res;
        } finally {
            pool.release(buf);
        }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (!src.hasRemaining()) {
            return 0;
        }
        ByteBuffer buf = pool.acquire(src.remaining());
        int start = src.position();
        int n = buf.remaining();
        buf.put(src.slice(start, n)).flip();
        UringFileOp op = start(pool, buf);
        MemorySegment sqe = submit(op, Uring.IORING_OP_WRITE, buf);
        Sqe.addr(sqe, Sqe.address(buf, 0));
        Sqe.len(sqe, n);
        Sqe.off(sqe, position);
        int res = op.await();
        try {
            if (res < 0) {
                throw UringFileErrors.forFile(-res, closing);
            }
            src.position(start + res);
            return res;
        } finally {
            pool.release(buf);
        }
    }

    @Override
    public long size() throws IOException {
        ByteBuffer buf = pool.acquire(STATX_BUFFER + 1);
        buf.put(STATX_BUFFER, (byte) 0);   // the empty path AT_EMPTY_PATH asks for
        UringFileOp op = start(pool, buf);
        MemorySegment sqe = submit(op, Uring.IORING_OP_STATX, buf);
        Sqe.addr(sqe, Sqe.address(buf, STATX_BUFFER));
        Sqe.len(sqe, STATX_SIZE);
        Sqe.addr2(sqe, Sqe.address(buf, 0));
        Sqe.opFlags(sqe, AT_EMPTY_PATH);
        int res = op.await();
        try {
            if (res < 0) {
                throw UringFileErrors.forFile(-res, closing);
            }
            return buf.duplicate().order(ByteOrder.nativeOrder()).getLong((int) STX_SIZE_OFFSET);
        } finally {
            pool.release(buf);
        }
    }

    @Override
    public void truncate(long size) throws IOException {
        if (ftruncateOp) {
            UringFileOp op = start(null, null);
            MemorySegment sqe = submit(op, Uring.IORING_OP_FTRUNCATE, null);
            Sqe.off(sqe, size);
            int res = op.await();
            if (res >= 0) {
                return;
            }
            if (-res != UringFileErrors.EINVAL) {
                throw UringFileErrors.forFile(-res, closing);
            }
            ftruncateOp = false;
        }
        // Kernels before 6.9 have no ring opcode for it: truncate through the descriptor's
        // /proc entry on a worker thread.
        try {
            Asyncio.toThread(() -> {
                try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE)) {
                    ch.truncate(size);
                }
                return null;
            });
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    @Override
    public void force(boolean metadata) throws IOException {
        UringFileOp op = start(null, null);
        MemorySegment sqe = submit(op, Uring.IORING_OP_FSYNC, null);
        Sqe.opFlags(sqe, metadata ? 0 : IORING_FSYNC_DATASYNC);
        int res = op.await();
        if (res < 0) {
            throw UringFileErrors.forFile(-res, closing);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed == null) {
            closing = true;
            closed = loop.createFuture();
            for (UringFileOp op : List.copyOf(inFlight)) {
                op.cancel();
            }
            if (inFlight.isEmpty()) {
                closeSubmitted = true;
                submitClose();
            }
        }
        int res = closed.await();
        if (res < 0) {
            throw UringFileErrors.forFile(-res, false);
        }
    }

    private void submitClose() {
        UringFileOp op = new UringFileOp(backend, loop, null, null);
        op.sqe(Uring.IORING_OP_CLOSE, fd);
        Future<Integer> done = closed;
        op.future().addDoneCallback(f -> done.trySetResult(f.result()));
    }

    /** A new operation of this file; `buf`, if any, goes back to `pool` if nobody takes the result. */
    private UringFileOp start(BufferPool pool, ByteBuffer buf) {
        UringFileOp op = new UringFileOp(backend, loop, buf == null ? null : res -> pool.release(buf), this::ended);
        inFlight.add(op);
        return op;
    }

    /** Queues {@code op}'s SQE; if the ring refuses it, the operation never started. */
    private MemorySegment submit(UringFileOp op, byte opcode, ByteBuffer buf) {
        try {
            return op.sqe(opcode, fd);
        } catch (RuntimeException e) {
            inFlight.remove(op);
            if (buf != null) {
                pool.release(buf);
            }
            throw e;
        }
    }

    private void ended(UringFileOp op) {
        inFlight.remove(op);
        if (closing && inFlight.isEmpty() && !closeSubmitted) {
            closeSubmitted = true;
            submitClose();
        }
    }
}
