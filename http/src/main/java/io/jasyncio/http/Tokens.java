package io.jasyncio.http;

/**
 * RFC 9110's character classes (§5.6.2 token, §5.5 field values), shared by the types and the
 * codec so that both say no to the same bytes.
 */
public final class Tokens {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private Tokens() {
    }

    /** Whether {@code b} (a byte or char value) is an RFC 9110 {@code tchar}. */
    public static boolean isTchar(int b) {
        return b >= 0 && b < 128 && TCHAR[b];
    }

    /** Whether {@code s} is a non-empty RFC 9110 token. */
    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code b} may appear in a field value (RFC 9110 §5.5): visible ASCII, space, tab and
     * obs-text (0x80-0xFF); never CR, LF, NUL or another control.
     */
    public static boolean isFieldValueByte(int b) {
        b &= 0xFF;
        return b == '\t' || (b >= 0x20 && b != 0x7F);
    }

    /** Whether every char of {@code s} passes {@link #isFieldValueByte} and is below 256. */
    public static boolean isFieldValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !isFieldValueByte(c)) {
                return false;
            }
        }
        return true;
    }
}
