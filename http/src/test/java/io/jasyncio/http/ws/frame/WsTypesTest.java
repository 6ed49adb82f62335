package io.jasyncio.http.ws.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small types of the package: limits, events, close codes, opcodes, roles, the UTF-8 check. */
class WsTypesTest {
    @Test
    void limitsHaveAiohttpsDefaultAndWithers() {
        assertEquals(4 << 20, WsLimits.DEFAULTS.maxMessageSize());
        assertEquals(new WsLimits(10, 4 << 20), WsLimits.DEFAULTS.withMaxMessageSize(10));
        assertEquals(new WsLimits(4 << 20, 7), WsLimits.DEFAULTS.withMaxFrameSize(7));
        assertThrows(IllegalArgumentException.class, () -> new WsLimits(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WsLimits(0, -1));
    }

    @Test
    void eventsRefuseNulls() {
        assertThrows(NullPointerException.class, () -> new WsEvent.Text(null));
        assertThrows(NullPointerException.class, () -> new WsEvent.Binary(null));
        assertThrows(NullPointerException.class, () -> new WsEvent.Ping(null));
        assertThrows(NullPointerException.class, () -> new WsEvent.Pong(null));
        assertThrows(NullPointerException.class, () -> new WsEvent.Close(1000, null));
        assertThrows(NullPointerException.class, () -> new WsEvent.Failure(1002, null));
    }

    @Test
    void sendableCloseCodes() {
        for (int c = 0; c < 70_000; c++) {
            boolean expected = (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
            assertEquals(expected, CloseCodes.sendable(c), "code " + c);
        }
        assertFalse(CloseCodes.sendable(CloseCodes.NO_STATUS));
        assertFalse(CloseCodes.sendable(CloseCodes.ABNORMAL));
        assertTrue(CloseCodes.sendable(CloseCodes.NORMAL));
    }

    @Test
    void handshakeExceptionCarriesItsStatus() {
        WsHandshakeException e = new WsHandshakeException(426, "version");
        assertEquals(426, e.status());
        assertEquals("version", e.getMessage());
    }

    @Test
    void opcodesAndRoles() {
        for (Opcode o : Opcode.values()) {
            assertEquals(o, Opcode.of(o.code()));
            assertEquals(o.code() >= 8, o.isControl());
        }
        assertThrows(IllegalArgumentException.class, () -> Opcode.of(3));
        assertTrue(Role.CLIENT.masksOutgoing());
        assertFalse(Role.SERVER.masksOutgoing());
    }

    @Test
    void utf8CheckAgreesWithTheJdksStrictDecoder() {
        SplittableRandom r = new SplittableRandom(17);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
            0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + r.nextInt(6)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) interesting[r.nextInt(interesting.length)];
            }
            boolean jdk;
            try {
                decoder.reset().decode(java.nio.ByteBuffer.wrap(b));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8Check.valid(b, 0, b.length), () -> java.util.HexFormat.of().formatHex(b));
            // and fed in two pieces
            int cut = r.nextInt(b.length + 1);
            Utf8Check c = new Utf8Check();
            boolean split = c.update(b, 0, cut) && c.update(b, cut, b.length - cut) && c.complete();
            assertEquals(jdk, split, () -> java.util.HexFormat.of().formatHex(b) + " cut at " + cut);
        }
    }
}
