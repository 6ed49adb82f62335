package io.jasyncio.http.ws.frame;

/**
 * An incremental UTF-8 validator: fed a message's bytes in any pieces, it rejects a malformed
 * sequence at the first byte that makes it malformed (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), so a text message can be refused before it is whole.
 */
final class Utf8Check {
    /* Implementation notes: the state is the number of continuation bytes still due and the
     * range the next one must fall in (narrower than 80..BF right after E0, ED, F0 and F4: that
     * is what excludes overlong forms, surrogates and values above U+10FFFF). */
    private int pending;
    private int lo = 0x80;
    private int hi = 0xBF;

    /** Checks {@code b[off, off+len)}; false at the first invalid byte (the state is then undefined). */
    boolean update(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i++] & 0xFF;
            if (pending == 0) {
                if (c < 0x80) {
                    continue;
                }
                if (c >= 0xC2 && c <= 0xDF) {
                    pending = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    pending = 2;
                    lo = c == 0xE0 ? 0xA0 : 0x80;
                    hi = c == 0xED ? 0x9F : 0xBF;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    pending = 3;
                    lo = c == 0xF0 ? 0x90 : 0x80;
                    hi = c == 0xF4 ? 0x8F : 0xBF;
                } else {
                    return false;
                }
            } else {
                if (c < lo || c > hi) {
                    return false;
                }
                pending--;
                lo = 0x80;
                hi = 0xBF;
            }
        }
        return true;
    }

    /** Whether the bytes so far end on a character boundary (call at the end of a message). */
    boolean complete() {
        return pending == 0;
    }

    /** Starts over for the next message. */
    void reset() {
        pending = 0;
        lo = 0x80;
        hi = 0xBF;
    }

    /** Whether all of {@code b[off, off+len)} is complete, valid UTF-8. */
    static boolean valid(byte[] b, int off, int len) {
        Utf8Check c = new Utf8Check();
        return c.update(b, off, len) && c.complete();
    }
}
