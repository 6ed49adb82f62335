package io.jasyncio.http.ws.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encoder to decoder, each direction, with and without permessage-deflate. */
class WsRoundTripTest {
    private static List<WsEvent> decode(WsDecoder d, ByteBuffer... frames) {
        for (ByteBuffer f : frames) {
            d.feed(f);
        }
        List<WsEvent> out = new ArrayList<>();
        for (WsEvent e; (e = d.next()) != null; ) {
            out.add(e);
            if (e instanceof WsEvent.Failure) {
                break;
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"CLIENT,false", "SERVER,false", "CLIENT,true", "SERVER,true"})
    void messagesAndControlFramesSurviveTheTrip(Role sender, boolean compress) {
        Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        PerMessageDeflate.Params p = PerMessageDeflate.Params.DEFAULTS;
        PerMessageDeflate out = compress ? new PerMessageDeflate(sender, p) : null;
        PerMessageDeflate in = compress ? new PerMessageDeflate(receiver, p) : null;
        WsEncoder enc = new WsEncoder(sender, out, new SplittableRandom(1));
        WsDecoder dec = new WsDecoder(receiver, WsLimits.DEFAULTS, in);
        byte[] big = new byte[70_000];
        new SplittableRandom(2).nextBytes(big);
        String text = "héllo wörld ✓ 🎉".repeat(10);
        List<WsEvent> events = decode(dec,
                enc.text(text),
                enc.binary(ByteBuffer.wrap(big)),
                enc.text(""),
                enc.fragment(Opcode.TEXT, ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)), false),
                enc.ping(new byte[] {1, 2}),
                enc.fragment(Opcode.CONTINUATION, ByteBuffer.wrap("cd".getBytes(StandardCharsets.UTF_8)), true),
                enc.text(text),
                enc.close(CloseCodes.GOING_AWAY, "bye"));
        assertEquals(7, events.size(), events::toString);
        assertEquals(new WsEvent.Text(text), events.get(0));
        assertArrayEquals(big, ((WsEvent.Binary) events.get(1)).data());
        assertEquals(new WsEvent.Text(""), events.get(2));
        assertArrayEquals(new byte[] {1, 2}, ((WsEvent.Ping) events.get(3)).payload());
        assertEquals(new WsEvent.Text("abcd"), events.get(4));
        assertEquals(new WsEvent.Text(text), events.get(5));
        assertEquals(new WsEvent.Close(1001, "bye"), events.get(6));
        assertNull(dec.next());
        if (compress) {
            out.close();
            in.close();
        }
    }
}
