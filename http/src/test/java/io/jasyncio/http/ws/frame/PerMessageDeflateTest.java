package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.RawFrames.concat;
import static io.jasyncio.http.ws.frame.RawFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.http.ws.frame.PerMessageDeflate.Params;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc7692ExamplesDecodeWithContextTakeover() {
        PerMessageDeflate pmd = new PerMessageDeflate(Role.CLIENT, Params.DEFAULTS);
        try {
            WsDecoder d = new WsDecoder(Role.CLIENT, WsLimits.DEFAULTS, pmd);
            // §7.2.3.1 "Hello" compressed, then §7.2.3.2 the same message using the previous context
            assertEquals(List.of("text:Hello", "text:Hello"),
                    decode(d, hex("c1 07 f2 48 cd c9 c9 07 00  c1 05 f2 00 11 00 00")));
            // §7.2.3.3 the message split into two frames of one compressed stream
            assertEquals(List.of("text:Hello"), decode(d, hex("41 03 f2 48 cd  80 04 c9 c9 07 00")));
            // §7.2.3.4 a stored (uncompressed) block
            assertEquals(List.of("text:Hello"), decode(d, hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00")));
        } finally {
            pmd.close();
        }
    }

    @Test
    void emptyMessageCompressesToOneZeroByte() {
        PerMessageDeflate pmd = new PerMessageDeflate(Role.SERVER, Params.DEFAULTS);
        try {
            WsEncoder e = new WsEncoder(Role.SERVER, pmd, null);
            assertEquals("c1 01 00".replace(" ", ""), HexFormat.of().formatHex(bytes(e.text(""))));
            e.text("abc");
            // after a flushed message nothing is pending: the empty one still gets its 0x00 (§7.2.3.6)
            assertEquals("c10100", HexFormat.of().formatHex(bytes(e.text(""))));
        } finally {
            pmd.close();
        }
    }

    @Test
    void zipBombStopsAtTheLimit() {
        byte[] zeros = new byte[10 << 20];
        Deflater def = new Deflater(9, true);
        def.setInput(zeros);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = def.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(chunk, 0, n);
            if (n < chunk.length) break;
        }
        def.end();
        byte[] compressed = out.toByteArray(); // ~10 KiB for 10 MiB
        byte[] payload = java.util.Arrays.copyOf(compressed, compressed.length - 4);
        PerMessageDeflate pmd = new PerMessageDeflate(Role.CLIENT, Params.DEFAULTS);
        try {
            WsDecoder d = new WsDecoder(Role.CLIENT, new WsLimits(1 << 20, 1 << 20), pmd);
            assertEquals(List.of("fail:1009"), decode(d, RawFrames.server(0xC2, payload)));
        } finally {
            pmd.close();
        }
    }

    @Test
    void corruptCompressedDataFails() {
        PerMessageDeflate pmd = new PerMessageDeflate(Role.CLIENT, Params.DEFAULTS);
        try {
            WsDecoder d = new WsDecoder(Role.CLIENT, WsLimits.DEFAULTS, pmd);
            assertEquals(List.of("fail:1007"), decode(d, RawFrames.server(0xC1, hex("ff ff ff ff ff"))));
        } finally {
            pmd.close();
        }
    }

    @Test
    void compressedTextIsCheckedAsUtf8() {
        PerMessageDeflate out = new PerMessageDeflate(Role.SERVER, Params.DEFAULTS);
        PerMessageDeflate in = new PerMessageDeflate(Role.CLIENT, Params.DEFAULTS);
        try {
            WsEncoder e = new WsEncoder(Role.SERVER, out, null);
            byte[] frame = bytes(e.binary(ByteBuffer.wrap(hex("48 c0 80"))));
            frame[0] = (byte) 0xC1; // claim text
            assertEquals(List.of("fail:1007"), decode(new WsDecoder(Role.CLIENT, WsLimits.DEFAULTS, in), frame));
        } finally {
            out.close();
            in.close();
        }
    }

    @Test
    void smallWindowsAndNoContextTakeoverRoundTrip() {
        for (int bits = 8; bits <= 15; bits++) {
            for (boolean nct : new boolean[] {false, true}) {
                Params p = new Params(nct, nct, bits, bits);
                PerMessageDeflate out = new PerMessageDeflate(Role.CLIENT, p);
                PerMessageDeflate in = new PerMessageDeflate(Role.SERVER, p);
                try {
                    WsEncoder e = new WsEncoder(Role.CLIENT, out, new SplittableRandom(bits));
                    WsDecoder d = new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, in);
                    String text = "the quick brown fox jumps over the lazy dog ".repeat(200);
                    byte[] wire = concat(bytes(e.text(text)), bytes(e.text(text)), bytes(e.text("")));
                    assertEquals(List.of("text:" + text, "text:" + text, "text:"), decode(d, wire), "bits " + bits);
                } finally {
                    out.close();
                    in.close();
                }
            }
        }
    }

    @Test
    void offerAcceptResponseCheckAgree() throws Exception {
        Params wanted = new Params(true, true, 10, 12);
        String offer = PerMessageDeflate.offer(wanted);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                + " server_max_window_bits=10; client_max_window_bits=12", offer);
        Params agreed = PerMessageDeflate.accept(List.of(offer));
        assertEquals(wanted, agreed);
        String response = PerMessageDeflate.response(agreed);
        assertEquals(wanted, PerMessageDeflate.checkResponse(response, wanted));
        assertEquals("permessage-deflate; client_max_window_bits", PerMessageDeflate.offer(Params.DEFAULTS));
        assertEquals("permessage-deflate", PerMessageDeflate.response(Params.DEFAULTS));
    }

    @Test
    void serverPicksTheFirstValidOffer() {
        assertNull(PerMessageDeflate.accept(List.of()));
        assertNull(PerMessageDeflate.accept(List.of("x-webkit-deflate-frame")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; a=b")), "unknown parameter");
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; server_max_window_bits=7")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; server_max_window_bits=010")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; client_no_context_takeover; client_no_context_takeover")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; ;;")), "malformed");
        assertEquals(new Params(false, false, 15, 15), PerMessageDeflate.accept(List.of("permessage-deflate; client_max_window_bits")));
        assertEquals(new Params(true, false, 15, 15), PerMessageDeflate.accept(List.of(
                "permessage-deflate; server_max_window_bits=3, permessage-deflate; server_no_context_takeover",
                "permessage-deflate")));
        assertEquals(new Params(false, false, 9, 15), PerMessageDeflate.accept(List.of("foo, PerMessage-Deflate; Server_Max_Window_Bits=\"9\"")));
    }

    @Test
    void clientRefusesWhatItDidNotOffer() throws Exception {
        Params offered = Params.DEFAULTS;
        assertNull(PerMessageDeflate.checkResponse(null, offered));
        assertEquals(new Params(true, true, 10, 11), PerMessageDeflate.checkResponse(
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11",
                offered));
        for (String bad : List.of("foo", "permessage-deflate, permessage-deflate", "permessage-deflate; bar",
                "permessage-deflate; client_max_window_bits", "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; server_no_context_takeover=1", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate;")) {
            WsHandshakeException e = assertThrows(WsHandshakeException.class, () -> PerMessageDeflate.checkResponse(bad, offered), bad);
            assertEquals(101, e.status());
        }
        Params limited = new Params(true, false, 10, 12);
        assertThrows(WsHandshakeException.class, () -> PerMessageDeflate.checkResponse("permessage-deflate; server_max_window_bits=10", limited),
                "server_no_context_takeover offered, not accepted");
        assertThrows(WsHandshakeException.class, () -> PerMessageDeflate.checkResponse("permessage-deflate; server_no_context_takeover", limited),
                "server_max_window_bits offered, not accepted");
        assertThrows(WsHandshakeException.class, () -> PerMessageDeflate.checkResponse(
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=11", limited));
        assertThrows(WsHandshakeException.class, () -> PerMessageDeflate.checkResponse(
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=13", limited));
    }

    @Test
    void paramsValidateWindowBits() {
        assertThrows(IllegalArgumentException.class, () -> new Params(false, false, 7, 15));
        assertThrows(IllegalArgumentException.class, () -> new Params(false, false, 15, 16));
    }

    @Test
    void closeIsIdempotent() {
        PerMessageDeflate pmd = new PerMessageDeflate(Role.CLIENT, Params.DEFAULTS);
        pmd.close();
        pmd.close(); // a second close is a no-op, not an error
        assertThrows(IllegalStateException.class, () -> new WsEncoder(Role.CLIENT, pmd, new SplittableRandom()).text("x"),
                "the zlib state is freed");
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
