package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.PerMessageDeflateTest.bytes;
import static io.jasyncio.http.ws.frame.RawFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WsEncoderTest {
    private static String hex(ByteBuffer b) {
        return HexFormat.of().formatHex(bytes(b));
    }

    @Test
    void serverFramesAreUnmaskedAsInTheRfc() {
        WsEncoder e = new WsEncoder(Role.SERVER, null, null);
        assertEquals("810548656c6c6f", hex(e.text("Hello")));
        assertEquals("890548656c6c6f", hex(e.ping("Hello".getBytes())));
        assertEquals("8a00", hex(e.pong(new byte[0])));
        assertEquals("880203e8", hex(e.close(1000, "")));
        assertEquals("8800", hex(e.close(CloseCodes.NO_STATUS, "")));
    }

    @Test
    void clientFramesAreMaskedWithAFreshKeyEach() {
        WsEncoder e = new WsEncoder(Role.CLIENT, null, new SplittableRandom(7));
        byte[] a = bytes(e.text("Hello"));
        byte[] b = bytes(e.text("Hello"));
        assertEquals(0x85, a[1] & 0xFF);
        assertNotEquals(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b), "a new key per frame");
        assertEquals(List.of("text:Hello", "text:Hello"), decode(new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, null), RawFrames.concat(a, b)));
    }

    @Test
    void lengthsUseTheMinimalForm() {
        WsEncoder e = new WsEncoder(Role.SERVER, null, null);
        assertEquals(2 + 125, e.binary(ByteBuffer.allocate(125)).remaining());
        ByteBuffer f126 = e.binary(ByteBuffer.allocate(126));
        assertEquals(126, f126.get(1));
        assertEquals(4 + 126, f126.remaining());
        assertEquals(4 + 65535, e.binary(ByteBuffer.allocate(65535)).remaining());
        ByteBuffer f64k = e.binary(ByteBuffer.allocate(65536));
        assertEquals(127, f64k.get(1));
        assertEquals(10 + 65536, f64k.remaining());
    }

    @Test
    void binaryLeavesThePositionAlone() {
        WsEncoder e = new WsEncoder(Role.SERVER, null, null);
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        data.position(1);
        assertEquals("8203020304", hex(e.binary(data)));
        assertEquals(1, data.position());
    }

    @Test
    void fragmentsFollowTheOrderRules() {
        WsEncoder e = new WsEncoder(Role.SERVER, null, null);
        assertThrows(IllegalStateException.class, () -> e.fragment(Opcode.CONTINUATION, ByteBuffer.allocate(1), true));
        assertThrows(IllegalArgumentException.class, () -> e.fragment(Opcode.PING, ByteBuffer.allocate(1), true));
        assertEquals("020102", hex(e.fragment(Opcode.BINARY, ByteBuffer.wrap(new byte[] {2}), false)));
        assertThrows(IllegalStateException.class, () -> e.text("no"));
        assertThrows(IllegalStateException.class, () -> e.binary(ByteBuffer.allocate(1)));
        assertThrows(IllegalStateException.class, () -> e.fragment(Opcode.TEXT, ByteBuffer.allocate(1), true));
        assertEquals("890100", hex(e.ping(new byte[] {0})), "control frames may go between fragments");
        assertEquals("000103", hex(e.fragment(Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {3}), false)));
        assertEquals("800104", hex(e.fragment(Opcode.CONTINUATION, ByteBuffer.wrap(new byte[] {4}), true)));
        assertEquals("8100", hex(e.text("")));
    }

    @Test
    void compressedFragmentsFormOneMessage() {
        PerMessageDeflate out = new PerMessageDeflate(Role.CLIENT, PerMessageDeflate.Params.DEFAULTS);
        PerMessageDeflate in = new PerMessageDeflate(Role.SERVER, PerMessageDeflate.Params.DEFAULTS);
        try {
            WsEncoder e = new WsEncoder(Role.CLIENT, out, new SplittableRandom(3));
            byte[] first = bytes(e.fragment(Opcode.TEXT, ByteBuffer.wrap("hello ".repeat(50).getBytes()), false));
            assertEquals(0x41, first[0] & 0xFF, "RSV1 on the first frame only");
            byte[] ping = bytes(e.ping(new byte[0]));
            assertEquals(0x89, ping[0] & 0xFF, "control frames are never compressed");
            byte[] last = bytes(e.fragment(Opcode.CONTINUATION, ByteBuffer.wrap("world".getBytes()), true));
            assertEquals(0x80, last[0] & 0xFF);
            assertEquals(List.of("ping:", "text:" + "hello ".repeat(50) + "world"),
                    decode(new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, in), RawFrames.concat(first, ping, last)));
        } finally {
            out.close();
            in.close();
        }
    }

    @Test
    void controlPayloadLimitsAndCloseRules() {
        WsEncoder e = new WsEncoder(Role.SERVER, null, null);
        e.ping(new byte[125]);
        assertThrows(IllegalArgumentException.class, () -> e.ping(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> e.pong(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> e.close(1005, "reason"));
        assertThrows(IllegalArgumentException.class, () -> e.close(1006, ""));
        assertThrows(IllegalArgumentException.class, () -> e.close(999, ""));
        assertThrows(IllegalArgumentException.class, () -> e.close(1000, "é".repeat(62)));
        assertEquals(2 + 2 + 123, e.close(4000, "x".repeat(123)).remaining());
    }

    @Test
    void clientNeedsMaskKeys() {
        assertThrows(NullPointerException.class, () -> new WsEncoder(Role.CLIENT, null, null));
    }

    @Test
    void maskingMatchesAByteByByteXorAtEveryOffset() {
        SplittableRandom r = new SplittableRandom(5);
        for (int len = 0; len < 40; len++) {
            for (int pos = 0; pos < 4; pos++) {
                byte[] b = new byte[len + 3];
                r.nextBytes(b);
                byte[] expected = b.clone();
                int key = r.nextInt();
                for (int i = 0; i < len; i++) {
                    expected[3 + i] ^= (byte) (key >>> (24 - 8 * ((pos + i) & 3)));
                }
                assertEquals((pos + len) & 3, Masking.apply(b, 3, len, key, pos));
                assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(b), "len " + len + " pos " + pos);
            }
        }
    }
}
