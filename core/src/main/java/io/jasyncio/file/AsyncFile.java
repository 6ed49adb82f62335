package io.jasyncio.file;

import io.jasyncio.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A file opened for reading and writing from tasks: every operation suspends the calling task
 * (a cancellation point) while the loop runs on. What asyncio leaves to aiofiles.
 *
 * {@snippet :
 * try (AsyncFile f = AsyncFile.open(Path.of("access.log"))) {
 *     for (String line : f.lines()) {      // each step may suspend
 *         count(line);
 *     }
 * }
 * }
 *
 * <p><b>How it runs.</b> The running loop decides ({@link FileBackend}): on the selector loop
 * each operation is a {@link java.nio.channels.FileChannel} call on a virtual thread; on the
 * io_uring loop ({@code jasyncio-uring}) it is an io_uring operation submitted by the loop
 * itself, with no thread. {@link #backend()} names the one in use. Results, errors and
 * cancellation behave the same on both. On the virtual-time loop the threads do the work, and
 * as with {@code toThread} they do not hold the clock back: a timeout around a file operation
 * can expire at once there.
 *
 * <p><b>Position.</b> The file keeps its own position, used and advanced by the sequential
 * operations ({@link #read(ByteBuffer)}, {@link #write(ByteBuffer)}, {@link #readAll()},
 * {@link #writeAll(byte[])}, {@link #chunks(int)}, {@link #lines()}); the positional ones
 * ({@link #read(ByteBuffer, long)}, {@link #write(ByteBuffer, long)}) neither use nor move it. With
 * {@link StandardOpenOption#APPEND} sequential writes go to the end of the file and leave the
 * position alone.
 *
 * <p><b>One sequential operation at a time.</b> A sequential operation started while another
 * task's is waiting throws {@link IllegalStateException}, as asyncio's {@code StreamReader}
 * refuses a second reader (two readers would read the same bytes). Positional operations,
 * {@link #size()} and {@link #force(boolean)} may run from many tasks at once.
 *
 * <p><b>Cancellation.</b> A cancelled operation stops waiting at once and never touches the
 * caller's buffer afterwards. A cancelled read consumes nothing: the position stays where it was
 * and the next read returns the same bytes. A cancelled write may still happen, in full or in
 * part, after the caller got {@link io.jasyncio.CancelledError}; the position does not move, so
 * what the file holds in that region is unspecified. A cancelled open closes the file if it
 * opened it after all. No operation closes the file when it is
 * cancelled (a plain {@code FileChannel} closes itself when its thread is interrupted; this
 * never interrupts).
 *
 * <p><b>Closing.</b> {@link #close()} suspends until the descriptor is closed; operations
 * waiting meanwhile end with {@link java.nio.channels.AsynchronousCloseException}, and any
 * operation called afterwards throws {@link ClosedChannelException}.
 *
 * <p><b>Regular files.</b> Every read and write is positional underneath, so a pipe or FIFO
 * fails with "Illegal seek": use a subprocess's or a socket's streams for those. A file that is
 * never closed stays open, as a {@code FileChannel} would.
 *
 * <p>Loop-confined: use it from tasks of the loop that opened it.
 *
 * <p><b>Differs from aiofiles:</b> no thread pool on the io_uring loop; a cancelled read does
 * not lose data (aiofiles cannot cancel the thread's read, and its result is dropped with the
 * file position already moved); reads and writes take {@link ByteBuffer}s; {@link #lines()}
 * splits on {@code \n}, {@code \r\n} and {@code \r} and drops the terminator, as
 * {@link java.io.BufferedReader#readLine()} (Python keeps it).
 */
public final class AsyncFile implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * State: open/closed (closed is final), `position` (ours, not the kernel's: every read and
     * write is positional underneath, so a cancelled sequential read simply does not advance it),
     * and `sequential`, the name of the sequential operation in progress or null. A sequential
     * operation sets it before its first wait and clears it in a finally; a chunk or line read
     * advances `position` only after its last wait, so a cancellation leaves it consistent.
     * Options are normalised here so that every backend sees the same set (see FileBackend.open).
     */

    /** The chunk size {@link #lines()} reads with. */
    static final int LINE_CHUNK = 64 * 1024;

    private final EventLoop loop;
    private final Path path;
    private final FileHandle handle;
    private final String backend;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final boolean deleteOnClose;
    private long position;
    private boolean closed;
    private String sequential;

    private AsyncFile(EventLoop loop, Path path, FileHandle handle, String backend, Set<OpenOption> options) {
        this.loop = loop;
        this.path = path;
        this.handle = handle;
        this.backend = backend;
        this.readable = options.contains(StandardOpenOption.READ);
        this.writable = options.contains(StandardOpenOption.WRITE);
        this.append = options.contains(StandardOpenOption.APPEND);
        this.deleteOnClose = options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    }

    /**
     * Opens {@code path} with {@code options} ({@link StandardOpenOption}s and
     * {@link java.nio.file.LinkOption#NOFOLLOW_LINKS}; none means READ), as
     * {@link java.nio.channels.FileChannel#open(Path, OpenOption...)} does. Suspends until the
     * file is open; if the caller is cancelled meanwhile, a file opened anyway is closed.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist (and CREATE was not given)
     * @throws java.nio.file.FileAlreadyExistsException with CREATE_NEW, if it exists
     * @throws java.nio.file.AccessDeniedException if permission is denied
     * @throws IOException if opening fails otherwise
     * @throws IllegalArgumentException for READ with APPEND, or APPEND with TRUNCATE_EXISTING,
     *         or if {@code -Djasyncio.files} names no backend (known: auto, threads)
     * @throws UnsupportedOperationException for an option of another kind
     * @throws IllegalStateException outside a task
     */
    public static AsyncFile open(Path path, OpenOption... options) throws IOException {
        return open(path, new HashSet<>(Arrays.asList(options)));
    }

    /**
     * Opens {@code path} as {@link #open(Path, OpenOption...)}, and applies {@code attributes}
     * (for example {@link java.nio.file.attribute.PosixFilePermissions#asFileAttribute}) to a
     * file it creates.
     *
     * @throws IOException as {@link #open(Path, OpenOption...)}
     * @throws UnsupportedOperationException for an option or attribute the backend cannot apply
     */
    public static AsyncFile open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException {
        if (path == null) {
            throw new NullPointerException("path");
        }
        Set<OpenOption> opts = OpenOptions.normalise(options);
        EventLoop loop = EventLoop.getRunningLoop();
        FileBackend b = FileBackends.of(loop);
        Set<OpenOption> forBackend = new HashSet<>(opts);
        forBackend.remove(StandardOpenOption.DELETE_ON_CLOSE);
        FileHandle h = b.open(path, forBackend, attributes);
        return new AsyncFile(loop, path, h, b.name(), opts);
    }

    /** The path this file was opened with. */
    public Path path() {
        return path;
    }

    /** The backend doing the I/O: {@code "threads"} (virtual threads) or {@code "io_uring"}. */
    public String backend() {
        return backend;
    }

    /** Whether {@link #close()} has not been called. */
    public boolean isOpen() {
        return !closed;
    }

    /** The position the sequential operations read and write at. */
    public long position() {
        return position;
    }

    /**
     * Moves the position; past the end of the file is allowed (a read there returns -1, a write
     * there leaves a gap that reads as zeros).
     *
     * @return this file
     * @throws IllegalArgumentException if {@code newPosition} is negative
     * @throws ClosedChannelException if the file is closed
     * @throws IllegalStateException while a sequential operation is in progress
     */
    public AsyncFile position(long newPosition) throws ClosedChannelException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        checkOpen();
        if (sequential != null) {
            throw new IllegalStateException("cannot move the position while " + sequential + "() is in progress");
        }
        position = newPosition;
        return this;
    }

    /**
     * Reads into {@code dst} from the position and advances the position by the count. Reads
     * once: fewer bytes than {@code dst} has room for only near the end of the file (or for a
     * pipe), and at most 1 MiB.
     *
     * @return the bytes read, 0 if {@code dst} is full, or -1 at the end of the file
     * @throws NonReadableChannelException if the file was not opened for reading
     * @throws ClosedChannelException if the file is closed
     * @throws IllegalStateException if another task's sequential operation is in progress
     * @throws IOException if the read fails
     */
    public int read(ByteBuffer dst) throws IOException {
        checkReadable();
        begin("read");
        try {
            int n = handle.read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        } finally {
            sequential = null;
        }
    }

    /**
     * Reads into {@code dst} from {@code position}, as {@link #read(ByteBuffer)} but leaving the
     * file's position alone. Many tasks may read at positions at once.
     *
     * @return the bytes read, 0 if {@code dst} is full, or -1 if {@code position} is at or past the end
     * @throws IllegalArgumentException if {@code position} is negative
     * @throws NonReadableChannelException if the file was not opened for reading
     * @throws ClosedChannelException if the file is closed
     * @throws IOException if the read fails
     */
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
        checkReadable();
        return handle.read(dst, position);
    }

    /**
     * Writes all of {@code src}'s remaining bytes at the position (at the end, with APPEND) and
     * advances the position by them.
     *
     * @return the bytes written: all that remained in {@code src}
     * @throws NonWritableChannelException if the file was not opened for writing
     * @throws ClosedChannelException if the file is closed
     * @throws IllegalStateException if another task's sequential operation is in progress
     * @throws IOException if the write fails (part of {@code src} may have been written, and
     *         {@code src}'s position says how much)
     */
    public int write(ByteBuffer src) throws IOException {
        checkWritable();
        begin("write");
        try {
            int total = 0;
            while (src.hasRemaining()) {
                int n = handle.write(src, append ? -1 : position);
                total += n;
                if (!append) {
                    position += n;
                }
            }
            return total;
        } finally {
            sequential = null;
        }
    }

    /**
     * Writes all of {@code src}'s remaining bytes at {@code position}, leaving the file's position
     * alone; past the end the file grows, with a gap of zeros. On a file opened with APPEND,
     * Linux writes at the end whatever the position (see pwrite(2)).
     *
     * @return the bytes written: all that remained in {@code src}
     * @throws IllegalArgumentException if {@code position} is negative
     * @throws NonWritableChannelException if the file was not opened for writing
     * @throws ClosedChannelException if the file is closed
     * @throws IOException if the write fails
     */
    public int write(ByteBuffer src, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
        checkWritable();
        int total = 0;
        while (src.hasRemaining()) {
            total += handle.write(src, position + total);
        }
        return total;
    }

    /**
     * Reads from the position to the end of the file and moves the position there. A rest
     * shorter than 16 KiB takes one read (no size query, no end-of-file probe): a short first
     * read is taken for the end of the file.
     *
     * @throws OutOfMemoryError if the rest of the file is larger than an array can be (2 GiB)
     * @throws NonReadableChannelException if the file was not opened for reading
     * @throws ClosedChannelException if the file is closed
     * @throws IllegalStateException if another task's sequential operation is in progress
     * @throws IOException if a read fails; the position then stays where it was
     */
    public byte[] readAll() throws IOException {
        checkReadable();
        begin("readAll");
        try {
            // Most files read whole are small: one read of FIRST_READ bytes that comes back short
            // has met the end of the file, so the size and the end-of-file probe are skipped
            // (three round trips to the worker or the ring become one).
            byte[] first = new byte[FIRST_READ];
            int got = handle.read(ByteBuffer.wrap(first), position);
            if (got < FIRST_READ) {
                position += Math.max(got, 0);
                return got <= 0 ? new byte[0] : Arrays.copyOf(first, got);
            }
            long size = handle.size();
            byte[] data = new byte[checkedLength(Math.max(FIRST_READ, size - position))];
            System.arraycopy(first, 0, data, 0, FIRST_READ);
            long at = position + FIRST_READ;
            int filled = FIRST_READ;
            while (true) {
                if (filled == data.length) {
                    // The file may have grown since its size was read: look for more.
                    byte[] probe = new byte[8192];
                    int n = handle.read(ByteBuffer.wrap(probe), at);
                    if (n < 0) {
                        break;
                    }
                    data = Arrays.copyOf(data, checkedLength(Math.max((long) data.length * 2, (long) filled + n)));
                    System.arraycopy(probe, 0, data, filled, n);
                    filled += n;
                    at += n;
                    continue;
                }
                int n = handle.read(ByteBuffer.wrap(data, filled, data.length - filled), at);
                if (n < 0) {
                    break;
                }
                filled += n;
                at += n;
            }
            position = at;
            return filled == data.length ? data : Arrays.copyOf(data, filled);
        } finally {
            sequential = null;
        }
    }

    /**
     * The bytes {@link #readAll()} asks for first. Every backend reads a regular file fully up to
     * its largest buffer (1 MiB) unless it meets the end, so a shorter read means the end.
     */
    static final int FIRST_READ = 16 * 1024;

    private static int checkedLength(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("the file is too large to read into one array: " + n + " bytes");
        }
        return (int) n;
    }

    /**
     * Writes all of {@code data} at the position (at the end, with APPEND), as
     * {@link #write(ByteBuffer)}.
     *
     * @throws IOException as {@link #write(ByteBuffer)}
     */
    public void writeAll(byte[] data) throws IOException {
        write(ByteBuffer.wrap(data));
    }

    /**
     * The file's size in bytes, as the kernel knows it now.
     *
     * @throws ClosedChannelException if the file is closed
     * @throws IOException if it cannot be read
     */
    public long size() throws IOException {
        checkOpen();
        return handle.size();
    }

    /**
     * Cuts the file to {@code size} bytes if it is longer (a shorter file is left alone), and
     * moves the position back to {@code size} if it was past it, as
     * {@link java.nio.channels.FileChannel#truncate} does.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws NonWritableChannelException if the file was not opened for writing
     * @throws ClosedChannelException if the file is closed
     * @throws IOException if it fails
     */
    public void truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        checkWritable();
        if (size < handle.size()) {
            handle.truncate(size);
        }
        if (position > size) {
            position = size;
        }
    }

    /**
     * Waits until everything written is on the storage device: {@code fsync}, or with
     * {@code metadata} false {@code fdatasync} (the file's data and what is needed to read it
     * back, not its times).
     *
     * @throws ClosedChannelException if the file is closed
     * @throws IOException if it fails
     */
    public void force(boolean metadata) throws IOException {
        checkOpen();
        handle.force(metadata);
    }

    /**
     * The rest of the file from the position, in chunks of {@code size} bytes (the last one
     * shorter), as an iterable whose {@code hasNext()} suspends to read the next chunk: Python's
     * {@code async for chunk in ...}. Iterating is a sequential operation and advances the
     * position chunk by chunk; a chunk cancelled while it is read is not consumed. An
     * {@link IOException} comes out of {@code hasNext()} as {@link java.io.UncheckedIOException}.
     *
     * {@snippet :
     * for (byte[] chunk : file.chunks(64 * 1024)) {
     *     digest.update(chunk);
     * }
     * }
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Iterable<byte[]> chunks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1: " + size);
        }
        return () -> new Chunks(this, size);
    }

    /** {@link #lines(Charset)} in UTF-8. */
    public Iterable<String> lines() {
        return lines(StandardCharsets.UTF_8);
    }

    /**
     * The rest of the file from the position as lines, decoded with {@code charset}, as an
     * iterable whose {@code hasNext()} suspends when it must read: Python's
     * {@code async for line in f}. A line ends at {@code \n}, {@code \r\n} or {@code \r}, which
     * is not part of it; a last line without a terminator is returned too. The iterator reads
     * ahead in 64 KiB chunks, so the position ends up past the last line handed out.
     * A malformed byte sequence throws {@link java.io.UncheckedIOException} wrapping
     * {@link java.nio.charset.MalformedInputException}, as {@code Files.readAllLines} does; so
     * does any other {@link IOException}.
     */
    public Iterable<String> lines(Charset charset) {
        if (charset == null) {
            throw new NullPointerException("charset");
        }
        return () -> new Lines(this, charset, LINE_CHUNK);
    }

    /**
     * Closes the file, once; later calls return at once. Suspends until the descriptor is
     * closed, and closes it even if the caller is cancelled meanwhile. With
     * {@link StandardOpenOption#DELETE_ON_CLOSE}, then deletes the file.
     *
     * @throws IOException if closing reports an error (the file is closed all the same)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        handle.close();
        if (deleteOnClose) {
            Offload.call(() -> java.nio.file.Files.deleteIfExists(path), null);
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + ", " + backend + (closed ? ", closed" : ", position=" + position) + "]";
    }

    // ---- for Chunks and Lines: one sequential read step, committed by the caller ----

    /**
     * Fills {@code dst} from {@code at} until it is full or the file ends, as one sequential
     * operation named {@code op}; the caller advances the position (see the notes).
     */
    int fill(String op, ByteBuffer dst, long at, boolean once) throws IOException {
        checkReadable();
        begin(op);
        try {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = handle.read(dst, at + total);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
                if (once && n > 0) {
                    break;
                }
            }
            return total;
        } finally {
            sequential = null;
        }
    }

    void advance(long n) {
        position += n;
    }

    // ---- checks ----

    private void checkOpen() throws ClosedChannelException {
        if (EventLoop.getRunningLoop() != loop) {
            throw new IllegalStateException("this AsyncFile belongs to another event loop");
        }
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private void checkReadable() throws ClosedChannelException {
        checkOpen();
        if (!readable) {
            throw new NonReadableChannelException();
        }
    }

    private void checkWritable() throws ClosedChannelException {
        checkOpen();
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }

    private void begin(String op) {
        if (sequential != null) {
            throw new IllegalStateException(op + "() called while " + sequential
                    + "() of another task is in progress on " + path + "; one sequential operation at a time");
        }
        sequential = op;
    }
}
