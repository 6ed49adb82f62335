package io.jasyncio.stream;

import java.net.SocketException;

/**
 * A write to a connection (or pipe) whose other end is gone (EPIPE): asyncio's
 * {@code BrokenPipeError}. The bytes of the failed write were not delivered.
 *
 * <p><b>Differs from asyncio:</b> the JDK reports a broken pipe as a plain
 * {@link java.io.IOException} told apart only by its message; jasyncio turns it into this type,
 * keeping the JDK's exception as the cause.
 */
public class BrokenPipeException extends SocketException {
    private static final long serialVersionUID = 1L;

    /** A broken pipe with {@code message}. */
    public BrokenPipeException(String message) {
        super(message);
    }

    /** A broken pipe with {@code message}, caused by the JDK's {@code cause}. */
    public BrokenPipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
