package io.jasyncio.http.ws;

import io.jasyncio.http.Method;
import io.jasyncio.http.server.AppTestRequests;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.http.server.WebSockets;
import io.jasyncio.http.ws.frame.WsHandshake;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSockets.accept without a connection: the 101 it builds, and the refusals of RFC 6455 §4.2.2. */
class WebSocketsAcceptTest {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String[] UPGRADE = {"Upgrade", "websocket", "Connection", "keep-alive, Upgrade", "Sec-WebSocket-Key", KEY,
        "Sec-WebSocket-Version", "13"};

    static Response accept(Method method, byte[] body, String... extra) {
        String[] h = new String[UPGRADE.length + extra.length];
        System.arraycopy(UPGRADE, 0, h, 0, UPGRADE.length);
        System.arraycopy(extra, 0, h, UPGRADE.length, extra.length);
        return WebSockets.accept(AppTestRequests.request(method, "/ws", body, 1024, h),
                WebSocketOptions.DEFAULTS.withSubprotocols(List.of("v2", "v1")), (req, ws) -> { });
    }

    @Test
    void aValidRequestGets101WithTheAcceptKey() {
        Response r = accept(Method.GET, new byte[0]);
        assertEquals(101, r.status());
        assertEquals("websocket", r.headers().get("Upgrade"));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", r.headers().get("Sec-WebSocket-Accept"), "RFC 6455 §1.3's example");
        assertEquals(WsHandshake.acceptKey(KEY), r.headers().get("Sec-WebSocket-Accept"));
        assertInstanceOf(ResponseBody.Upgrade.class, r.body());
        assertNull(r.headers().get("Sec-WebSocket-Protocol"));
        assertNull(r.headers().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void subprotocolAndCompressionAreNegotiated() {
        Response r = accept(Method.GET, new byte[0], "Sec-WebSocket-Protocol", "v0, v1", "Sec-WebSocket-Protocol", "v2",
                "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        assertEquals("v1", r.headers().get("Sec-WebSocket-Protocol"), "the client's first that the server accepts");
        assertTrue(r.headers().get("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
    }

    @Test
    void wrongRequestsGet400Or426() {
        assertEquals(400, accept(Method.POST, new byte[0]).status());
        assertEquals(400, accept(Method.GET, "body".getBytes(StandardCharsets.UTF_8)).status());
        Response notUpgrade = WebSockets.accept(AppTestRequests.get("/ws"), WebSocketOptions.DEFAULTS, (req, ws) -> { });
        assertEquals(400, notUpgrade.status());
        Response v8 = WebSockets.accept(AppTestRequests.get("/ws", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "8"), WebSocketOptions.DEFAULTS, (req, ws) -> { });
        assertEquals(426, v8.status());
        assertEquals("13", v8.headers().get("Sec-WebSocket-Version"));
        Response badKey = WebSockets.accept(AppTestRequests.get("/ws", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "short", "Sec-WebSocket-Version", "13"), WebSocketOptions.DEFAULTS, (req, ws) -> { });
        assertEquals(400, badKey.status());
    }
}
