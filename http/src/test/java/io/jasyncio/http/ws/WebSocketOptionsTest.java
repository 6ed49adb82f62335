package io.jasyncio.http.ws;

import io.jasyncio.http.ws.frame.WsLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options record and the closed exception. */
class WebSocketOptionsTest {
    @Test
    void defaultsAreAiohttps() {
        WebSocketOptions d = WebSocketOptions.DEFAULTS;
        assertEquals(4 << 20, d.limits().maxMessageSize());
        assertNull(d.heartbeat());
        assertNull(d.effectiveHeartbeatTimeout());
        assertEquals(Duration.ofSeconds(10), d.closeTimeout());
        assertTrue(d.compression());
        assertEquals(List.of(), d.subprotocols());
    }

    @Test
    void withersChangeOneField() {
        WebSocketOptions o = WebSocketOptions.DEFAULTS.withHeartbeat(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(2), o.effectiveHeartbeatTimeout(), "half the heartbeat, as aiohttp");
        o = o.withHeartbeatTimeout(Duration.ofSeconds(1)).withCloseTimeout(Duration.ofSeconds(3)).withCompression(false)
                .withSubprotocols(List.of("x")).withLimits(WsLimits.DEFAULTS.withMaxMessageSize(5));
        assertEquals(Duration.ofSeconds(1), o.effectiveHeartbeatTimeout());
        assertEquals(Duration.ofSeconds(3), o.closeTimeout());
        assertFalse(o.compression());
        assertEquals(List.of("x"), o.subprotocols());
        assertEquals(5, o.limits().maxMessageSize());
        assertEquals(Duration.ofSeconds(4), o.heartbeat());
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.DEFAULTS.withHeartbeat(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.DEFAULTS.withCloseTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> WebSocketOptions.DEFAULTS.withCloseTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.DEFAULTS.withSubprotocols(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> WebSocketOptions.DEFAULTS.withSubprotocols(List.of("")));
    }

    @Test
    void theClosedExceptionCarriesCodeAndReason() {
        WebSocketClosedException x = new WebSocketClosedException(4000, "custom");
        assertEquals(4000, x.code());
        assertEquals("custom", x.reason());
        assertTrue(x.getMessage().contains("4000 custom"));
        assertFalse(x.isNormal());
        assertTrue(new WebSocketClosedException(1000, null).isNormal());
        assertEquals("", new WebSocketClosedException(1001, null).reason());
        assertTrue(new WebSocketClosedException(1005, "").isNormal());
        assertFalse(new WebSocketClosedException(1006, "").isNormal());
    }
}
