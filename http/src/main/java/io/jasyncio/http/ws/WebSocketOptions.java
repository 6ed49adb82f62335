package io.jasyncio.http.ws;

import io.jasyncio.http.ws.frame.WsLimits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link WebSocket} behaves: its limits, heartbeat, close timeout, compression and the
 * subprotocols it offers (client) or accepts (server). Immutable; change one field with the
 * {@code with*} methods.
 *
 * {@snippet :
 * WebSocketOptions o = WebSocketOptions.DEFAULTS
 *         .withHeartbeat(Duration.ofSeconds(20))
 *         .withSubprotocols(List.of("chat.v2"));
 * }
 *
 * <p>Defaults as aiohttp's {@code ws_connect} and {@code WebSocketResponse}: 4 MiB messages, no
 * heartbeat, a 10 s close timeout, {@code permessage-deflate} offered and accepted, no subprotocol.
 *
 * @param limits the decoder's limits: a message over {@code maxMessageSize} fails the connection
 *     with 1009
 * @param heartbeat the interval between heartbeat pings, or null for none (a ping is sent every
 *     interval; an answer within {@code heartbeatTimeout} is expected)
 * @param heartbeatTimeout how long a heartbeat ping may wait for its pong before the connection is
 *     failed (Close 1011 sent, {@link WebSocket#closeCode()} 1006); null means half the heartbeat,
 *     as aiohttp
 * @param closeTimeout how long {@link WebSocket#close} waits for the peer's Close frame and the
 *     end of the connection before it drops the connection
 * @param compression whether to offer (client) or accept (server) {@code permessage-deflate}
 * @param subprotocols the client's offer in preference order, or the server's accepted set (the
 *     server picks the first of the client's that it accepts, as aiohttp)
 */
public record WebSocketOptions(WsLimits limits, Duration heartbeat, Duration heartbeatTimeout, Duration closeTimeout,
                               boolean compression, List<String> subprotocols) {
    /** 4 MiB messages, no heartbeat, 10 s close timeout, compression on, no subprotocols. */
    public static final WebSocketOptions DEFAULTS = new WebSocketOptions(WsLimits.DEFAULTS, null, null,
            Duration.ofSeconds(10), true, List.of());

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code limits}, {@code closeTimeout} or {@code subprotocols}
     *     is null
     * @throws IllegalArgumentException if a duration is zero or negative, or a subprotocol is
     *     empty or not an HTTP token
     */
    public WebSocketOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        positive("heartbeat", heartbeat);
        positive("heartbeatTimeout", heartbeatTimeout);
        positive("closeTimeout", closeTimeout);
        subprotocols = List.copyOf(subprotocols);
        for (String p : subprotocols) {
            if (p.isEmpty() || !p.chars().allMatch(WebSocketOptions::tokenChar)) {
                throw new IllegalArgumentException("a subprotocol is an HTTP token, not \"" + p + "\"");
            }
        }
    }

    private static void positive(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static boolean tokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** The heartbeat timeout in effect: {@link #heartbeatTimeout()}, or half the heartbeat; null without a heartbeat. */
    public Duration effectiveHeartbeatTimeout() {
        if (heartbeat == null) {
            return null;
        }
        return heartbeatTimeout != null ? heartbeatTimeout : heartbeat.dividedBy(2);
    }

    /** These options with {@code limits}. */
    public WebSocketOptions withLimits(WsLimits limits) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }

    /** These options with a heartbeat ping every {@code heartbeat} (null: none). */
    public WebSocketOptions withHeartbeat(Duration heartbeat) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }

    /** These options with {@code heartbeatTimeout} (null: half the heartbeat). */
    public WebSocketOptions withHeartbeatTimeout(Duration heartbeatTimeout) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }

    /** These options with {@code closeTimeout}. */
    public WebSocketOptions withCloseTimeout(Duration closeTimeout) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }

    /** These options with {@code permessage-deflate} on or off. */
    public WebSocketOptions withCompression(boolean compression) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }

    /** These options with {@code subprotocols} (copied). */
    public WebSocketOptions withSubprotocols(List<String> subprotocols) {
        return new WebSocketOptions(limits, heartbeat, heartbeatTimeout, closeTimeout, compression, subprotocols);
    }
}
