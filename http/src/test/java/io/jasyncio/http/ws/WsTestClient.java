package io.jasyncio.http.ws;

import io.jasyncio.ParkingLot;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.ProtocolError;
import io.jasyncio.http.codec.RequestEncoder;
import io.jasyncio.http.codec.ResponseDecoder;
import io.jasyncio.http.codec.ResponseHead;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.stream.ConnectOptions;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The client side of a WebSocket for tests, without the client session: a raw connection
 * ({@link Network#createConnection}), the GET written with the codec's {@link RequestEncoder}, the
 * answer read with its {@link ResponseDecoder}, and {@link WebSocketClient#start}/{@link
 * WebSocketClient#finish} around them: what the session's {@code websocket(url)} does over a
 * pooled connection.
 */
public final class WsTestClient {
    private WsTestClient() {
    }

    /**
     * Opens a WebSocket to {@code ws://127.0.0.1:port/path}; suspends.
     *
     * @throws WsHandshakeException if the server refuses (the connection is closed)
     */
    public static WebSocket connect(int port, String path, WebSocketOptions options) throws IOException {
        return connect(port, path, options, new Headers());
    }

    /** As {@link #connect(int, String, WebSocketOptions)}, with extra request fields. */
    public static WebSocket connect(int port, String path, WebSocketOptions options, Headers extra) throws IOException {
        return connect(port, path, options, extra, null);
    }

    /**
     * As {@link #connect(int, String, WebSocketOptions, Headers)}, and {@code early} (frames,
     * say) is sent in the same write as the request, before any answer.
     */
    public static WebSocket connect(int port, String path, WebSocketOptions options, Headers extra, ByteBuffer early)
            throws IOException {
        return connect(port, path, options, extra, early, ConnectOptions.DEFAULTS);
    }

    /** As {@link #connect(int, String, WebSocketOptions, Headers, ByteBuffer)}, over a connection made with {@code how} (TLS, say). */
    public static WebSocket connect(int port, String path, WebSocketOptions options, Headers extra, ByteBuffer early,
                                    ConnectOptions how) throws IOException {
        Connection<HeadReader> c = Network.createConnection(HeadReader::new, "127.0.0.1", port, how);
        Transport t = c.transport();
        try {
            WebSocketClient.Start start = WebSocketClient.start(options);
            Headers h = Headers.of("Host", "127.0.0.1:" + port);
            for (int i = 0; i < start.headers().size(); i++) {
                h.add(start.headers().name(i), start.headers().value(i));
            }
            for (int i = 0; i < extra.size(); i++) {
                h.set(extra.name(i), extra.value(i));
            }
            c.protocol().decoder.expectResponseTo(Method.GET);
            ByteBuffer head = RequestEncoder.encodeHead(Method.GET, path, h);
            if (early != null) {
                head = ByteBuffer.allocate(head.remaining() + early.remaining()).put(head).put(early).flip();
            }
            t.write(head);
            ResponseHead answer = c.protocol().awaitHead();
            return WebSocketClient.finish(start, answer.status(), answer.headers(), t,
                    c.protocol().decoder.takeRemaining(), options);
        } catch (IOException | RuntimeException | Error e) {
            t.abort();
            throw e;
        }
    }

    /** Reads the response head; pauses reading once it has it, so no byte after it is lost. */
    static final class HeadReader implements Protocol {
        final ResponseDecoder decoder = new ResponseDecoder();
        private final ParkingLot waiters = new ParkingLot(this);
        private Transport transport;
        private ResponseHead head;
        private IOException error;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (head != null || error != null) {
                return;
            }
            decoder.feed(data);
            HttpEvent ev = decoder.next();
            if (ev instanceof ResponseHead h) {
                head = h;
                transport.pauseReading();
                waiters.wakeAll();
            } else if (ev instanceof ProtocolError e) {
                error = new IOException("bad response: " + e.message());
                waiters.wakeAll();
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (head == null && error == null) {
                error = new EOFException("the server closed the connection before answering");
            }
            waiters.wakeAll();
        }

        ResponseHead awaitHead() throws IOException {
            while (head == null && error == null) {
                waiters.park();
            }
            if (head == null) {
                throw error;
            }
            return head;
        }
    }
}
