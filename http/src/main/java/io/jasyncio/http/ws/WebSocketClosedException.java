package io.jasyncio.http.ws;

import java.io.IOException;

/**
 * A {@link WebSocket} operation found the connection closed: {@link WebSocket#receive} after the
 * close, {@link WebSocket#send} once the close handshake has begun or the connection is gone.
 * Carries the close code and reason ({@link WebSocket#closeCode()}): the peer's when it sent a
 * Close frame, the code this side failed the connection with, or 1006 when the connection ended
 * without a Close frame. websockets' {@code ConnectionClosed}; aiohttp returns a CLOSED message
 * instead of raising.
 */
public class WebSocketClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    /** An exception for a connection closed with {@code code} and {@code reason}. */
    public WebSocketClosedException(int code, String reason) {
        super("the WebSocket is closed: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close code (1000 normal, 1001 going away, 1006 abnormal: no Close frame, ...). */
    public int code() {
        return code;
    }

    /** The close reason; empty when there was none. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the close was orderly: 1000 (normal), 1001 (going away) or 1005 (a Close frame
     * without a code). Iterating a {@link WebSocket} ends quietly on such a close and throws on
     * any other (websockets' {@code ConnectionClosedOK} against {@code ConnectionClosedError}).
     */
    public boolean isNormal() {
        return code == 1000 || code == 1001 || code == 1005;
    }
}
