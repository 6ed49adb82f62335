package io.jasyncio.http.codec;

import java.nio.charset.StandardCharsets;

/**
 * The header field names the codec meets most, so that parsing one returns a shared
 * {@code String} instead of allocating, and so that the fields that decide framing are
 * recognised case-insensitively in one pass.
 */
final class FieldNames {
    /* Implementation notes
     *
     * A name is looked up by a case-insensitive hash that the parser computes while it checks the
     * name's bytes, then compared against the canonical spelling (what browsers, curl and wrk
     * send) and, failing that, case-insensitively. Names keep the
     * case they arrived in (Headers promises that): an exact canonical or all-lowercase match
     * returns the shared constant, any other casing a new String, but the id is the same, so
     * "tRANSFER-encoding" still frames the message. Folding with |0x20 is exact here because the
     * known names hold only letters and '-', and no tchar other than a letter folds onto those.
     */

    static final int UNKNOWN = -1;
    static final int HOST = 0;
    static final int CONTENT_LENGTH = 1;
    static final int TRANSFER_ENCODING = 2;
    static final int CONNECTION = 3;
    static final int EXPECT = 4;

    private static final String[] CANONICAL = {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Expect",
        "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset",
        "Content-Type", "Content-Encoding", "Cookie", "Referer", "Origin", "Authorization",
        "Cache-Control", "Pragma", "Upgrade", "If-None-Match", "If-Modified-Since", "Range",
        "TE", "Trailer", "Date", "Server", "Location", "Set-Cookie", "ETag", "Last-Modified",
        "Vary", "Keep-Alive", "Upgrade-Insecure-Requests", "DNT", "Sec-Fetch-Dest",
        "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User", "X-Forwarded-For",
        "X-Forwarded-Proto", "X-Requested-With", "X-Real-IP", "Priority", "Accept-Ranges",
        "Content-Range", "Expires", "Age", "Via", "Forwarded", "Content-Disposition",
    };
    private static final String[] LOWER = new String[CANONICAL.length];
    private static final byte[][] CANONICAL_BYTES = new byte[CANONICAL.length][];
    private static final byte[][] LOWER_BYTES = new byte[CANONICAL.length][];
    /** Open addressing on {@link #hash}: slot -> id + 1 (0 = empty). */
    private static final int[] TABLE = new int[256];

    static {
        for (int id = 0; id < CANONICAL.length; id++) {
            LOWER[id] = CANONICAL[id].toLowerCase(java.util.Locale.ROOT);
            CANONICAL_BYTES[id] = CANONICAL[id].getBytes(StandardCharsets.ISO_8859_1);
            LOWER_BYTES[id] = LOWER[id].getBytes(StandardCharsets.ISO_8859_1);
            int slot = slot(hashOf(LOWER_BYTES[id]));
            while (TABLE[slot] != 0) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = id + 1;
        }
    }

    private FieldNames() {
    }

    /** Folds one more name byte into a name's case-insensitive hash (start from 0). */
    static int hash(int h, byte b) {
        return 31 * h + (b | 0x20);
    }

    private static int hashOf(byte[] lower) {
        int h = 0;
        for (byte b : lower) {
            h = hash(h, b);
        }
        return h;
    }

    private static int slot(int h) {
        return (h ^ (h >>> 7) ^ (h >>> 15)) & (TABLE.length - 1);
    }

    /**
     * Looks up the name in {@code buf[off, off+len)}, whose {@link #hash} is {@code h}: returns
     * {@code id << 1 | 1} when it is a known name spelled canonically, {@code id << 1} when it is
     * one in another case, or -1.
     */
    static int lookup(byte[] buf, int off, int len, int h) {
        for (int slot = slot(h); ; slot = (slot + 1) & (TABLE.length - 1)) {
            int id = TABLE[slot] - 1;
            if (id < 0) {
                return -1;
            }
            byte[] lower = LOWER_BYTES[id];
            if (lower.length == len) {
                if (equalsExact(buf, off, CANONICAL_BYTES[id])) {
                    return id << 1 | 1;
                }
                if (equalsFolded(buf, off, lower)) {
                    return id << 1;
                }
            }
        }
    }

    /** The name's String for a {@link #lookup} result: a shared constant when it is one. */
    static String name(int found, byte[] buf, int off, int len) {
        if (found >= 0) {
            int id = found >> 1;
            if ((found & 1) != 0) {
                return CANONICAL[id];
            }
            if (equalsExact(buf, off, LOWER_BYTES[id])) {
                return LOWER[id];
            }
        }
        return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean equalsFolded(byte[] buf, int off, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if ((buf[off + i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsExact(byte[] buf, int off, byte[] want) {
        for (int i = 0; i < want.length; i++) {
            if (buf[off + i] != want[i]) {
                return false;
            }
        }
        return true;
    }
}
