package io.jasyncio;

import java.io.Serial;

/**
 * A deadline passed: raised by {@link Timeout}, {@link Asyncio#waitFor} and
 * {@link Asyncio#asCompleted}. asyncio raises the built-in {@code TimeoutError}; this one is
 * unchecked, and its cause is the {@link CancelledError} that interrupted the work, when there
 * was one.
 */
public class AsyncTimeoutException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A timeout with a message. */
    public AsyncTimeoutException(String message) {
        super(message);
    }

    /** A timeout that cancelled the work, which ended with {@code cause}. */
    public AsyncTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
