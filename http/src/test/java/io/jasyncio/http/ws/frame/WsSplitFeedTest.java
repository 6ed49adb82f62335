package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.RawFrames.client;
import static io.jasyncio.http.ws.frame.RawFrames.concat;
import static io.jasyncio.http.ws.frame.RawFrames.decode;
import static io.jasyncio.http.ws.frame.RawFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decoder gives the same events whether its input arrives whole, one byte at a time or in
 * random pieces (the WebSocket twin of the HTTP codec's {@code Decoding} checks).
 */
class WsSplitFeedTest {
    private static void sameEverywhere(byte[] wire, boolean compressed, List<String> expected) {
        assertEquals(expected, run(wire, compressed, new int[0]), "whole");
        assertEquals(expected, run(wire, compressed, RawFrames.ones(wire.length)), "byte at a time");
        Random r = new Random(wire.length);
        for (int i = 0; i < 30; i++) {
            assertEquals(expected, run(wire, compressed, RawFrames.randomCuts(r, wire.length)), "random split " + i);
        }
    }

    private static List<String> run(byte[] wire, boolean compressed, int[] cuts) {
        PerMessageDeflate pmd = compressed ? new PerMessageDeflate(Role.SERVER, PerMessageDeflate.Params.DEFAULTS) : null;
        try {
            return decode(new WsDecoder(Role.SERVER, new WsLimits(100_000, 70_000), pmd), wire, cuts);
        } finally {
            if (pmd != null) {
                pmd.close();
            }
        }
    }

    @Test
    void plainMessagesAndControlFrames() {
        byte[] wire = concat(client(0x81, utf8("héllo")), client(0x01, new byte[] {(byte) 0xE2}), client(0x89, utf8("p")),
                client(0x80, new byte[] {(byte) 0x82, (byte) 0xAC}), client(0x82, new byte[300]), client(0x82, new byte[66_000]),
                client(0x8A, new byte[0]), client(0x88, new byte[] {3, (byte) 0xE8, 'o', 'k'}), client(0x81, utf8("after close")));
        sameEverywhere(wire, false, List.of("text:héllo", "ping:70", "text:€", "binary:" + "00".repeat(300),
                "binary:" + "00".repeat(66_000), "pong:", "close:1000:ok"));
    }

    @Test
    void compressedMessages() {
        PerMessageDeflate out = new PerMessageDeflate(Role.CLIENT, PerMessageDeflate.Params.DEFAULTS);
        try {
            WsEncoder e = new WsEncoder(Role.CLIENT, out, new SplittableRandom(9));
            String text = "compress me please ".repeat(100);
            byte[] wire = concat(PerMessageDeflateTest.bytes(e.text(text)), PerMessageDeflateTest.bytes(e.text("")),
                    PerMessageDeflateTest.bytes(e.fragment(Opcode.TEXT, ByteBuffer.wrap(utf8("ab")), false)),
                    PerMessageDeflateTest.bytes(e.fragment(Opcode.CONTINUATION, ByteBuffer.wrap(utf8("cd")), true)),
                    PerMessageDeflateTest.bytes(e.text(text)));
            sameEverywhere(wire, true, List.of("text:" + text, "text:", "text:abcd", "text:" + text));
        } finally {
            out.close();
        }
    }

    @Test
    void failuresComeOutTheSame() {
        sameEverywhere(concat(client(0x81, utf8("ok")), client(0x81, new byte[] {'a', (byte) 0xFF, 'b'})), false,
                List.of("text:ok", "fail:1007"));
        sameEverywhere(concat(client(0x01, utf8("a")), client(0x89, new byte[0]), client(0x82, new byte[1])), false,
                List.of("ping:", "fail:1002"));
        sameEverywhere(concat(client(0x82, new byte[70_001])), false, List.of("fail:1009"));
    }
}
