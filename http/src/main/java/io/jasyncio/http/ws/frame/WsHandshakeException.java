package io.jasyncio.http.ws.frame;

import java.io.IOException;

/**
 * An opening handshake that RFC 6455 §4 refuses. On the server, {@link #status()} is the status to
 * answer with (400, or 426 with {@code Sec-WebSocket-Version: 13} for a version it does not speak);
 * on the client, it is the status the server answered (or 101 when the 101 itself was wrong).
 */
public class WsHandshakeException extends IOException {
    private final int status;

    /** A refused handshake with the status to answer (server) or the one received (client). */
    public WsHandshakeException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status: the one to answer on the server, the one received on the client. */
    public int status() {
        return status;
    }
}
