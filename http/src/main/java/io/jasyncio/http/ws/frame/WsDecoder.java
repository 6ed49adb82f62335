package io.jasyncio.http.ws.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;

/**
 * The receiving half of the WebSocket codec (RFC 6455 §5, RFC 7692): bytes in, {@link WsEvent}s
 * out. Sans-IO: {@link #feed} what the socket delivered, then call {@link #next} until it
 * returns null. Not thread-safe; one decoder per connection.
 *
 * {@snippet :
 * WsDecoder decoder = new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, null);
 * decoder.feed(bytesFromSocket);
 * for (WsEvent e; (e = decoder.next()) != null; ) {
 *     switch (e) {
 *         case WsEvent.Text t -> handle(t.text());
 *         case WsEvent.Ping p -> send(encoder.pong(p.payload()));
 *         case WsEvent.Failure f -> { send(encoder.close(f.closeCode(), "")); closeSoon(); }
 *         default -> { }
 *     }
 * }
 * }
 *
 * <p>It is strict where RFC 6455 says "MUST fail the connection", and reports a
 * {@link WsEvent.Failure} with the close code to send: 1002 for a frame masked or unmasked
 * against the {@code role} (a server requires masked frames, a client unmasked ones), a reserved
 * opcode, RSV bits other than RSV1 on the first frame of a compressed message (only when
 * {@code permessage-deflate} was agreed), a control frame longer than 125 bytes or fragmented, a
 * continuation without a message to continue, a new message inside a fragmented one, a 64-bit
 * length with its top bit set, a length not in its minimal form (§5.2's MUST, enforced as
 * Chromium does), a Close payload of one byte or with a code that may not be sent; 1007 for
 * invalid UTF-8 in a text message (checked incrementally across fragments, so a message is refused
 * at its first bad byte, not when it is whole) or in a close reason, and for corrupt compressed
 * data; 1009 for a frame longer than {@link WsLimits#maxFrameSize()} or a message longer than
 * {@link WsLimits#maxMessageSize()} (announced lengths are checked at the header; decompressed
 * output as it is produced, so a zip bomb stops at the limit). Control frames may arrive between
 * the fragments of a message. After a {@link WsEvent.Close} it produces nothing more and ignores
 * later input (§5.5.1: nothing follows a Close).
 *
 * <p>Compared with aiohttp's reader, which reassembles in Python and checks UTF-8 when a message
 * is complete, this checks as bytes arrive; aiohttp accepts non-minimal lengths.
 */
public final class WsDecoder {
    /* Implementation notes: states HEADER -> (DATA | CONTROL) -> HEADER ..., CLOSED after a Close,
     * FAILED (sticky) after an error. Input is kept in buf[start, end); a data payload is consumed
     * as it arrives (unmasked in place, then appended to `message` or fed to the inflater), so
     * only control payloads (<= 125 bytes) and headers (<= 14 bytes) wait in buf. `message`
     * holds the message being reassembled; `utf8` has checked message.array[0, checked). */
    private enum State { HEADER, DATA, CONTROL, CLOSED, FAILED }

    private final Role role;
    private final WsLimits limits;
    private final PerMessageDeflate deflate;

    private byte[] buf = new byte[256];
    private int start;
    private int end;

    private State state = State.HEADER;
    private WsEvent.Failure failure;

    private Opcode frameOpcode;
    private boolean frameFin;
    private boolean frameMasked;
    private int maskKey;
    private int maskPos;
    private long remaining;

    private Opcode messageOpcode; // TEXT or BINARY while a message is open, else null
    private boolean messageCompressed;
    private final ByteBuilder message = new ByteBuilder(256);
    private final Utf8Check utf8 = new Utf8Check();
    private int checked;

    /**
     * A decoder for the side {@code role}.
     *
     * @param deflateOrNull the connection's agreed {@code permessage-deflate} state, or null
     *     when none was negotiated (then RSV1 fails the connection)
     */
    public WsDecoder(Role role, WsLimits limits, PerMessageDeflate deflateOrNull) {
        this.role = Objects.requireNonNull(role, "role");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.deflate = deflateOrNull;
    }

    /**
     * Adds received bytes (from position to limit; the buffer's position moves to its limit).
     * The decoder copies what it keeps. Ignored after a Close or a Failure.
     */
    public void feed(ByteBuffer data) {
        int n = data.remaining();
        if (state == State.CLOSED || state == State.FAILED) {
            data.position(data.limit());
            return;
        }
        if (start == end) {
            start = end = 0;
            if (buf.length > 64 * 1024 && n <= 64 * 1024) {
                buf = new byte[4096]; // one large frame does not pin its buffer for the connection's life
            }
        }
        if (buf.length - end < n) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (buf.length - end < n) {
                buf = Arrays.copyOf(buf, Math.max(end + n, buf.length * 2));
            }
        }
        data.get(buf, end, n);
        end += n;
    }

    /** How many bytes were fed and not yet consumed (a partial header or control frame, usually). */
    public int buffered() {
        return end - start;
    }

    /**
     * The next event, or null when more bytes are needed (or after a Close). After a
     * {@link WsEvent.Failure} it returns that same failure on every call.
     */
    public WsEvent next() {
        while (true) {
            switch (state) {
                case FAILED:
                    return failure;
                case CLOSED:
                    return null;
                case HEADER:
                    if (!header()) {
                        return state == State.FAILED ? failure : null;
                    }
                    break;
                case CONTROL:
                    if (end - start < remaining) {
                        return null;
                    }
                    return control();
                case DATA:
                    WsEvent e = data();
                    if (e != null || state == State.DATA) {
                        return e;
                    }
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
    }

    /** Parses a frame header when it is all there; false when it is not (or failed). */
    private boolean header() {
        int avail = end - start;
        if (avail < 2) {
            return false;
        }
        int b0 = buf[start] & 0xFF;
        int b1 = buf[start + 1] & 0xFF;
        int len7 = b1 & 0x7F;
        boolean masked = (b1 & 0x80) != 0;
        int size = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (avail < size) {
            return false;
        }
        boolean fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcodeBits = b0 & 0x0F;
        if ((b0 & 0x30) != 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "RSV2/RSV3 set: no extension defines them");
        }
        Opcode opcode;
        try {
            opcode = Opcode.of(opcodeBits);
        } catch (IllegalArgumentException e) {
            return fail(CloseCodes.PROTOCOL_ERROR, e.getMessage());
        }
        if (masked != (role == Role.SERVER)) {
            return fail(CloseCodes.PROTOCOL_ERROR, role == Role.SERVER
                    ? "unmasked frame from a client" : "masked frame from a server");
        }
        int p = start + 2;
        long len = len7;
        if (len7 == 126) {
            len = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
            p += 2;
            if (len < 126) {
                return fail(CloseCodes.PROTOCOL_ERROR, "length " + len + " not in its minimal form (16-bit)");
            }
        } else if (len7 == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (buf[p + i] & 0xFF);
            }
            p += 8;
            if (len < 0) {
                return fail(CloseCodes.PROTOCOL_ERROR, "64-bit length with its most significant bit set");
            }
            if (len <= 0xFFFF) {
                return fail(CloseCodes.PROTOCOL_ERROR, "length " + len + " not in its minimal form (64-bit)");
            }
        }
        if (opcode.isControl()) {
            if (!fin) {
                return fail(CloseCodes.PROTOCOL_ERROR, "fragmented " + opcode + " frame");
            }
            if (len > 125) {
                return fail(CloseCodes.PROTOCOL_ERROR, opcode + " frame of " + len + " bytes: control frames hold at most 125");
            }
            if (rsv1) {
                return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a " + opcode + " frame");
            }
        } else if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode == null) {
                return fail(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
            if (rsv1) {
                return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
            }
        } else {
            if (messageOpcode != null) {
                return fail(CloseCodes.PROTOCOL_ERROR, "new " + opcode + " message inside a fragmented " + messageOpcode + " message");
            }
            if (rsv1 && deflate == null) {
                return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set but permessage-deflate was not negotiated");
            }
        }
        if (!opcode.isControl()) {
            if (len > limits.maxFrameSize()) {
                return fail(CloseCodes.TOO_BIG, "frame of " + len + " bytes: the limit is " + limits.maxFrameSize());
            }
            boolean compressed = opcode == Opcode.CONTINUATION ? messageCompressed : rsv1;
            if (!compressed && message.size + len > limits.maxMessageSize()) {
                return fail(CloseCodes.TOO_BIG, "message of at least " + (message.size + len)
                        + " bytes: the limit is " + limits.maxMessageSize());
            }
            if (opcode != Opcode.CONTINUATION) {
                messageOpcode = opcode;
                messageCompressed = rsv1;
            }
        }
        if (masked) {
            maskKey = ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
            p += 4;
        }
        start = p;
        frameOpcode = opcode;
        frameFin = fin;
        frameMasked = masked;
        maskPos = 0;
        remaining = len;
        state = opcode.isControl() ? State.CONTROL : State.DATA;
        return true;
    }

    /** Consumes what is there of a data frame's payload; the message when it is complete. */
    private WsEvent data() {
        int n = (int) Math.min(remaining, end - start);
        if (frameMasked && n > 0) {
            maskPos = Masking.apply(buf, start, n, maskKey, maskPos);
        }
        remaining -= n;
        boolean last = remaining == 0 && frameFin;
        if (messageCompressed) {
            try {
                if (!deflate.decompress(buf, start, n, last, message, limits.maxMessageSize())) {
                    start += n;
                    // the bytes inflated within the limit are checked first, so that the error does
                    // not depend on how the input was split (found by fuzzing)
                    if (messageOpcode == Opcode.TEXT && !utf8.update(message.array, checked, limits.maxMessageSize() - checked)) {
                        return failure(CloseCodes.INVALID_DATA, "invalid UTF-8 in a text message");
                    }
                    return failure(CloseCodes.TOO_BIG, "message inflates past the limit of " + limits.maxMessageSize() + " bytes");
                }
            } catch (DataFormatException e) {
                start += n;
                return failure(CloseCodes.INVALID_DATA, "corrupt compressed data: " + e.getMessage());
            }
        } else {
            message.append(buf, start, n);
        }
        start += n;
        if (messageOpcode == Opcode.TEXT) {
            if (!utf8.update(message.array, checked, message.size - checked)) {
                return failure(CloseCodes.INVALID_DATA, "invalid UTF-8 in a text message");
            }
            checked = message.size;
        }
        if (remaining > 0) {
            return null;
        }
        state = State.HEADER;
        if (!frameFin) {
            return null;
        }
        WsEvent e;
        if (messageOpcode == Opcode.TEXT) {
            if (!utf8.complete()) {
                return failure(CloseCodes.INVALID_DATA, "text message ends inside a UTF-8 sequence");
            }
            e = new WsEvent.Text(new String(message.array, 0, message.size, StandardCharsets.UTF_8));
        } else {
            e = new WsEvent.Binary(message.toArray());
        }
        messageOpcode = null;
        message.clear();
        utf8.reset();
        checked = 0;
        return e;
    }

    /** Decodes a whole control frame (its payload is in buf). */
    private WsEvent control() {
        int n = (int) remaining;
        if (frameMasked) {
            Masking.apply(buf, start, n, maskKey, 0);
        }
        byte[] payload = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        remaining = 0;
        state = State.HEADER;
        return switch (frameOpcode) {
            case PING -> new WsEvent.Ping(payload);
            case PONG -> new WsEvent.Pong(payload);
            case CLOSE -> close(payload);
            default -> throw new AssertionError(frameOpcode);
        };
    }

    private WsEvent close(byte[] payload) {
        if (payload.length == 0) {
            state = State.CLOSED;
            start = end;
            return new WsEvent.Close(CloseCodes.NO_STATUS, "");
        }
        if (payload.length == 1) {
            return failure(CloseCodes.PROTOCOL_ERROR, "Close frame with a 1-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.sendable(code)) {
            return failure(CloseCodes.PROTOCOL_ERROR, "Close frame with code " + code + ", which may not be sent");
        }
        if (!Utf8Check.valid(payload, 2, payload.length - 2)) {
            return failure(CloseCodes.INVALID_DATA, "Close frame whose reason is not UTF-8");
        }
        state = State.CLOSED;
        start = end;
        return new WsEvent.Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    private boolean fail(int code, String reason) {
        failure(code, reason);
        return false;
    }

    private WsEvent.Failure failure(int code, String reason) {
        failure = new WsEvent.Failure(code, reason);
        state = State.FAILED;
        start = end;
        message.clear();
        return failure;
    }
}
