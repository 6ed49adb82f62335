package io.jasyncio.http.server;

import io.jasyncio.CancelledError;
import io.jasyncio.http.Status;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketClosedException;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.http.ws.frame.CloseCodes;
import io.jasyncio.http.ws.frame.PerMessageDeflate;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsHandshake;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.stream.Transport;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The server's side of the WebSocket opening handshake (RFC 6455 §4.2): turns a request into the
 * 101 response that upgrades it, or into the error the RFC asks for. {@link Application#websocket}
 * routes to it; a plain handler may call it to decide per request (authentication first, say).
 *
 * {@snippet :
 * app.get("/chat", request -> {
 *     if (request.query("token") == null) {
 *         throw new HttpException(401);
 *     }
 *     return WebSockets.accept(request, WebSocketOptions.DEFAULTS, (req, ws) -> {
 *         for (Message m : ws) {
 *             ws.send(m.bytes());
 *         }
 *     });
 * });
 * }
 */
public final class WebSockets {
    private static final System.Logger LOG = System.getLogger("io.jasyncio.http.server");

    private WebSockets() {
    }

    /**
     * The response to a WebSocket opening request: 101 with {@code Sec-WebSocket-Accept}, the
     * chosen subprotocol (the first of the client's that {@code options} lists, as aiohttp) and
     * the {@code permessage-deflate} answer when the client offered it and {@code options} allow
     * it; once it is sent, {@code handler} runs in the request's task with the {@link WebSocket}.
     * A request that is not a valid opening handshake gets 400 (wrong method, missing or bad
     * fields, a body) or 426 with {@code Sec-WebSocket-Version: 13} (another version), RFC 6455
     * §4.2.2. Does not suspend.
     *
     * <p>After {@code handler} returns the WebSocket is closed with 1000 (if still open); if it
     * throws, with 1011 and the exception is logged. A graceful server close starts the close
     * handshake of every open WebSocket with 1001 (going away); a session whose connection is
     * gone during the shutdown is cancelled, so the shutdown does not wait on a handler that
     * waits for something else.
     */
    public static Response accept(Request request, WebSocketOptions options, WebSocketHandler handler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        try {
            WsHandshake.checkRequest(request.method(), request.version(), request.headers());
        } catch (WsHandshakeException e) {
            Response r = Response.text(e.status(), e.getMessage());
            if (e.status() == Status.UPGRADE_REQUIRED) {
                r.header("Sec-WebSocket-Version", "13");
            }
            return r;
        }
        if (request.head().contentLength() != 0) {
            return Response.text(Status.BAD_REQUEST, "a WebSocket opening request has no body");
        }
        Response r = new Response(Status.SWITCHING_PROTOCOLS)
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Accept", WsHandshake.acceptKey(request.headers().get("Sec-WebSocket-Key").trim()));
        String sub = chooseSubprotocol(request.headers().getAll("Sec-WebSocket-Protocol"), options.subprotocols());
        if (sub != null) {
            r.header("Sec-WebSocket-Protocol", sub);
        }
        PerMessageDeflate.Params deflate = null;
        if (options.compression()) {
            List<String> offers = request.headers().getAll("Sec-WebSocket-Extensions");
            if (!offers.isEmpty()) {
                deflate = PerMessageDeflate.accept(offers);
                if (deflate != null) {
                    r.header("Sec-WebSocket-Extensions", PerMessageDeflate.response(deflate));
                }
            }
        }
        return r.body(new ResponseBody.Upgrade(new Session(request, options, deflate, sub, handler)));
    }

    /** The first subprotocol the client offers that the server accepts, or null. */
    static String chooseSubprotocol(List<String> offered, List<String> accepted) {
        for (String field : offered) {
            for (String p : field.split(",")) {
                String name = p.trim();
                if (accepted.contains(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    /** Runs the handler over the upgraded connection; closes the WebSocket after it. */
    private static final class Session implements ResponseBody.ProtocolSwitch {
        private final Request request;
        private final WebSocketOptions options;
        private final PerMessageDeflate.Params deflate;
        private final String subprotocol;
        private final WebSocketHandler handler;
        private WebSocket ws;

        Session(Request request, WebSocketOptions options, PerMessageDeflate.Params deflate, String subprotocol,
                WebSocketHandler handler) {
            this.request = request;
            this.options = options;
            this.deflate = deflate;
            this.subprotocol = subprotocol;
            this.handler = handler;
        }

        @Override
        public void run(Transport transport, ByteBuffer leftover) {
            ws = WebSocket.over(transport, leftover, Role.SERVER, options, deflate, subprotocol);
            try {
                handler.handle(request, ws);
            } catch (CancelledError e) {
                throw e;
            } catch (WebSocketClosedException e) {
                LOG.log(Level.DEBUG, () -> "WebSocket " + request + " ended: " + e.getMessage());
            } catch (Throwable t) {
                if (t instanceof java.io.UncheckedIOException u && u.getCause() instanceof WebSocketClosedException c) {
                    // An iteration that ended with an abnormal close: the peer's doing, not a bug.
                    LOG.log(Level.DEBUG, () -> "WebSocket " + request + " ended: " + c.getMessage());
                } else {
                    LOG.log(Level.ERROR, "Error in the WebSocket handler of " + request, t);
                    ws.close(CloseCodes.INTERNAL_ERROR, "internal error");
                    return;
                }
            }
            ws.close();
        }

        @Override
        public void serverClosing() {
            WebSocket w = ws;
            if (w != null && !w.isClosed()) {
                w.transport().loop().createTask(() -> {
                    w.close(CloseCodes.GOING_AWAY, "server shutdown");
                    return null;
                }, "websocket-going-away");
            }
        }
    }
}
