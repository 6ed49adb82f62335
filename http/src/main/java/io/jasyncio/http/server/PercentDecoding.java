package io.jasyncio.http.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of a request path (RFC 3986 §2.1) to UTF-8 text; {@code +} stays a plus. */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /**
     * Decodes {@code s}. With {@code keepSlashAndPercent}, {@code %2F} and {@code %25} stay
     * encoded (upper-cased), which is how paths are matched against templates.
     *
     * @throws HttpException 400 on a {@code %} not followed by two hex digits, or bytes that are
     *     not UTF-8
     */
    static String decode(String s, boolean keepSlashAndPercent) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new HttpException(400, "bad percent-encoding in the request path");
                }
                int b = hi << 4 | lo;
                i += 2;
                if (keepSlashAndPercent && (b == '/' || b == '%')) {
                    out.writeBytes(b == '/' ? new byte[] {'%', '2', 'F'} : new byte[] {'%', '2', '5'});
                } else {
                    out.write(b);
                }
            } else if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpException(400, "the request path is not UTF-8 after percent-decoding");
        }
    }
}
