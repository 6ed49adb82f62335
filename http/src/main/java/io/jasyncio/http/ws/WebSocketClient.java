package io.jasyncio.http.ws;

import io.jasyncio.http.Headers;
import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsHandshake;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.stream.Transport;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The client's side of the opening handshake (RFC 6455 §4.1), in two steps around an HTTP
 * exchange the caller makes: {@link #start} gives the header fields to add to the GET,
 * {@link #finish} checks the response and wraps the upgraded connection in a {@link WebSocket}.
 * The client session's {@code websocket(url)} uses it; so can any code that speaks HTTP itself.
 *
 * {@snippet :
 * WebSocketClient.Start start = WebSocketClient.start(options);
 * // send "GET /chat HTTP/1.1" with Host and start.headers(), read the response head, then:
 * WebSocket ws = WebSocketClient.finish(start, head.status(), head.headers(), transport, leftover, options);
 * }
 */
public final class WebSocketClient {
    /** What the client offers with {@code permessage-deflate}: the defaults, asking for the client's window size. */
    static final PerMessageDeflate.Params OFFER = new PerMessageDeflate.Params(false, false, 15, 15);

    private WebSocketClient() {
    }

    /**
     * The handshake's first step: a fresh key and the header fields to add to the GET request.
     *
     * @param key the {@code Sec-WebSocket-Key} sent, which the response must answer
     * @param headers {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key},
     *     {@code Sec-WebSocket-Version}, and {@code Sec-WebSocket-Protocol} /
     *     {@code Sec-WebSocket-Extensions} when the options offer subprotocols / compression
     */
    public record Start(String key, Headers headers) {
        /** @throws NullPointerException if a field is null */
        public Start {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(headers, "headers");
        }
    }

    /** Makes a key and the request's header fields for {@code options}. Does not suspend. */
    public static Start start(WebSocketOptions options) {
        String key = WsHandshake.newKey();
        Headers h = new Headers();
        h.add("Upgrade", "websocket");
        h.add("Connection", "Upgrade");
        h.add("Sec-WebSocket-Key", key);
        h.add("Sec-WebSocket-Version", "13");
        if (!options.subprotocols().isEmpty()) {
            h.add("Sec-WebSocket-Protocol", String.join(", ", options.subprotocols()));
        }
        if (options.compression()) {
            h.add("Sec-WebSocket-Extensions", PerMessageDeflate.offer(OFFER));
        }
        return new Start(key, h);
    }

    /**
     * The handshake's second step: checks the response ({@code 101}, {@code Upgrade},
     * {@code Connection}, {@code Sec-WebSocket-Accept}, a subprotocol that was offered, an
     * extension that was offered and is acceptable) and makes the client's {@link WebSocket} over
     * {@code transport}. Does not suspend. On failure the transport is left as it is: the caller
     * closes it.
     *
     * @param leftover the bytes the response decoder read past the head (its {@code takeRemaining()})
     * @throws WsHandshakeException if the response does not complete the handshake
     */
    public static WebSocket finish(Start start, int status, Headers responseHeaders, Transport transport,
                                   ByteBuffer leftover, WebSocketOptions options) throws WsHandshakeException {
        WsHandshake.checkResponse(status, responseHeaders, start.key());
        String sub = responseHeaders.get("Sec-WebSocket-Protocol");
        if (sub != null) {
            sub = sub.trim();
            if (!options.subprotocols().contains(sub)) {
                throw new WsHandshakeException(status, "the server chose subprotocol \"" + sub
                        + "\", which the client did not offer " + options.subprotocols());
            }
        }
        PerMessageDeflate.Params agreed = null;
        List<String> ext = responseHeaders.getAll("Sec-WebSocket-Extensions");
        if (!ext.isEmpty()) {
            if (!options.compression()) {
                throw new WsHandshakeException(status, "the server answered with extensions the client did not offer: " + ext);
            }
            agreed = PerMessageDeflate.checkResponse(String.join(", ", ext), OFFER);
        }
        return WebSocket.over(transport, leftover, Role.CLIENT, options, agreed, sub);
    }
}
