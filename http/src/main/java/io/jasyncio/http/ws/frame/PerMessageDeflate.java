package io.jasyncio.http.ws.frame;

import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The {@code permessage-deflate} extension (RFC 7692): the negotiation (static methods) and one
 * connection's compression state (an instance, shared by that connection's {@link WsEncoder} and
 * {@link WsDecoder}). Call {@link #close()} when the connection ends: it frees the native zlib
 * memory.
 *
 * {@snippet :
 * // client
 * String offer = PerMessageDeflate.offer(PerMessageDeflate.Params.DEFAULTS);   // Sec-WebSocket-Extensions
 * PerMessageDeflate.Params agreed = PerMessageDeflate.checkResponse(responseHeaderOrNull, PerMessageDeflate.Params.DEFAULTS);
 * PerMessageDeflate deflate = agreed == null ? null : new PerMessageDeflate(Role.CLIENT, agreed);
 * }
 *
 * <p>Window sizes: {@link java.util.zip.Deflater} cannot be given a window smaller than 32 KiB,
 * so when the peer limits the window this side compresses with ({@code client_max_window_bits}
 * on a client, {@code server_max_window_bits} on a server) the input is compressed in blocks of
 * at most 2<sup>bits</sup> bytes, each ended by a full flush and with the context dropped
 * between messages: no back-reference reaches further than the peer's window allows, at some
 * cost in ratio. Decompression always uses a 32 KiB window, which reads any smaller one. Unlike
 * aiohttp, which accepts {@code client_max_window_bits} only as 15 or absent, any offer from 8
 * to 15 is accepted.
 */
public final class PerMessageDeflate {
    /* Implementation notes: each direction is one raw-deflate stream (nowrap) across messages;
     * a message is the stream's bytes up to a sync flush, minus the flush's 00 00 FF FF tail,
     * which the receiver appends again before inflating the end of the message (RFC 7692 §7.2.2).
     * "No context takeover" for the sending side resets the Deflater after each message; the
     * receiving side never needs to reset, since a peer that drops its context simply stops
     * referring to it. */

    /**
     * Negotiated (or wanted) parameters; window bits 8-15, 15 meaning "not limited".
     *
     * @param serverNoContextTakeover the server resets its compression context after each message
     * @param clientNoContextTakeover the client resets its compression context after each message
     * @param serverMaxWindowBits the largest window the server compresses with
     * @param clientMaxWindowBits the largest window the client compresses with
     */
    public record Params(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, int clientMaxWindowBits) {
        /** Context takeover both ways, 32 KiB windows: the best ratio, what browsers offer. */
        public static final Params DEFAULTS = new Params(false, false, 15, 15);

        /** @throws IllegalArgumentException when a window size is outside 8-15 */
        public Params {
            if (serverMaxWindowBits < 8 || serverMaxWindowBits > 15 || clientMaxWindowBits < 8 || clientMaxWindowBits > 15) {
                throw new IllegalArgumentException("permessage-deflate window bits must be 8-15: server "
                        + serverMaxWindowBits + ", client " + clientMaxWindowBits);
            }
        }
    }

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater;
    private final Inflater inflater;
    private final boolean resetAfterMessage;
    private final int blockSize;

    /**
     * The compression state of one connection, for the side {@code role} with the agreed
     * parameters (the result of {@link #accept} or {@link #checkResponse}).
     */
    public PerMessageDeflate(Role role, Params agreed) {
        boolean client = role == Role.CLIENT;
        int bits = client ? agreed.clientMaxWindowBits() : agreed.serverMaxWindowBits();
        this.resetAfterMessage = bits < 15 || (client ? agreed.clientNoContextTakeover() : agreed.serverNoContextTakeover());
        this.blockSize = bits < 15 ? 1 << bits : Integer.MAX_VALUE;
        this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        this.inflater = new Inflater(true);
    }

    /** The client's offer: a {@code Sec-WebSocket-Extensions} value asking for {@code wanted}. */
    public static String offer(Params wanted) {
        return PerMessageDeflateNegotiation.offer(wanted);
    }

    /**
     * The server's choice among the client's offers (every {@code Sec-WebSocket-Extensions} value
     * of the request, in order): the parameters of the first valid {@code permessage-deflate}
     * offer, or null when there is none (then answer without the extension). Malformed values and
     * offers with unknown or repeated parameters are skipped, not fatal.
     */
    public static Params accept(List<String> offeredHeaderValues) {
        return PerMessageDeflateNegotiation.accept(offeredHeaderValues);
    }

    /** The server's {@code Sec-WebSocket-Extensions} value for what it {@link #accept accepted}. */
    public static String response(Params agreed) {
        return PerMessageDeflateNegotiation.response(agreed);
    }

    /**
     * The client's check of the server's {@code Sec-WebSocket-Extensions} against its offer.
     *
     * @param headerValue the response's header value, null when absent (no compression)
     * @return the agreed parameters, or null when the server declined
     * @throws WsHandshakeException (status 101) when the response names another extension, is
     *     malformed, or has parameters the offer did not allow (RFC 7692 §5, §7.1)
     */
    public static Params checkResponse(String headerValue, Params offered) throws WsHandshakeException {
        return PerMessageDeflateNegotiation.checkResponse(headerValue, offered);
    }

    /** Frees the native zlib state; later compression or decompression throws IllegalStateException. Idempotent. */
    public void close() {
        deflater.end();
        inflater.end();
    }

    /**
     * Compresses {@code data[off, off+len)} as (part of) a message and appends it to {@code out};
     * with {@code fin} the message ends: the sync-flush tail is left out and the context reset
     * when no context takeover was agreed.
     */
    void compress(byte[] data, int off, int len, boolean fin, ByteBuilder out) {
        int end = off + len;
        int p = off;
        int before = out.size;
        do {
            int n = Math.min(end - p, blockSize);
            deflater.setInput(data, p, n);
            p += n;
            // a full flush per block keeps back-references inside a window smaller than Deflater's
            drain(blockSize == Integer.MAX_VALUE ? Deflater.SYNC_FLUSH : Deflater.FULL_FLUSH, n, out);
        } while (p < end);
        if (fin) {
            if (out.size - before >= TAIL.length) {
                out.size -= TAIL.length; // the flush above ended with the empty stored block 00 00 FF FF
            } else {
                // zlib flushes nothing when nothing is pending; one 0x00 plus the tail the receiver
                // appends is an empty stored block (RFC 7692 §7.2.3.6)
                out.append(0);
            }
            if (resetAfterMessage) {
                deflater.reset();
            }
        }
    }

    private void drain(int flush, int inputSize, ByteBuilder out) {
        while (true) {
            out.ensure(Math.max(64, inputSize / 2 + 64));
            int room = out.array.length - out.size;
            int n = deflater.deflate(out.array, out.size, room, flush);
            out.size += n;
            if (n < room) { // the flush is complete (Deflater's contract for SYNC_FLUSH and FULL_FLUSH)
                return;
            }
        }
    }

    /**
     * Inflates {@code in[off, off+len)} (part of a message's payload, or with {@code end} its
     * last part, after which the tail is appended) into {@code out}, refusing to let
     * {@code out} grow past {@code limit} bytes.
     *
     * @return false when the output would pass {@code limit} (the message is too big)
     * @throws DataFormatException on corrupt compressed data
     */
    boolean decompress(byte[] in, int off, int len, boolean end, ByteBuilder out, int limit) throws DataFormatException {
        if (len > 0 && !inflate(in, off, len, out, limit)) {
            return false;
        }
        return !end || inflate(TAIL, 0, TAIL.length, out, limit);
    }

    private boolean inflate(byte[] in, int off, int len, ByteBuilder out, int limit) throws DataFormatException {
        inflater.setInput(in, off, len);
        while (true) {
            if (inflater.finished()) {
                // BFINAL ended the stream: what follows (if anything) starts a new one
                int rest = inflater.getRemaining();
                inflater.reset();
                if (rest == 0) {
                    return true;
                }
                inflater.setInput(in, off + len - rest, rest);
            }
            int room = limit - out.size + 1; // one byte more than allowed detects "too big"
            out.ensure(Math.min(room, 16 * 1024));
            int n = inflater.inflate(out.array, out.size, Math.min(room, out.array.length - out.size));
            out.size += n;
            if (out.size > limit) {
                return false;
            }
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("deflate stream asks for a preset dictionary");
                }
                if (inflater.needsInput()) {
                    return true;
                }
                if (!inflater.finished()) {
                    throw new DataFormatException("inflater made no progress");
                }
            }
        }
    }
}
