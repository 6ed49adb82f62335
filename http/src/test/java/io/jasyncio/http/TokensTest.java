package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void tcharIsExactlyRfc9110s() {
        String tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int count = 0;
        for (int b = -1; b < 300; b++) {
            boolean expected = b >= 0 && tchars.indexOf(b) >= 0;
            assertEquals(expected, Tokens.isTchar(b), "byte " + b);
            count += expected ? 1 : 0;
        }
        assertEquals(77, count);
    }

    @Test
    void tokens() {
        assertTrue(Tokens.isToken("Content-Type"));
        assertFalse(Tokens.isToken(""));
        assertFalse(Tokens.isToken("a b"));
        assertFalse(Tokens.isToken("a\"b"));
        assertFalse(Tokens.isToken("caf\u00e9"));
    }

    @Test
    void fieldValueBytes() {
        for (int b = 0; b < 256; b++) {
            boolean expected = b == '\t' || (b >= 0x20 && b != 0x7F);
            assertEquals(expected, Tokens.isFieldValueByte(b), "byte " + b);
            assertEquals(expected, Tokens.isFieldValueByte((byte) b), "signed byte " + (byte) b);
        }
    }

    @Test
    void fieldValues() {
        assertTrue(Tokens.isFieldValue(""));
        assertTrue(Tokens.isFieldValue("text/html; q=0.9, \u00ff"));
        assertFalse(Tokens.isFieldValue("a\r\nb"));
        assertFalse(Tokens.isFieldValue("\u0100"));
        assertFalse(Tokens.isFieldValue("\u010a")); // would truncate to LF in a byte cast
    }
}
