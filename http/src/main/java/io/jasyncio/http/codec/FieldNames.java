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
     * A name is looked up by length, then compared byte by byte against the canonical spelling
     * (what browsers, curl and wrk send) and, failing that, case-insensitively. Names keep the
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
    /** Ids of the known names, by name length. */
    private static final int[][] BY_LENGTH = new int[32][];

    static {
        int[] counts = new int[BY_LENGTH.length];
        for (int id = 0; id < CANONICAL.length; id++) {
            LOWER[id] = CANONICAL[id].toLowerCase(java.util.Locale.ROOT);
            CANONICAL_BYTES[id] = CANONICAL[id].getBytes(StandardCharsets.ISO_8859_1);
            LOWER_BYTES[id] = LOWER[id].getBytes(StandardCharsets.ISO_8859_1);
            counts[CANONICAL[id].length()]++;
        }
        for (int len = 0; len < BY_LENGTH.length; len++) {
            BY_LENGTH[len] = new int[counts[len]];
        }
        int[] fill = new int[BY_LENGTH.length];
        for (int id = 0; id < CANONICAL.length; id++) {
            int len = CANONICAL[id].length();
            BY_LENGTH[len][fill[len]++] = id;
        }
    }

    private FieldNames() {
    }

    /** The id of the known name in {@code buf[off, off+len)} (any case), or {@link #UNKNOWN}. */
    static int id(byte[] buf, int off, int len) {
        if (len >= BY_LENGTH.length) {
            return UNKNOWN;
        }
        for (int id : BY_LENGTH[len]) {
            if (equalsFolded(buf, off, LOWER_BYTES[id])) {
                return id;
            }
        }
        return UNKNOWN;
    }

    /** The name in {@code buf[off, off+len)} as a String: a shared constant when it is one. */
    static String name(int id, byte[] buf, int off, int len) {
        if (id != UNKNOWN) {
            if (equalsExact(buf, off, CANONICAL_BYTES[id])) {
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
