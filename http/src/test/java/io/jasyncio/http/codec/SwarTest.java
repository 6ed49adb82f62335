package io.jasyncio.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with the byte-at-a-time definitions at every offset and length. */
class SwarTest {
    private static final byte[] INTERESTING = {'\r', '\n', '\t', ' ', 0, 0x1F, 0x20, 0x7E, 0x7F, (byte) 0x80, (byte) 0xFF, 'a', 0x0D + 0x20};

    @Test
    void findCrOrLfMatchesNaiveScan() {
        Random r = new Random(1);
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = randomBytes(r);
            int from = r.nextInt(buf.length + 1);
            int to = from + r.nextInt(buf.length - from + 1);
            int want = to;
            for (int i = from; i < to; i++) {
                if (buf[i] == '\r' || buf[i] == '\n') {
                    want = i;
                    break;
                }
            }
            assertEquals(want, Swar.findCrOrLf(buf, from, to));
        }
    }

    @Test
    void skipFieldValueMatchesTheByteClass() {
        Random r = new Random(2);
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = randomBytes(r);
            buf[buf.length - 1] = '\r';
            int from = r.nextInt(buf.length);
            int want = from;
            while (HeadParser.FIELD_VALUE[buf[want] & 0xFF]) {
                want++;
            }
            assertEquals(want, Swar.skipFieldValue(buf, from));
        }
    }

    private static byte[] randomBytes(Random r) {
        byte[] buf = new byte[1 + r.nextInt(40)];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = r.nextInt(4) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) (0x21 + r.nextInt(0x5E));
        }
        return buf;
    }
}
