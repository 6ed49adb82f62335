package io.jasyncio.stream;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;

/** Turns the JDK's socket errors, told apart only by message, into the types asyncio has. */
final class SocketErrors {
    /*
     * Implementation notes.
     *
     * The JDK reports ECONNREFUSED as ConnectException("Connection refused"), ECONNRESET as
     * SocketException("Connection reset") on reads and IOException("Connection reset by peer")
     * elsewhere, and EPIPE as IOException("Broken pipe"). Only the strerror text tells them
     * apart, so that is what is matched; anything else is returned unchanged.
     */
    private SocketErrors() {
    }

    /** {@code e} as a {@link ConnectionRefusedException}, {@link ConnectionResetException} or {@link BrokenPipeException}, else {@code e}. */
    static IOException classify(IOException e) {
        return classify(e, e.getMessage());
    }

    /** {@link #classify(IOException)} with the message the new exception carries. */
    static IOException classify(IOException e, String message) {
        if (e instanceof ConnectionRefusedException || e instanceof ConnectionResetException || e instanceof BrokenPipeException) {
            return e;
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException && m.contains("refused")) {
            return new ConnectionRefusedException(message, e);
        }
        if (m.contains("connection reset")) {
            return new ConnectionResetException(message, e);
        }
        if (m.contains("broken pipe")) {
            return new BrokenPipeException(message, e);
        }
        return e;
    }
}
