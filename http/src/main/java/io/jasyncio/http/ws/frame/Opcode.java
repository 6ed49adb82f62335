package io.jasyncio.http.ws.frame;

/** A frame's opcode (RFC 6455 §5.2); the reserved values are not represented: they fail the connection. */
public enum Opcode {
    /** A later fragment of a fragmented message. */
    CONTINUATION(0x0),
    /** The first frame of a text message (UTF-8). */
    TEXT(0x1),
    /** The first frame of a binary message. */
    BINARY(0x2),
    /** The close handshake; payload: an optional code and reason. */
    CLOSE(0x8),
    /** A ping; the peer answers with a pong carrying the same payload. */
    PING(0x9),
    /** A pong, solicited or not. */
    PONG(0xA);

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Whether this is a control frame (close, ping, pong): at most 125 bytes, never fragmented. */
    public boolean isControl() {
        return code >= 0x8;
    }

    /**
     * The opcode for a wire value.
     *
     * @throws IllegalArgumentException for a reserved value (0x3-0x7, 0xB-0xF)
     */
    public static Opcode of(int code) {
        return switch (code) {
            case 0x0 -> CONTINUATION;
            case 0x1 -> TEXT;
            case 0x2 -> BINARY;
            case 0x8 -> CLOSE;
            case 0x9 -> PING;
            case 0xA -> PONG;
            default -> throw new IllegalArgumentException("reserved opcode 0x" + Integer.toHexString(code));
        };
    }
}
