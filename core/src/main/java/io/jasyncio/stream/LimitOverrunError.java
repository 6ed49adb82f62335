package io.jasyncio.stream;

import java.io.IOException;

/**
 * A read looking for a separator passed the reader's limit: asyncio's {@code LimitOverrunError},
 * thrown by {@link StreamReader#readUntil(byte[]...)} and {@link StreamReader#readLine()}.
 *
 * <p>{@link #consumed()} says how many bytes the separator search went through. After
 * {@code readUntil} those bytes are still in the reader: read them (say with
 * {@code readExactly(consumed)}) or give up on the stream. {@code readLine} has already discarded
 * them (see there).
 *
 * <p><b>Differs from asyncio</b> only in its base class: an {@link IOException}, because a
 * stream whose records do not fit the limit is an input error every reader of the stream already
 * handles.
 */
public class LimitOverrunError extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * An overrun after {@code consumed} bytes.
     *
     * @param message what was (not) found
     * @param consumed how many bytes the search went through
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes the search went through before giving up. */
    public int consumed() {
        return consumed;
    }
}
