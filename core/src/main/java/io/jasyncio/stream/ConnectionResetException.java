package io.jasyncio.stream;

import java.net.SocketException;

/**
 * The peer reset the connection (TCP RST): asyncio's {@code ConnectionResetError}. A peer that
 * aborts, or closes with bytes it never read, resets; so a reset means data may have been lost,
 * where an orderly end (a read of end-of-stream) means it was not.
 *
 * <p>Thrown by reads and writes on stream connections and by the {@code sock*} operations of
 * {@link Network}, and passed to {@code connectionLost}; {@link StreamWriter#drain()} after the
 * connection was lost throws one with the message {@code Connection lost}, as asyncio does.
 *
 * <p><b>Differs from asyncio:</b> the JDK reports resets as plain {@link SocketException}s (or
 * {@link java.io.IOException}s) told apart only by their message; jasyncio turns them into this
 * type, keeping the JDK's exception as the cause.
 */
public class ConnectionResetException extends SocketException {
    private static final long serialVersionUID = 1L;

    /** A reset with {@code message}. */
    public ConnectionResetException(String message) {
        super(message);
    }

    /** A reset with {@code message}, caused by the JDK's {@code cause}. */
    public ConnectionResetException(String message, Throwable cause) {
        super(message, cause);
    }
}
