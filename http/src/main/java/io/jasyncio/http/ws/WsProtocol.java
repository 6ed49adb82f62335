package io.jasyncio.http.ws;

import io.jasyncio.http.ws.frame.WsDecoder;
import io.jasyncio.http.ws.frame.WsEvent;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;

import java.nio.ByteBuffer;

/**
 * The transport's protocol while a {@link WebSocket} owns the connection: hands received bytes
 * and flow-control events to it, and turns the decoder's events into its calls. Kept apart so
 * the public WebSocket carries no protocol callbacks.
 */
final class WsProtocol implements Protocol {
    private final WebSocket ws;

    WsProtocol(WebSocket ws) {
        this.ws = ws;
    }

    /** Decodes what {@code decoder} holds until it needs more bytes or the connection stops reading. */
    static void dispatch(WebSocket ws, WsDecoder decoder) {
        WsEvent ev;
        while ((ev = decoder.next()) != null) {
            switch (ev) {
                case WsEvent.Text t -> ws.onMessage(new Message.Text(t.text()));
                case WsEvent.Binary b -> ws.onMessage(new Message.Binary(b.data()));
                case WsEvent.Ping p -> ws.onPing(p.payload());
                case WsEvent.Pong p -> ws.onPong(p.payload());
                case WsEvent.Close c -> {
                    ws.onClose(c.code(), c.reason());
                    return;
                }
                case WsEvent.Failure f -> {
                    ws.fail(f.closeCode(), f.closeCode(), f.reason());
                    return;
                }
            }
        }
    }

    @Override
    public void connectionMade(Transport transport) {
        // Never called: the WebSocket takes over a connection that is already made.
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        ws.dataReceived(data);
    }

    /** The peer half-closed without a Close frame: nothing more can come, so the transport closes. */
    @Override
    public boolean eofReceived() {
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        ws.connectionLost();
    }

    @Override
    public void pauseWriting() {
        ws.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        ws.resumeWriting();
    }
}
