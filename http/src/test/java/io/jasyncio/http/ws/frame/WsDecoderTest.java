package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.RawFrames.client;
import static io.jasyncio.http.ws.frame.RawFrames.concat;
import static io.jasyncio.http.ws.frame.RawFrames.decode;
import static io.jasyncio.http.ws.frame.RawFrames.frame;
import static io.jasyncio.http.ws.frame.RawFrames.server;
import static io.jasyncio.http.ws.frame.RawFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per RFC 6455 receiving rule. */
class WsDecoderTest {
    private static WsDecoder atServer() {
        return new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, null);
    }

    private static WsDecoder atClient() {
        return new WsDecoder(Role.CLIENT, WsLimits.DEFAULTS, null);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfcExamplesDecode() {
        // RFC 6455 §5.7
        assertEquals(List.of("text:Hello"), decode(atClient(), hex("81 05 48 65 6c 6c 6f")));
        assertEquals(List.of("text:Hello"), decode(atServer(), hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")));
        assertEquals(List.of("text:Hello"), decode(atClient(), hex("01 03 48 65 6c 80 02 6c 6f")));
        assertEquals(List.of("ping:48656c6c6f"), decode(atClient(), hex("89 05 48 65 6c 6c 6f")));
        assertEquals(List.of("pong:48656c6c6f"), decode(atServer(), hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58")));
        assertEquals(List.of("binary:" + "00".repeat(256)), decode(atClient(), concat(hex("82 7E 0100"), new byte[256])));
        List<String> big = decode(atClient(), concat(hex("82 7F 0000000000010000"), new byte[65536]));
        assertEquals(List.of("binary:" + "00".repeat(65536)), big);
    }

    @Test
    void serverRefusesUnmaskedFramesAndClientRefusesMaskedOnes() {
        assertEquals(List.of("fail:1002"), decode(atServer(), server(0x81, utf8("hi"))));
        assertEquals(List.of("fail:1002"), decode(atClient(), client(0x81, utf8("hi"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesFail(int opcode) {
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x80 | opcode, new byte[0])));
    }

    @Test
    void reservedBitsFailUnlessDeflateDefinesRsv1() {
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x80 | 0x20 | 1, utf8("a"))));
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x80 | 0x10 | 1, utf8("a"))));
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x80 | 0x40 | 1, utf8("a"))));
        PerMessageDeflate deflate = new PerMessageDeflate(Role.SERVER, PerMessageDeflate.Params.DEFAULTS);
        try {
            WsDecoder d = new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, deflate);
            assertEquals(List.of("fail:1002"), decode(d, client(0x80 | 0x40 | 9, new byte[0])), "RSV1 on a ping");
            WsDecoder d2 = new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, deflate);
            assertEquals(List.of("fail:1002"), decode(d2, concat(client(0x01, utf8("a")), client(0x80 | 0x40, utf8("b")))),
                    "RSV1 on a continuation");
        } finally {
            deflate.close();
        }
    }

    @Test
    void controlFramesAreShortAndWhole() {
        assertEquals(List.of("fail:1002"), decode(atServer(), frame(0x89, true, new byte[126])));
        assertEquals(List.of("ping:" + "00".repeat(125)), decode(atServer(), frame(0x89, true, new byte[125])));
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x09, new byte[1])), "fragmented ping");
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x08, new byte[0])), "fragmented close");
    }

    @Test
    void controlFramesMayInterleaveFragments() {
        byte[] in = concat(client(0x01, utf8("ab")), client(0x89, utf8("p")), client(0x00, utf8("cd")),
                client(0x8A, new byte[0]), client(0x80, utf8("ef")));
        assertEquals(List.of("ping:70", "pong:", "text:abcdef"), decode(atServer(), in));
    }

    @Test
    void fragmentationOrderIsEnforced() {
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x80, utf8("x"))), "continuation without a start");
        assertEquals(List.of("fail:1002"), decode(atServer(), concat(client(0x01, utf8("a")), client(0x81, utf8("b")))),
                "a text message inside a fragmented one");
        assertEquals(List.of("fail:1002"), decode(atServer(), concat(client(0x02, utf8("a")), client(0x82, utf8("b")))),
                "a binary message inside a fragmented one");
        assertEquals(List.of("text:", "binary:"), decode(atServer(), concat(client(0x01, new byte[0]), client(0x80, new byte[0]),
                client(0x82, new byte[0]))), "empty fragments");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void sendableCloseCodesAreReported(int code) {
        assertEquals(List.of("close:" + code + ":ok"), decode(atServer(), client(0x88, concat(new byte[] {(byte) (code >> 8), (byte) code}, utf8("ok")))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCloseCodesFail(int code) {
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x88, new byte[] {(byte) (code >> 8), (byte) code})));
    }

    @Test
    void closePayloadRules() {
        assertEquals(List.of("close:1005:"), decode(atServer(), client(0x88, new byte[0])));
        assertEquals(List.of("fail:1002"), decode(atServer(), client(0x88, new byte[] {3})));
        assertEquals(List.of("fail:1007"), decode(atServer(), client(0x88, new byte[] {3, (byte) 0xE8, (byte) 0xC0, (byte) 0x80})));
        assertEquals(List.of("close:1000:ünïcode"), decode(atServer(), client(0x88, concat(new byte[] {3, (byte) 0xE8}, utf8("ünïcode")))));
    }

    @Test
    void nothingAfterClose() {
        WsDecoder d = atServer();
        assertEquals(List.of("close:1000:"), decode(d, concat(client(0x88, new byte[] {3, (byte) 0xE8}), client(0x81, utf8("late")))));
        d.feed(ByteBuffer.wrap(client(0x81, utf8("later"))));
        assertNull(d.next());
        assertEquals(0, d.buffered());
    }

    @Test
    void invalidUtf8Fails() {
        for (String bad : List.of("c0 80", "e0 80 80", "ed a0 80", "f4 90 80 80", "f5 80 80 80", "80", "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")) {
            assertEquals(List.of("fail:1007"), decode(atServer(), client(0x81, hex(bad))), bad);
        }
        assertEquals(List.of("fail:1007"), decode(atServer(), client(0x81, hex("e2 82"))), "ends inside a sequence");
    }

    @Test
    void utf8SplitAcrossFragmentsIsAccepted() {
        byte[] euro = utf8("€"); // e2 82 ac
        byte[] in = concat(client(0x01, new byte[] {euro[0]}), client(0x00, new byte[] {euro[1]}), client(0x80, new byte[] {euro[2]}));
        assertEquals(List.of("text:€"), decode(atServer(), in));
    }

    @Test
    void invalidUtf8FailsBeforeTheMessageIsWhole() {
        WsDecoder d = atServer();
        // the first fragment is already invalid: no need to wait for the rest
        assertEquals(List.of("fail:1007"), decode(d, client(0x01, hex("48 c0 80"))));
        // and inside one frame whose payload has not all arrived
        WsDecoder d2 = atServer();
        byte[] f = client(0x81, concat(hex("48 ff"), new byte[1000]));
        assertEquals(List.of("fail:1007"), decode(d2, java.util.Arrays.copyOf(f, 20)));
    }

    @Test
    void tooBigFramesAndMessagesFailAtTheHeader() {
        WsLimits small = new WsLimits(100, 60);
        WsDecoder d = new WsDecoder(Role.SERVER, small, null);
        byte[] f = client(0x82, new byte[61]);
        assertEquals(List.of("fail:1009"), decode(d, java.util.Arrays.copyOf(f, 6)), "refused from the header alone");
        WsDecoder d2 = new WsDecoder(Role.SERVER, small, null);
        assertEquals(List.of("fail:1009"), decode(d2, concat(client(0x02, new byte[60]), client(0x80, new byte[41]))));
        WsDecoder d3 = new WsDecoder(Role.SERVER, small, null);
        assertEquals(List.of("binary:" + "00".repeat(100)), decode(d3, concat(client(0x02, new byte[60]), client(0x80, new byte[40]))));
    }

    @Test
    void lengthsWithTheTopBitSetFail() {
        byte[] h = hex("82 FF 8000000000000000 37fa213d");
        assertEquals(List.of("fail:1002"), decode(atServer(), h));
    }

    @Test
    void nonMinimalLengthsFail() {
        assertEquals(List.of("fail:1002"), decode(atServer(), frame(0x81, true, utf8("hi"), 126)));
        assertEquals(List.of("fail:1002"), decode(atServer(), frame(0x82, true, new byte[200], 127)));
        assertEquals(List.of("fail:1002"), decode(atServer(), frame(0x82, true, new byte[65535], 127)));
        assertEquals(1, decode(atServer(), frame(0x82, true, new byte[126], 126)).size());
        assertEquals(1, decode(atServer(), frame(0x82, true, new byte[65536], 127)).size());
    }

    @Test
    void failureIsStickyAndLaterInputIgnored() {
        WsDecoder d = atServer();
        d.feed(ByteBuffer.wrap(concat(server(0x81, utf8("x")), client(0x81, utf8("y")))));
        WsEvent first = d.next();
        assertEquals(CloseCodes.PROTOCOL_ERROR, ((WsEvent.Failure) first).closeCode());
        assertSame(first, d.next());
        d.feed(ByteBuffer.wrap(client(0x81, utf8("z"))));
        assertSame(first, d.next());
        assertEquals(0, d.buffered());
    }

    @Test
    void bufferedCountsUnconsumedBytes() {
        WsDecoder d = atServer();
        d.feed(ByteBuffer.wrap(hex("81 85 37")));
        assertNull(d.next());
        assertEquals(3, d.buffered());
    }

    @Test
    void largeFramesInOneFeedDecode() {
        WsDecoder d = atServer();
        byte[] big = new byte[200_000];
        new java.util.Random(1).nextBytes(big);
        d.feed(ByteBuffer.wrap(client(0x82, big)));
        assertEquals(java.util.HexFormat.of().formatHex(big), java.util.HexFormat.of().formatHex(((WsEvent.Binary) d.next()).data()));
        d.feed(ByteBuffer.wrap(client(0x81, utf8("small after big"))));
        assertEquals(new WsEvent.Text("small after big"), d.next());
    }

    @Test
    void feedMovesThePositionAndCopies() {
        WsDecoder d = atServer();
        byte[] f = client(0x81, utf8("hey"));
        ByteBuffer b = ByteBuffer.wrap(f);
        d.feed(b);
        assertEquals(f.length, b.position());
        java.util.Arrays.fill(f, (byte) 0);
        assertEquals(new WsEvent.Text("hey"), d.next());
    }
}
