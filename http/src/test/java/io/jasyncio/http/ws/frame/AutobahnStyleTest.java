package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.RawFrames.client;
import static io.jasyncio.http.ws.frame.RawFrames.concat;
import static io.jasyncio.http.ws.frame.RawFrames.decode;
import static io.jasyncio.http.ws.frame.RawFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Autobahn|Testsuite cases that are about what a receiver decodes (numbered as in the
 * suite), expressed sans-IO against a server-side decoder: the events expected, or the failure
 * code. The cases about timing and the close handshake belong to the connection's tests.
 */
class AutobahnStyleTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String zeros(int n) {
        return "00".repeat(n);
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // 1.1.x / 1.2.x: text and binary at the length-encoding boundaries
        for (int n : new int[] {0, 125, 126, 127, 128, 65535, 65536}) {
            c.add(Arguments.of("1.1 len " + n, client(0x81, utf8("*".repeat(n))), List.of("text:" + "*".repeat(n))));
            c.add(Arguments.of("1.2 len " + n, client(0x82, new byte[n]), List.of("binary:" + zeros(n))));
        }
        // 2.x pings
        c.add(Arguments.of("2.1", client(0x89, new byte[0]), List.of("ping:")));
        c.add(Arguments.of("2.4", client(0x89, new byte[125]), List.of("ping:" + zeros(125))));
        c.add(Arguments.of("2.5", client(0x89, new byte[126]), List.of("fail:1002")));
        c.add(Arguments.of("2.10", concat(client(0x89, utf8("1")), client(0x89, utf8("2"))), List.of("ping:31", "ping:32")));
        // 3.x reserved bits
        c.add(Arguments.of("3.1", client(0x81 | 0x20, utf8("x")), List.of("fail:1002")));
        c.add(Arguments.of("3.2", concat(client(0x81, utf8("ok")), client(0x81 | 0x40 | 0x20, utf8("x"))), List.of("text:ok", "fail:1002")));
        c.add(Arguments.of("3.4", concat(client(0x81, utf8("ok")), client(0x81 | 0x10, utf8("x")), client(0x89, new byte[0])),
                List.of("text:ok", "fail:1002")));
        c.add(Arguments.of("3.6", client(0x89 | 0x50, new byte[0]), List.of("fail:1002")));
        c.add(Arguments.of("3.7", client(0x88 | 0x70, new byte[0]), List.of("fail:1002")));
        // 4.x reserved opcodes, after a valid frame
        for (int op : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            c.add(Arguments.of("4 opcode " + op, concat(client(0x81, utf8("ok")), client(0x80 | op, new byte[0])), List.of("text:ok", "fail:1002")));
        }
        // 5.x fragmentation
        c.add(Arguments.of("5.1", concat(client(0x09, utf8("a")), client(0x80, utf8("b"))), List.of("fail:1002")));
        c.add(Arguments.of("5.2", concat(client(0x0A, utf8("a")), client(0x80, utf8("b"))), List.of("fail:1002")));
        c.add(Arguments.of("5.3", concat(client(0x01, utf8("frag1")), client(0x80, utf8("frag2"))), List.of("text:frag1frag2")));
        c.add(Arguments.of("5.6", concat(client(0x01, utf8("frag1")), client(0x89, utf8("p")), client(0x80, utf8("frag2"))),
                List.of("ping:70", "text:frag1frag2")));
        c.add(Arguments.of("5.9", concat(client(0x80, utf8("x")), client(0x01, utf8("a")), client(0x80, utf8("b"))), List.of("fail:1002")));
        c.add(Arguments.of("5.12", concat(client(0x00, utf8("x")), client(0x81, utf8("a"))), List.of("fail:1002")));
        c.add(Arguments.of("5.15", concat(client(0x01, utf8("a")), client(0x80, utf8("b")), client(0x00, utf8("c")), client(0x80, utf8("d"))),
                List.of("text:ab", "fail:1002")));
        c.add(Arguments.of("5.18", concat(client(0x01, utf8("a")), client(0x01, utf8("b"))), List.of("fail:1002")));
        c.add(Arguments.of("5.19", concat(client(0x01, utf8("a")), client(0x00, utf8("b")), client(0x89, utf8("1")), client(0x00, utf8("c")),
                client(0x89, utf8("2")), client(0x80, utf8("d"))), List.of("ping:31", "ping:32", "text:abcd")));
        // 6.x UTF-8
        c.add(Arguments.of("6.1.1", client(0x81, new byte[0]), List.of("text:")));
        c.add(Arguments.of("6.1.2", concat(client(0x01, new byte[0]), client(0x00, new byte[0]), client(0x80, new byte[0])), List.of("text:")));
        c.add(Arguments.of("6.2.3", concat(client(0x01, hex("ce ba e1")), client(0x00, hex("bd b9 cf")), client(0x80, hex("83 ce bc ce b5"))),
                List.of("text:\u03BA\u1F79\u03C3\u03BC\u03B5")));
        c.add(Arguments.of("6.3.1", client(0x81, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")), List.of("fail:1007")));
        c.add(Arguments.of("6.4.1 fails on the second fragment", concat(client(0x01, hex("ce ba e1 bd b9 cf 83 ce bc ce b5")),
                client(0x00, hex("f4 90 80 80"))), List.of("fail:1007")));
        c.add(Arguments.of("6.5.1", client(0x81, hex("ce ba e1 bd b9 cf 83 ce bc ce b5")), List.of("text:\u03BA\u1F79\u03C3\u03BC\u03B5")));
        c.add(Arguments.of("6.6.1", client(0x81, hex("ce")), List.of("fail:1007")));
        c.add(Arguments.of("6.8.1 5-byte sequence", client(0x81, hex("f8 88 80 80 80")), List.of("fail:1007")));
        c.add(Arguments.of("6.12.1 lone continuation", client(0x81, hex("80")), List.of("fail:1007")));
        c.add(Arguments.of("6.17.1 overlong slash", client(0x81, hex("c0 af")), List.of("fail:1007")));
        c.add(Arguments.of("6.19.1 surrogate", client(0x81, hex("ed a0 80")), List.of("fail:1007")));
        c.add(Arguments.of("6.21.1 paired surrogates", client(0x81, hex("ed a0 80 ed b0 80")), List.of("fail:1007")));
        c.add(Arguments.of("6.22.1 noncharacter U+FFFE is valid", client(0x81, hex("ef bf be")), List.of("text:\uFFFE")));
        c.add(Arguments.of("6.23.1 U+10FFFF", client(0x81, hex("f4 8f bf bf")), List.of("text:\uDBFF\uDFFF")));
        // 7.x close frames
        c.add(Arguments.of("7.1.6 nothing after close", concat(client(0x88, hex("03e8")), client(0x81, utf8("late"))), List.of("close:1000:")));
        c.add(Arguments.of("7.3.1", client(0x88, new byte[0]), List.of("close:1005:")));
        c.add(Arguments.of("7.3.2", client(0x88, hex("03")), List.of("fail:1002")));
        c.add(Arguments.of("7.3.3", client(0x88, hex("03e8")), List.of("close:1000:")));
        c.add(Arguments.of("7.3.4", client(0x88, concat(hex("03e8"), utf8("Hello World!"))), List.of("close:1000:Hello World!")));
        c.add(Arguments.of("7.3.5", client(0x88, concat(hex("03e8"), utf8("*".repeat(123)))), List.of("close:1000:" + "*".repeat(123))));
        c.add(Arguments.of("7.3.6", client(0x88, concat(hex("03e8"), utf8("*".repeat(124)))), List.of("fail:1002")));
        c.add(Arguments.of("7.5.1", client(0x88, concat(hex("03e8"), hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"))),
                List.of("fail:1007")));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999}) {
            c.add(Arguments.of("7.9 code " + code, client(0x88, new byte[] {(byte) (code >> 8), (byte) code}), List.of("fail:1002")));
        }
        // 9.x large messages in many frames (scaled down)
        byte[] frag = new byte[1000];
        List<byte[]> frames = new ArrayList<>();
        frames.add(client(0x02, frag));
        for (int i = 0; i < 98; i++) {
            frames.add(client(0x00, frag));
        }
        frames.add(client(0x80, frag));
        c.add(Arguments.of("9.4 100 fragments", concat(frames.toArray(byte[][]::new)), List.of("binary:" + zeros(100_000))));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesAsTheSuiteExpects(String name, byte[] wire, List<String> expected) {
        assertEquals(expected, decode(new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, null), wire), name);
        assertEquals(expected, decode(new WsDecoder(Role.SERVER, WsLimits.DEFAULTS, null), wire, RawFrames.ones(wire.length)),
                name + ", a byte at a time");
    }
}
