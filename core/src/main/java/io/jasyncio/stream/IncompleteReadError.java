package io.jasyncio.stream;

import java.io.EOFException;

/**
 * The stream ended before a read got what it asked for: asyncio's {@code IncompleteReadError},
 * thrown by {@link StreamReader#readExactly(int)} and {@link StreamReader#readUntil(byte[]...)}.
 *
 * <p>The bytes that did arrive are in {@link #partial()}: the reader gave them up, so a caller
 * that wants them takes them from here. Like asyncio's (an {@code EOFError}), it is an
 * {@link EOFException}, so code that reads to the end can catch that.
 */
public class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * An error for a read that got {@code partial} out of {@code expected} bytes.
     *
     * @param partial the bytes read before the end of the stream; kept, not copied
     * @param expected how many bytes the read wanted, or -1 if it did not know (a
     *        {@code readUntil}); asyncio uses {@code None} for that
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (the array itself, not a copy). */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes the read wanted in total, or -1 if unknown ({@code readUntil}). */
    public int expected() {
        return expected;
    }
}
