package io.jasyncio.uring;

import io.jasyncio.stream.BrokenPipeException;
import io.jasyncio.stream.ConnectionRefusedException;
import io.jasyncio.stream.ConnectionResetException;
import java.io.IOException;

/**
 * The negative errno of a socket operation's completion as the exception core's readiness
 * transport would throw for the same failure: {@link ConnectionResetException},
 * {@link BrokenPipeException}, {@link ConnectionRefusedException}, else an {@link IOException}
 * naming the error.
 */
final class UringSocketErrors {
    static final int EPIPE = 32;
    static final int EAGAIN = 11;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EALREADY = 114;
    static final int ECONNRESET = 104;
    static final int ECONNREFUSED = 111;
    static final int ENOBUFS = 105;
    static final int ECANCELED = 125;
    static final int ETIMEDOUT = 110;
    static final int ENOTCONN = 107;

    private UringSocketErrors() {
    }

    /** {@code e} from a JDK socket call as the same type core's transport would report (matched by strerror text, as core does). */
    static IOException classify(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (e instanceof ConnectionResetException || e instanceof BrokenPipeException) {
            return e;
        }
        if (m.contains("connection reset")) {
            return new ConnectionResetException(e.getMessage(), e);
        }
        if (m.contains("broken pipe")) {
            return new BrokenPipeException(e.getMessage(), e);
        }
        return e;
    }

    /** The exception for {@code res} ({@code -errno}) of the operation {@code op} ("recv", "send"). */
    static IOException of(int res, String op) {
        int errno = -res;
        return switch (errno) {
            case ECONNRESET -> new ConnectionResetException("Connection reset by peer (" + op + ")");
            case EPIPE -> new BrokenPipeException("Broken pipe (" + op + ")");
            case ECONNREFUSED -> new ConnectionRefusedException("Connection refused (" + op + ")");
            case ETIMEDOUT -> new IOException("Connection timed out (" + op + ")");
            case ENOTCONN -> new IOException("Socket is not connected (" + op + ")");
            default -> new IOException(op + " failed: errno " + errno);
        };
    }
}
