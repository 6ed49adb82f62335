package io.jasyncio.stream;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.ParkingLot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The reading end of a stream connection: asyncio's {@code StreamReader}. A protocol
 * ({@link StreamReaderProtocol}) feeds it what the transport receives; tasks read from it with
 * {@link #read(int)}, {@link #readLine()}, {@link #readExactly(int)} and
 * {@link #readUntil(byte[]...)}, which suspend until enough bytes arrived or the stream ended.
 *
 * {@snippet :
 * byte[] header = reader.readUntil("\r\n\r\n".getBytes(US_ASCII));
 * byte[] body = reader.readExactly(contentLength);
 * for (byte[] line : reader.lines()) { ... }        // each next() may suspend
 * }
 *
 * <p><b>Limit and flow control.</b> The {@linkplain #limit() limit} (64 KiB by default) bounds
 * how far {@code readUntil}/{@code readLine} search for a separator. It also bounds memory: when
 * more than twice the limit is buffered the reader pauses its transport's reading, and resumes it
 * once a read brings the buffer to the limit or below (or when a read has to wait, so that a
 * {@code readExactly} larger than the limit cannot deadlock).
 *
 * <p><b>One reader at a time.</b> Only one task may wait for data at once; a second read that
 * would wait throws {@link IllegalStateException} (asyncio's {@code RuntimeError}). Reads that can
 * complete from the buffer never wait.
 *
 * <p><b>Cancellation.</b> Every read is a cancellation point while it waits; a cancelled read
 * consumes nothing, so the next read sees every byte that arrived. The exception is
 * {@code read()} to the end of the stream: like asyncio's, it drops the blocks it had already
 * taken when it is cancelled or fails part-way.
 *
 * <p><b>Errors.</b> After {@link #setException}, every read throws that exception: as it is if
 * it is an {@link IOException} or unchecked, otherwise wrapped in an {@code IOException}.
 *
 * <p>Loop-confined: feed and read it from its loop's thread. The feeding methods never suspend.
 *
 * <p><b>Differs from asyncio:</b> {@code readLine} reports an overlong line with
 * {@link LimitOverrunError} (asyncio: {@code ValueError}); a read that would wait after an
 * exception was set throws it instead of waiting (asyncio's {@code readexactly} can wait forever
 * if data and the exception arrive in the same loop step); {@code async for} is
 * {@link #lines()}.
 */
public final class StreamReader {
    /*
     * Implementation notes.
     *
     * State: buffer (ByteQueue), eof, exception, waiter (a ParkingLot holding the one task
     * waiting for data, if any), transport (for pause/resume, may be null) and paused (whether
     * this reader paused the transport). Invariant: paused => transport != null.
     *
     * feedData/feedEof/setException wake the waiter; it re-reads `exception` when it resumes and
     * throws it itself, so no future ever holds an exception that could be reported as "never
     * retrieved". The lot unlinks the waiter whatever way it leaves, so a later read never finds
     * a stale registration (asyncio clears its `_waiter` unconditionally, which can drop a later
     * waiter's).
     *
     * Reads consume from the buffer only after their last wait, in the same step, so a
     * cancellation (which can only strike at the wait) never loses bytes.
     */

    /** asyncio's default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] NONE = new byte[0];

    private final int limit;
    private final ByteQueue buffer;
    private boolean eof;
    private Throwable exception;
    private final ParkingLot waiter = new ParkingLot(this);
    private Transport transport;
    private boolean paused;

    /** A reader with the {@linkplain #DEFAULT_LIMIT default limit}. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader with the given limit.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.buffer = new ByteQueue((int) Math.min(Math.max(4L * limit, 64 * 1024), Integer.MAX_VALUE));
    }

    /** The separator-search and buffering limit in bytes. */
    public int limit() {
        return limit;
    }

    /** The exception set with {@link #setException}, or null. */
    public Throwable exception() {
        return exception;
    }

    /** How many bytes are buffered, not yet read. Not in asyncio (which exposes {@code _buffer}). */
    public int buffered() {
        return buffer.size();
    }

    /**
     * Sets the transport whose reading this reader pauses and resumes. Called by the protocol on
     * {@code connectionMade}.
     *
     * @throws IllegalStateException if a transport is already set
     */
    public void setTransport(Transport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /**
     * Moves this reader to {@code transport} after its connection was upgraded to TLS
     * ({@link StreamWriter#startTls}): later pauses and resumes go to the TLS transport. If the
     * reader had paused the old transport, the new one is paused in its place (the TLS layer
     * resumed the old one to run its handshake).
     */
    void replaceTransport(Transport transport) {
        this.transport = transport;
        if (paused) {
            try {
                transport.pauseReading();
            } catch (UnsupportedOperationException e) {
                paused = false;
                this.transport = null;
            }
        }
    }

    /**
     * Makes every later read throw {@code exc} and wakes a waiting read with it. Buffered bytes
     * stay but can no longer be read. Never suspends.
     */
    public void setException(Throwable exc) {
        exception = exc;
        waiter.wakeAll();
    }

    /** Marks the end of the stream and wakes a waiting read. Idempotent; never suspends. */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /** Whether the stream ended and every byte was read. */
    public boolean atEof() {
        return eof && buffer.size() == 0;
    }

    /**
     * Appends {@code data}'s remaining bytes (copying them once and moving its position to its
     * limit, so a lent buffer may be reused) and wakes a waiting read. Pauses the transport's
     * reading when more than twice the limit is buffered. Never suspends.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (!data.hasRemaining()) {
            return;
        }
        buffer.append(data);
        afterFeed();
    }

    /**
     * {@link #feedData(ByteBuffer)} of a whole array (copied).
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (data.length == 0) {
            return;
        }
        buffer.append(data, 0, data.length);
        afterFeed();
    }

    private void afterFeed() {
        wakeUpWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                // A transport that cannot pause (asyncio: NotImplementedError) is not asked again.
                transport = null;
            }
        }
    }

    private void wakeUpWaiter() {
        waiter.wakeAll();
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /**
     * Suspends until feedData, feedEof or setException. A cancellation point.
     */
    private void waitForData(String funcName) throws IOException {
        if (waiter.linked() > 0) {
            throw new IllegalStateException(funcName
                    + "() called while another task is already waiting for incoming data");
        }
        throwIfFailed();
        if (eof) {
            throw new IllegalStateException(funcName + "() would wait after EOF");
        }
        if (Asyncio.currentTask() == null) {
            throw new IllegalStateException("only a task can wait for data (" + funcName + "() would suspend here)");
        }
        // Waiting while paused would deadlock (a readExactly beyond the limit), so resume first.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        waiter.park();
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        if (exception != null) {
            throw rethrow(exception);
        }
    }

    /** The exception to throw for {@code e}: {@code e} if it is an IOException, else thrown here. */
    static IOException rethrow(Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IOException(e);
    }

    /**
     * Reads up to {@code n} bytes: what is buffered (at most {@code n}) if anything is, else
     * suspends until some bytes arrive. Returns an empty array at the end of the stream or if
     * {@code n == 0}. With {@code n < 0}, reads until the end of the stream and returns it all.
     * A cancellation point when it waits.
     *
     * @throws IOException the exception set with {@link #setException}
     * @throws IllegalStateException if another task is waiting for data on this reader
     * @throws CancelledError if the task is cancelled while waiting; nothing is consumed, except
     *         that with {@code n < 0} the bytes read before the wait are dropped, as in asyncio
     */
    public byte[] read(int n) throws IOException {
        throwIfFailed();
        if (n == 0) {
            return NONE;
        }
        if (n < 0) {
            return readToEof();
        }
        if (buffer.size() == 0 && !eof) {
            waitForData("read");
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeTransport();
        return data;
    }

    /** {@link #read(int)} with {@code n = -1}: everything up to the end of the stream. */
    public byte[] read() throws IOException {
        return read(-1);
    }

    private byte[] readToEof() throws IOException {
        // Bytes taken from the buffer are the caller's only once the whole read succeeds, as in
        // asyncio (whose loop of read(limit) drops the blocks read so far when it fails).
        ByteQueue out = new ByteQueue(0);
        while (true) {
            throwIfFailed();
            if (buffer.size() == 0) {
                if (eof) {
                    break;
                }
                waitForData("read");
                continue;
            }
            int n = buffer.size();
            byte[] block = buffer.take(n);
            out.append(block, 0, n);
            maybeResumeTransport();
        }
        return out.take(out.size());
    }

    /**
     * Reads one line ending in {@code \n} (included). At the end of the stream returns the
     * partial last line, or an empty array if nothing is left. A cancellation point when it
     * waits.
     *
     * @throws LimitOverrunError if no newline is found within the limit, or the line is longer
     *         than the limit: the line (up to and including its newline, if found; else the whole
     *         buffer) is discarded first, as asyncio does before raising {@code ValueError}
     * @throws IOException the exception set with {@link #setException}
     * @throws IllegalStateException if another task is waiting for data on this reader
     * @throws CancelledError if the task is cancelled while waiting; nothing is consumed
     */
    public byte[] readLine() throws IOException {
        try {
            return readUntil(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (buffer.startsWith(NEWLINE, e.consumed())) {
                buffer.discard(e.consumed() + NEWLINE.length);
            } else {
                buffer.clear();
            }
            maybeResumeTransport();
            throw e;
        }
    }

    /**
     * Reads exactly {@code n} bytes, suspending until they arrived. A cancellation point when it
     * waits. {@code n} may exceed the limit (the transport is resumed while the read waits).
     *
     * @throws IncompleteReadError if the stream ends first; it carries the bytes that arrived
     *         (which are consumed) and {@code n}
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IOException the exception set with {@link #setException}
     * @throws IllegalStateException if another task is waiting for data on this reader
     * @throws CancelledError if the task is cancelled while waiting; nothing is consumed
     */
    public byte[] readExactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return NONE;
        }
        while (buffer.size() < n) {
            if (eof) {
                throw new IncompleteReadError(buffer.take(buffer.size()), n);
            }
            waitForData("readExactly");
        }
        byte[] data = buffer.take(n);
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads up to and including a separator. With several separators, the shortest result that
     * ends in any of them wins (asyncio 3.13's tuple of separators). A cancellation point when
     * it waits.
     *
     * <p>The search gives up past the limit: then the bytes stay in the reader and
     * {@link LimitOverrunError#consumed()} says how many were searched.
     *
     * @throws LimitOverrunError if no separator is found within the limit (consumed: how far it
     *         searched) or the data before it is longer than the limit (consumed: where the
     *         separator starts); nothing is consumed
     * @throws IncompleteReadError if the stream ends before a separator; it carries every byte
     *         left (which are consumed) and an expected count of -1
     * @throws IllegalArgumentException if no separator is given or one is empty
     * @throws IOException the exception set with {@link #setException}
     * @throws IllegalStateException if another task is waiting for data on this reader
     * @throws CancelledError if the task is cancelled while waiting; nothing is consumed
     */
    public byte[] readUntil(byte[]... separators) throws IOException {
        if (separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] seps = separators.clone();
        Arrays.sort(seps, (a, b) -> Integer.compare(a.length, b.length));
        int minLen = seps[0].length;
        int maxLen = seps[seps.length - 1].length;
        if (minLen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        // Bytes before `offset` were searched already and cannot start a match.
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int buflen = buffer.size();
            if (buflen - offset >= minLen) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] sep : seps) {
                    int i = buffer.indexOf(sep, offset);
                    if (i >= 0 && (matchEnd < 0 || i + sep.length < matchEnd)) {
                        matchStart = i;
                        matchEnd = i + sep.length;
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, buflen + 1 - maxLen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                throw new IncompleteReadError(buffer.take(buffer.size()), -1);
            }
            waitForData("readUntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = buffer.take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * The lines of the stream, for a for-each loop: asyncio's {@code async for line in reader}.
     * Each {@code hasNext()} may suspend (a cancellation point) to read the next line with
     * {@link #readLine()}; iteration ends at the end of the stream.
     *
     * {@snippet :
     * for (byte[] line : reader.lines()) {
     *     handle(line);
     * }
     * }
     *
     * <p>An {@code IOException} from {@code readLine} is thrown as {@link UncheckedIOException}
     * (an {@code Iterator} cannot throw a checked one).
     */
    public Iterable<byte[]> lines() {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StreamReader[");
        s.append(buffer.size()).append(" bytes");
        if (eof) {
            s.append(", eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(", limit=").append(limit);
        }
        if (waiter.linked() > 0) {
            s.append(", waiter");
        }
        if (exception != null) {
            s.append(", exception=").append(exception);
        }
        if (transport != null) {
            s.append(", transport=").append(transport);
        }
        if (paused) {
            s.append(", paused");
        }
        return s.append(']').toString();
    }

    /*
     * Text. Lines are split on the byte '\n', so the charset must encode '\n' as that one byte
     * (UTF-8, US-ASCII, ISO-8859-1... but not UTF-16): checked up front rather than producing
     * garbage half-way through a stream. The names are not overloads of readLine()/lines():
     * an overload makes `reader::readLine` an inexact method reference, and then
     * `createTask(reader::readLine)` or `timeout(d, reader::readLine)` no longer compiles
     * ("reference to createTask is ambiguous").
     */

    /**
     * Reads one line and decodes it: {@link #readLine()}, then the bytes without their
     * {@code \n} (and a {@code \r} before it) as a {@code String}, as
     * {@link java.io.BufferedReader#readLine()} returns lines. A cancellation point when it waits.
     * Malformed input is replaced with U+FFFD, as {@link String#String(byte[], Charset)} does.
     *
     * {@snippet :
     * String line;
     * while ((line = reader.readTextLine(UTF_8)) != null) {
     *     writer.writeLine("echo: " + line);
     * }
     * }
     *
     * <p><b>Differs from asyncio</b> (which has no text mode: {@code (await reader.readline()).decode()}):
     * the terminator is dropped and the end of the stream is {@code null}, not an empty string, so
     * an empty line and the end stay apart. A last line without {@code \n} is returned as it is.
     *
     * @param charset how the bytes are decoded; it must encode {@code \n} as the single byte 0x0A
     * @return the line without its terminator, or {@code null} at the end of the stream
     * @throws IllegalArgumentException if {@code charset} does not encode {@code \n} as one byte
     *         0x0A (UTF-16, UTF-32), checked before anything is read
     * @throws LimitOverrunError as {@link #readLine()}: the line is longer than the limit
     * @throws IOException the exception set with {@link #setException}
     * @throws IllegalStateException if another task is waiting for data on this reader
     * @throws CancelledError if the task is cancelled while waiting; nothing is consumed
     */
    public String readTextLine(Charset charset) throws IOException {
        checkLineCharset(charset);
        byte[] line = readLine();
        if (line.length == 0) {
            return null;
        }
        int end = line.length;
        if (line[end - 1] == '\n') {
            end--;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
        }
        return new String(line, 0, end, charset);
    }

    /**
     * The decoded lines of the stream, for a for-each loop: {@link #readTextLine(Charset)} until the
     * end of the stream. Each {@code hasNext()} may suspend (a cancellation point).
     *
     * {@snippet :
     * for (String line : reader.textLines(UTF_8)) {
     *     writer.writeLine(line.toUpperCase());
     * }
     * }
     *
     * <p>An {@code IOException} from {@code readLine} is thrown as {@link UncheckedIOException}.
     *
     * @throws IllegalArgumentException if {@code charset} does not encode {@code \n} as one byte
     *         0x0A, at once rather than on the first {@code hasNext()}
     */
    public Iterable<String> textLines(Charset charset) {
        checkLineCharset(charset);
        return () -> new Iterator<>() {
            private String next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    try {
                        next = readTextLine(charset);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    ended = next == null;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                return line;
            }
        };
    }

    private static void checkLineCharset(Charset charset) {
        if (charset == null) {
            throw new NullPointerException("charset");
        }
        byte[] nl = "\n".getBytes(charset);
        if (nl.length != 1 || nl[0] != '\n') {
            throw new IllegalArgumentException(charset + " does not encode '\\n' as the single byte 0x0A,"
                    + " so lines cannot be split before decoding; read bytes and decode them yourself");
        }
    }
}
