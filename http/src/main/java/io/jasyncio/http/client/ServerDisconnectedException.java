package io.jasyncio.http.client;

import java.io.IOException;
import java.io.Serial;

/**
 * The server closed the connection before the response was complete: before its head, or inside
 * its body. aiohttp's {@code ServerDisconnectedError}. The pool retries a request once on a fresh
 * connection when this happens on a reused keep-alive connection before any response byte (the
 * server timed it out as the request went out), if the request is idempotent and its body can be
 * sent again; otherwise it reaches the caller.
 */
public class ServerDisconnectedException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the server and the moment. */
    public ServerDisconnectedException(String message) {
        super(message);
    }

    /** An exception with a message and the transport's error that closed the connection. */
    public ServerDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
