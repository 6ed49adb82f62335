package io.jasyncio.http.ws;

import io.jasyncio.http.Headers;
import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.WsHandshake;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import io.jasyncio.testing.MemoryTransport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client handshake's two steps, without a server: what start offers and what finish accepts. */
class WebSocketClientTest {
    @Test
    void startOffersTheKeyVersionSubprotocolsAndCompression() {
        WebSocketClient.Start s = WebSocketClient.start(WebSocketOptions.DEFAULTS.withSubprotocols(List.of("a", "b")));
        Headers h = s.headers();
        assertEquals("websocket", h.get("Upgrade"));
        assertEquals("Upgrade", h.get("Connection"));
        assertEquals("13", h.get("Sec-WebSocket-Version"));
        assertEquals(s.key(), h.get("Sec-WebSocket-Key"));
        assertEquals("a, b", h.get("Sec-WebSocket-Protocol"));
        assertTrue(h.get("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
        assertNotEquals(s.key(), WebSocketClient.start(WebSocketOptions.DEFAULTS).key(), "a fresh key each time");
        Headers plain = WebSocketClient.start(WebSocketOptions.DEFAULTS.withCompression(false)).headers();
        assertFalse(plain.contains("Sec-WebSocket-Extensions"));
        assertFalse(plain.contains("Sec-WebSocket-Protocol"));
    }

    static Headers accepted(WebSocketClient.Start s) {
        return Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", WsHandshake.acceptKey(s.key()));
    }

    @LoopTest
    void finishMakesAClientWebSocketWithWhatTheServerAgreedTo(LoopHarness h) {
        h.runBounded(() -> {
            WebSocketOptions o = WebSocketOptions.DEFAULTS.withSubprotocols(List.of("chat"));
            WebSocketClient.Start s = WebSocketClient.start(o);
            Headers r = accepted(s).add("Sec-WebSocket-Protocol", "chat")
                    .add("Sec-WebSocket-Extensions", PerMessageDeflate.response(PerMessageDeflate.Params.DEFAULTS));
            MemoryTransport.Pair p = MemoryTransport.pair(h.loop());
            FramePeer peer = new FramePeer(io.jasyncio.http.ws.frame.Role.SERVER);
            p.b().connect(peer);
            WebSocket ws = WebSocketClient.finish(s, 101, r, p.a(), null, o);
            assertEquals("chat", ws.subprotocol());
            assertTrue(ws.compressed());
            p.a().abort();
        });
    }

    @LoopTest
    void finishRefusesWhatTheClientDidNotAskFor(LoopHarness h) {
        h.runBounded(() -> {
            MemoryTransport.Pair p = MemoryTransport.pair(h.loop());
            p.b().connect(new FramePeer(io.jasyncio.http.ws.frame.Role.SERVER));
            WebSocketOptions o = WebSocketOptions.DEFAULTS;
            WebSocketClient.Start s = WebSocketClient.start(o);
            assertEquals(403, assertThrows(WsHandshakeException.class,
                    () -> WebSocketClient.finish(s, 403, new Headers(), p.a(), null, o)).status());
            Headers wrongKey = accepted(WebSocketClient.start(o));
            assertThrows(WsHandshakeException.class, () -> WebSocketClient.finish(s, 101, wrongKey, p.a(), null, o));
            Headers sub = accepted(s).add("Sec-WebSocket-Protocol", "never-offered");
            assertTrue(assertThrows(WsHandshakeException.class, () -> WebSocketClient.finish(s, 101, sub, p.a(), null, o))
                    .getMessage().contains("never-offered"));
            WebSocketOptions plain = o.withCompression(false);
            Headers ext = accepted(s).add("Sec-WebSocket-Extensions", "permessage-deflate");
            assertThrows(WsHandshakeException.class, () -> WebSocketClient.finish(s, 101, ext, p.a(), null, plain));
            assertFalse(p.a().isClosing(), "a refused handshake leaves the transport to the caller");
            WebSocket ws = WebSocketClient.finish(s, 101, accepted(s), p.a(), null, o);
            assertNull(ws.subprotocol());
            assertFalse(ws.compressed());
            p.a().abort();
        });
    }

    @Test
    void startRecordChecksItsFields() {
        assertThrows(NullPointerException.class, () -> new WebSocketClient.Start(null, new Headers()));
    }
}
