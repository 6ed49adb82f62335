package io.jasyncio.http.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A streaming decoder for a response's {@code Content-Encoding}: {@code gzip} and its alias
 * {@code x-gzip} (RFC 1952, several members one after another as {@code gunzip} reads them, each
 * member's CRC-32 and length checked), and {@code deflate} in both forms servers send: the zlib
 * wrapper RFC 9110 names (RFC 1950, Adler-32 checked) and raw deflate (RFC 1951), told apart by
 * the first two bytes as browsers do. Sans-IO: feed the body's pieces as they arrive, in any
 * split.
 *
 * {@snippet :
 * ContentDecoder dec = ContentDecoder.forEncoding(headers.get("Content-Encoding"));   // null: identity
 * try {
 *     for (ByteBuffer piece : bodyPieces) {
 *         // each call returns at most 64 KiB: call again with an empty buffer until nothing comes
 *         for (ByteBuffer out = dec.decode(piece); out.hasRemaining(); out = dec.decode(ContentDecoder.EMPTY)) {
 *             consume(out);
 *         }
 *     }
 *     dec.finish();   // a truncated body is an error, not a short one
 * } finally {
 *     dec.close();
 * }
 * }
 *
 * <p>Bounded work per call: one call produces at most {@link #MAX_OUTPUT} bytes, so a small
 * compressed body that inflates to gigabytes (a zip bomb) never lands in memory at once; the
 * caller decides how much decoded output it accepts. Unlike aiohttp, which ignores bytes after
 * the end of a deflate stream and reads only the first gzip member's check values when it can,
 * this reports trailing garbage and bad checksums as errors. Stacked codings
 * ({@code Content-Encoding: deflate, gzip}) are refused. Not thread-safe.
 */
public final class ContentDecoder {
    /* Implementation notes: input is copied into in[inStart, inEnd) (the caller's buffers are
     * consumed at once); the Inflater is given that range before each inflate and inStart moved by
     * what it consumed. gzip is a loop of HEADER -> BODY -> TRAILER states per member; deflate is
     * one BODY state whose zlib-or-raw choice waits for two bytes (DETECT). DONE after the
     * stream's end: more input is trailing garbage, except another gzip member. */
    private enum State { DETECT, HEADER, BODY, TRAILER, DONE }

    /** An empty buffer, to ask for more output from input already fed. */
    public static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** The most bytes one {@link #decode} call returns: 64 KiB. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private static final int MAX_GZIP_HEADER = 64 * 1024;

    private final boolean gzip;
    private Inflater inflater;
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private boolean anyMember;
    private State state;
    private byte[] in = new byte[0];
    private int inStart;
    private int inEnd;
    private final String encoding;
    private boolean fedAny;

    private ContentDecoder(boolean gzip, String encoding) {
        this.gzip = gzip;
        this.encoding = encoding;
        this.state = gzip ? State.HEADER : State.DETECT;
        if (gzip) {
            inflater = new Inflater(true);
        }
    }

    /**
     * A decoder for a {@code Content-Encoding} value, or null when the body needs none (no header,
     * empty, or only {@code identity}). Names are matched case-insensitively.
     *
     * @throws IllegalArgumentException for a coding other than gzip, x-gzip, deflate and identity
     *     (br, zstd, compress...), or more than one non-identity coding; the message names it
     */
    public static ContentDecoder forEncoding(String contentEncodingHeader) {
        if (contentEncodingHeader == null) {
            return null;
        }
        String coding = null;
        for (String part : contentEncodingHeader.split(",")) {
            String c = part.strip().toLowerCase(Locale.ROOT);
            if (c.isEmpty() || c.equals("identity")) {
                continue;
            }
            if (!c.equals("gzip") && !c.equals("x-gzip") && !c.equals("deflate")) {
                throw new IllegalArgumentException("unsupported Content-Encoding \"" + c + "\": only gzip, x-gzip, deflate, identity");
            }
            if (coding != null) {
                throw new IllegalArgumentException("stacked Content-Encoding is not supported: " + contentEncodingHeader);
            }
            coding = c;
        }
        return coding == null ? null : new ContentDecoder(!coding.equals("deflate"), coding);
    }

    /**
     * Takes all of {@code compressed} (position moves to its limit; the bytes are copied) and
     * returns up to {@link #MAX_OUTPUT} decoded bytes in a new buffer the caller owns. An empty
     * result means every byte fed so far is decoded: more output needs more input. A non-empty
     * one means there may be more: call again (with {@link #EMPTY}) before {@link #finish}.
     *
     * @throws ZipException on corrupt data, a bad gzip header, a CRC-32 or Adler-32 or length
     *     mismatch, or bytes after the end of the stream that are not another gzip member
     * @throws IllegalStateException after {@link #close}
     */
    public ByteBuffer decode(ByteBuffer compressed) throws ZipException {
        take(compressed);
        byte[] out = null;
        int size = 0;
        while (size < MAX_OUTPUT) {
            switch (state) {
                case DETECT -> {
                    if (inEnd - inStart < 2) {
                        return wrap(out, size);
                    }
                    int cmf = in[inStart] & 0xFF;
                    int flg = in[inStart + 1] & 0xFF;
                    boolean zlib = (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
                    inflater = new Inflater(!zlib);
                    state = State.BODY;
                }
                case HEADER -> {
                    if (!gzipHeader()) {
                        return wrap(out, size);
                    }
                }
                case BODY -> {
                    if (out == null) {
                        out = new byte[Math.min(MAX_OUTPUT, Math.max(1024, (inEnd - inStart) * 4))];
                    } else if (size == out.length) {
                        out = Arrays.copyOf(out, Math.min(MAX_OUTPUT, out.length * 2));
                    }
                    int before = inStart;
                    inflater.setInput(in, inStart, inEnd - inStart);
                    int n;
                    try {
                        n = inflater.inflate(out, size, out.length - size);
                    } catch (DataFormatException e) {
                        throw zip("corrupt " + encoding + " data: " + e.getMessage());
                    }
                    inStart = inEnd - inflater.getRemaining();
                    if (gzip) {
                        crc.update(out, size, n);
                        memberSize += n;
                    }
                    size += n;
                    if (inflater.finished()) {
                        state = gzip ? State.TRAILER : State.DONE;
                    } else if (n == 0 && inflater.needsDictionary()) {
                        throw zip("deflate stream asks for a preset dictionary");
                    } else if (n == 0 && (inflater.needsInput() || inStart == before)) {
                        return wrap(out, size);
                    }
                }
                case TRAILER -> {
                    if (inEnd - inStart < 8) {
                        return wrap(out, size);
                    }
                    if (le32(inStart) != (int) crc.getValue()) {
                        throw zip("gzip member's CRC-32 does not match its data");
                    }
                    if (le32(inStart + 4) != (int) memberSize) {
                        throw zip("gzip member's length does not match its data");
                    }
                    inStart += 8;
                    anyMember = true;
                    state = State.DONE;
                }
                case DONE -> {
                    if (inStart == inEnd) {
                        return wrap(out, size);
                    }
                    if (!gzip) {
                        throw zip((inEnd - inStart) + " bytes after the end of the deflate stream");
                    }
                    state = State.HEADER; // another member, as gunzip reads them
                }
            }
        }
        return wrap(out, size);
    }

    /**
     * Checks that the stream ended where the body did.
     *
     * A body of no bytes at all passes (servers label empty responses {@code gzip} too; browsers
     * and aiohttp accept them).
     *
     * @throws ZipException when the body stopped inside a gzip member or a deflate stream, or when fed bytes are left undecoded (call {@link #decode}
     *     until it returns an empty buffer first)
     * @throws IllegalStateException after {@link #close}
     */
    public void finish() throws ZipException {
        if (state == null) {
            throw new IllegalStateException("ContentDecoder is closed");
        }
        if (!fedAny) {
            return; // an empty body with a Content-Encoding, as servers send for empty responses
        }
        if (inStart != inEnd) {
            throw zip("finish() with input left undecoded: call decode until it returns an empty buffer");
        }
        if (state != State.DONE) {
            throw zip("truncated " + encoding + " body: the stream did not end");
        }
    }

    /** Frees the native zlib state. Idempotent; decode after close throws IllegalStateException. */
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
        state = null;
    }

    private void take(ByteBuffer b) {
        if (state == null) {
            throw new IllegalStateException("ContentDecoder is closed");
        }
        int n = b.remaining();
        if (n == 0) {
            return;
        }
        fedAny = true;
        if (inStart == inEnd) {
            inStart = inEnd = 0;
        }
        if (in.length - inEnd < n) {
            int live = inEnd - inStart;
            byte[] to = live + n <= in.length ? in : new byte[Math.max(live + n, in.length * 2)];
            System.arraycopy(in, inStart, to, 0, live);
            in = to;
            inStart = 0;
            inEnd = live;
        }
        b.get(in, inEnd, n);
        inEnd += n;
    }

    /** Parses a gzip member header when it is all there (RFC 1952 §2.3); false when it is not. */
    private boolean gzipHeader() throws ZipException {
        int avail = inEnd - inStart;
        if (avail >= 1 && (in[inStart] & 0xFF) != 0x1F || avail >= 2 && (in[inStart + 1] & 0xFF) != 0x8B) {
            throw zip(anyMember ? "bytes after the last gzip member that are not another member" : "not gzip data (bad magic)");
        }
        if (avail >= 3 && in[inStart + 2] != 8) {
            throw zip("gzip compression method " + in[inStart + 2] + ": only 8 (deflate)");
        }
        if (avail < 10) {
            return false;
        }
        int flags = in[inStart + 3] & 0xFF;
        if ((flags & 0xE0) != 0) {
            throw zip("gzip header with reserved flags set");
        }
        int p = inStart + 10;
        if ((flags & 0x04) != 0) { // FEXTRA
            if (inEnd - p < 2) {
                return tooLong(p);
            }
            p += 2 + ((in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8);
            if (p > inEnd) {
                return tooLong(p);
            }
        }
        for (int bit : new int[] {0x08, 0x10}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (p < inEnd && in[p] != 0) {
                    p++;
                }
                if (p == inEnd) {
                    return tooLong(p);
                }
                p++;
            }
        }
        if ((flags & 0x02) != 0) { // FHCRC: read, not checked, as gunzip does
            p += 2;
            if (p > inEnd) {
                return tooLong(p);
            }
        }
        inStart = p;
        crc.reset();
        memberSize = 0;
        inflater.reset();
        state = State.BODY;
        return true;
    }

    private boolean tooLong(int p) throws ZipException {
        if (p - inStart > MAX_GZIP_HEADER) {
            throw zip("gzip header longer than " + MAX_GZIP_HEADER + " bytes");
        }
        return false;
    }

    private int le32(int p) {
        return (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
    }

    private static ByteBuffer wrap(byte[] out, int size) {
        return out == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(out, 0, size).slice();
    }

    private ZipException zip(String message) {
        return new ZipException(message);
    }
}
