package io.jasyncio.stream;

import java.net.ConnectException;

/**
 * Nobody listens at the address a connect went to (the peer answered with a reset): asyncio's
 * {@code ConnectionRefusedError}. Thrown by {@link Network#createConnection} and the stream
 * openers (the last refusal, naming the address, when every address refused) and by
 * {@code sockConnect}.
 *
 * <p>It is a {@link ConnectException}, the JDK's type for a failed connect, so code written
 * against the JDK still catches it; a connect that fails otherwise (timed out, no route, reset
 * during the handshake: {@link ConnectionResetException}) is not one.
 */
public class ConnectionRefusedException extends ConnectException {
    private static final long serialVersionUID = 1L;

    /** A refusal with {@code message}. */
    public ConnectionRefusedException(String message) {
        super(message);
    }

    /** A refusal with {@code message}, caused by the JDK's {@code cause}. */
    public ConnectionRefusedException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
