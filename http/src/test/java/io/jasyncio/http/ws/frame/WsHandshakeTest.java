package io.jasyncio.http.ws.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WsHandshakeTest {
    private static Headers request(String key) {
        return Headers.of("Host", "example.com", "Upgrade", "WebSocket", "Connection", "keep-alive, Upgrade",
                "Sec-WebSocket-Key", key, "Sec-WebSocket-Version", "13");
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        // RFC 6455 §1.3
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void newKeyIsSixteenRandomBytes() {
        String a = WsHandshake.newKey();
        assertEquals(16, Base64.getDecoder().decode(a).length);
        assertNotEquals(a, WsHandshake.newKey());
    }

    @Test
    void validRequestPasses() throws Exception {
        WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, request(WsHandshake.newKey()));
    }

    @Test
    void badRequestsAreRefusedWithTheRightStatus() {
        String key = WsHandshake.newKey();
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.POST, HttpVersion.HTTP_1_1, request(key))).status());
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_0, request(key))).status());
        Headers noUpgrade = request(key);
        noUpgrade.remove("Upgrade");
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, noUpgrade)).status());
        Headers noConnection = request(key).set("Connection", "keep-alive");
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, noConnection)).status());
        Headers noHost = request(key);
        noHost.remove("Host");
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, noHost)).status());
        Headers v8 = request(key).set("Sec-WebSocket-Version", "8");
        assertEquals(426, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, v8)).status());
        Headers shortKey = request(Base64.getEncoder().encodeToString(new byte[15]));
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, shortKey)).status());
        Headers notBase64 = request("!!!!!!!!!!!!!!!!!!!!!!==");
        assertEquals(400, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkRequest(Method.GET, HttpVersion.HTTP_1_1, notBase64)).status());
    }

    @Test
    void responseIsCheckedAgainstTheKey() throws Exception {
        String key = WsHandshake.newKey();
        Headers ok = Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", WsHandshake.acceptKey(key));
        WsHandshake.checkResponse(101, ok, key);
        assertEquals(403, assertThrows(WsHandshakeException.class, () -> WsHandshake.checkResponse(403, ok, key)).status());
        assertEquals(101, assertThrows(WsHandshakeException.class,
                () -> WsHandshake.checkResponse(101, ok, WsHandshake.newKey())).status());
        Headers noUpgrade = ok.copy();
        noUpgrade.remove("Upgrade");
        assertThrows(WsHandshakeException.class, () -> WsHandshake.checkResponse(101, noUpgrade, key));
        Headers noConnection = ok.copy();
        noConnection.remove("Connection");
        assertThrows(WsHandshakeException.class, () -> WsHandshake.checkResponse(101, noConnection, key));
    }
}
