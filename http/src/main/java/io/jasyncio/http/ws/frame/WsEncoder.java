package io.jasyncio.http.ws.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The sending half of the WebSocket codec (RFC 6455 §5, RFC 7692): messages and control frames
 * in, the bytes of whole frames out, ready to write. A client's frames are masked with a fresh
 * key from {@code maskKeys} each; a server's are not. With {@code permessage-deflate} agreed,
 * data messages are compressed (RSV1 on their first frame); control frames never are. Not
 * thread-safe; one encoder per connection.
 *
 * {@snippet :
 * WsEncoder encoder = new WsEncoder(Role.CLIENT, null, new SecureRandom());
 * transport.write(encoder.text("hello"));
 * transport.write(encoder.close(CloseCodes.NORMAL, "bye"));
 * }
 *
 * <p>RFC 6455 §5.3 asks for unpredictable mask keys from "a strong source of entropy" so that
 * a script cannot choose the bytes a proxy sees; pass a {@link java.security.SecureRandom}
 * where untrusted code chooses the payloads (a browser-like setting), any fast generator
 * otherwise.
 */
public final class WsEncoder {
    /* Implementation notes: `open` is the opcode of a fragmented message being sent with
     * fragment(), null between messages; `openCompressed` whether it is compressed. A frame is
     * built in one array: header, then payload (compressed or copied), then masked in place. */
    private final Role role;
    private final PerMessageDeflate deflate;
    private final RandomGenerator maskKeys;
    private final ByteBuilder scratch = new ByteBuilder(256);
    private Opcode open;

    /**
     * An encoder for the side {@code role}.
     *
     * @param deflateOrNull the connection's agreed {@code permessage-deflate} state, or null
     * @param maskKeys the source of mask keys; may be null for a server, which does not mask
     * @throws NullPointerException when {@code role} is null, or {@code maskKeys} is null for a client
     */
    public WsEncoder(Role role, PerMessageDeflate deflateOrNull, RandomGenerator maskKeys) {
        this.role = Objects.requireNonNull(role, "role");
        this.deflate = deflateOrNull;
        this.maskKeys = role.masksOutgoing() ? Objects.requireNonNull(maskKeys, "maskKeys") : maskKeys;
    }

    /**
     * One frame holding a whole text message, UTF-8 encoded (a lone surrogate in {@code s}
     * becomes {@code ?}, as {@link String#getBytes} does).
     *
     * @throws IllegalStateException inside a fragmented message started with {@link #fragment}
     */
    public ByteBuffer text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return message(Opcode.TEXT, b, 0, b.length);
    }

    /**
     * One frame holding a whole binary message: the bytes between {@code data}'s position and
     * limit (the position is not moved).
     *
     * @throws IllegalStateException inside a fragmented message started with {@link #fragment}
     */
    public ByteBuffer binary(ByteBuffer data) {
        byte[] b = bytes(data);
        return message(Opcode.BINARY, b, 0, b.length);
    }

    private ByteBuffer message(Opcode opcode, byte[] b, int off, int len) {
        if (open != null) {
            throw new IllegalStateException("a fragmented " + open + " message is being sent: end it before another message");
        }
        return data(opcode, b, off, len, true);
    }

    /**
     * One frame of a message sent in pieces (streaming): {@link Opcode#TEXT} or
     * {@link Opcode#BINARY} for the first, {@link Opcode#CONTINUATION} for the others,
     * {@code fin} on the last. Control frames may be sent between the pieces. A text message's
     * pieces may split a UTF-8 sequence; the whole message must be valid UTF-8 (the peer checks).
     * With compression the pieces are parts of one compressed stream, as RFC 7692 §6.1 allows.
     *
     * @throws IllegalArgumentException for a control opcode
     * @throws IllegalStateException for a continuation with no message open, or a TEXT/BINARY
     *     while one is open
     */
    public ByteBuffer fragment(Opcode opcodeOrContinuation, ByteBuffer data, boolean fin) {
        Opcode op = Objects.requireNonNull(opcodeOrContinuation, "opcode");
        if (op.isControl()) {
            throw new IllegalArgumentException(op + " is a control opcode: use ping/pong/close");
        }
        if (op == Opcode.CONTINUATION && open == null) {
            throw new IllegalStateException("continuation with no fragmented message open");
        }
        if (op != Opcode.CONTINUATION && open != null) {
            throw new IllegalStateException("a fragmented " + open + " message is being sent: end it first");
        }
        byte[] b = bytes(data);
        ByteBuffer out = data(op, b, 0, b.length, fin);
        open = fin ? null : (op == Opcode.CONTINUATION ? open : op);
        return out;
    }

    private ByteBuffer data(Opcode op, byte[] b, int off, int len, boolean fin) {
        if (deflate == null) {
            return frame(op, fin, false, b, off, len);
        }
        scratch.size = 0;
        deflate.compress(b, off, len, fin, scratch);
        ByteBuffer out = frame(op, fin, op != Opcode.CONTINUATION, scratch.array, 0, scratch.size);
        scratch.clear();
        return out;
    }

    /**
     * A ping frame.
     *
     * @throws IllegalArgumentException when {@code payload} is longer than 125 bytes
     */
    public ByteBuffer ping(byte[] payload) {
        return control(Opcode.PING, payload);
    }

    /**
     * A pong frame (the answer to a ping carries the ping's payload; unsolicited pongs are a
     * heartbeat).
     *
     * @throws IllegalArgumentException when {@code payload} is longer than 125 bytes
     */
    public ByteBuffer pong(byte[] payload) {
        return control(Opcode.PONG, payload);
    }

    /**
     * A Close frame with {@code code} and {@code reason}; {@link CloseCodes#NO_STATUS} (1005)
     * gives a Close frame with no payload (the reason must then be empty), for echoing a Close
     * that had no code.
     *
     * @throws IllegalArgumentException when {@code code} may not be sent
     *     ({@link CloseCodes#sendable}) or the reason is longer than 123 bytes in UTF-8
     */
    public ByteBuffer close(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (code == CloseCodes.NO_STATUS) {
            if (r.length > 0) {
                throw new IllegalArgumentException("a Close frame without a code cannot carry a reason");
            }
            return control(Opcode.CLOSE, r);
        }
        if (!CloseCodes.sendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        if (r.length > 123) {
            throw new IllegalArgumentException("close reason of " + r.length + " bytes in UTF-8: at most 123");
        }
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        return control(Opcode.CLOSE, payload);
    }

    private ByteBuffer control(Opcode op, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException(op + " payload of " + payload.length + " bytes: at most 125");
        }
        return frame(op, true, false, payload, 0, payload.length);
    }

    private ByteBuffer frame(Opcode op, boolean fin, boolean rsv1, byte[] payload, int off, int len) {
        boolean mask = role.masksOutgoing();
        int head = 2 + (len > 0xFFFF ? 8 : len > 125 ? 2 : 0) + (mask ? 4 : 0);
        byte[] f = new byte[head + len];
        f[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | op.code());
        int p = 2;
        if (len > 0xFFFF) {
            f[1] = 127;
            for (int i = 7; i >= 0; i--) {
                f[p++] = (byte) ((long) len >>> (8 * i));
            }
        } else if (len > 125) {
            f[1] = 126;
            f[p++] = (byte) (len >>> 8);
            f[p++] = (byte) len;
        } else {
            f[1] = (byte) len;
        }
        int key = 0;
        if (mask) {
            f[1] |= (byte) 0x80;
            key = maskKeys.nextInt();
            f[p++] = (byte) (key >>> 24);
            f[p++] = (byte) (key >>> 16);
            f[p++] = (byte) (key >>> 8);
            f[p++] = (byte) key;
        }
        System.arraycopy(payload, off, f, p, len);
        if (mask) {
            Masking.apply(f, p, len, key, 0);
        }
        return ByteBuffer.wrap(f);
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(data.position(), b);
        return b;
    }
}
