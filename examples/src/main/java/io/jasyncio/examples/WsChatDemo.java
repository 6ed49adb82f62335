package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.ParkingLot;
import io.jasyncio.http.Headers;
import io.jasyncio.http.Method;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.RequestEncoder;
import io.jasyncio.http.codec.ResponseDecoder;
import io.jasyncio.http.codec.ResponseHead;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.http.ws.Message;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketClient;
import io.jasyncio.http.ws.WebSocketClosedException;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket chat: the server is an {@link Application} with one WebSocket route; each client
 * sends its name as its first message, then every message it sends goes to everyone else as
 * {@code name: text}; leaving (the close handshake) is announced. The room is a plain map with
 * no lock: every session runs on the loop thread and is only interrupted where it waits. Three
 * scripted clients talk to it over 127.0.0.1, then the server shuts down, which closes the last
 * WebSockets with 1001 (going away).
 */
public final class WsChatDemo {
    private WsChatDemo() {
    }

    /** The chat room: one session per client, sharing the map of who is online. */
    static final class Room {
        private final Map<String, WebSocket> online = new LinkedHashMap<>();

        void session(Request request, WebSocket ws) throws IOException {
            if (!(ws.receive() instanceof Message.Text(String name))) {
                ws.close(1003, "say your name in text first");
                return;
            }
            online.put(name, ws);
            ws.send("welcome " + name + " (" + online.size() + " online)");
            try {
                for (Message m : ws) {                   // ends when the client closes
                    if (m instanceof Message.Text(String text)) {
                        broadcast(name, name + ": " + text);
                    }
                }
            } finally {
                online.remove(name);
                broadcast(name, "* " + name + " left");
            }
        }

        private void broadcast(String from, String message) {
            for (Map.Entry<String, WebSocket> e : new LinkedHashMap<>(online).entrySet()) {
                if (!e.getKey().equals(from)) {
                    try {
                        e.getValue().send(message);      // suspends only while that client's buffer is full
                    } catch (WebSocketClosedException gone) {
                        // That client is leaving too (or the server is shutting down): skip it.
                    }
                }
            }
        }
    }

    private static WebSocket join(int port, String name) throws IOException {
        WebSocket ws = connect(port, "/chat");
        ws.send(name);
        hear(name, ws);
        return ws;
    }

    private static void hear(String who, WebSocket ws) throws IOException {
        System.out.println(who + " hears: " + ((Message.Text) ws.receive()).text());
    }

    /** Runs the example; {@code ./jasyncio examples wschat} calls this. */
    public static void main(String[] args) {
        run(() -> {
            Room room = new Room();
            HttpServer server = HttpServer.start(new Application().websocket("/chat", room::session),
                    ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            WebSocket alice = join(server.port(), "alice");
            WebSocket bob = join(server.port(), "bob");
            WebSocket carol = join(server.port(), "carol");

            alice.send("hi all");
            hear("bob", bob);
            hear("carol", carol);
            carol.send("hey alice");
            hear("alice", alice);
            hear("bob", bob);
            bob.close();                                 // bob leaves: the close handshake
            hear("alice", alice);
            hear("carol", carol);

            server.close();                              // going away: 1001 to those still here
            for (WebSocket ws : new WebSocket[] {alice, carol}) {
                try {
                    ws.receive();
                } catch (WebSocketClosedException e) {
                    System.out.println("closed by the server: " + e.code() + " " + e.reason());
                }
                ws.close();
            }
        });
    }

    /**
     * Opens a WebSocket to {@code ws://127.0.0.1:port/path} by hand: a connection, the GET with
     * {@link WebSocketClient#start}'s fields, the response head, {@link WebSocketClient#finish}.
     * A client session's {@code websocket(url)} does the same over its pool.
     */
    static WebSocket connect(int port, String path) throws IOException {
        Connection<HeadReader> c = Network.createConnection(HeadReader::new, "127.0.0.1", port);
        WebSocketOptions options = WebSocketOptions.DEFAULTS;
        WebSocketClient.Start start = WebSocketClient.start(options);
        Headers headers = Headers.of("Host", "127.0.0.1:" + port);
        start.headers().forEach(f -> headers.add(f.getKey(), f.getValue()));
        c.protocol().decoder.expectResponseTo(Method.GET);
        c.transport().write(RequestEncoder.encodeHead(Method.GET, path, headers));
        try {
            ResponseHead head = c.protocol().awaitHead();
            return WebSocketClient.finish(start, head.status(), head.headers(), c.transport(),
                    c.protocol().decoder.takeRemaining(), options);
        } catch (IOException e) {
            c.transport().abort();
            throw e;
        }
    }

    /** Reads the response head, then stops reading so the WebSocket gets every byte after it. */
    static final class HeadReader implements Protocol {
        final ResponseDecoder decoder = new ResponseDecoder();
        private final ParkingLot waiting = new ParkingLot(this);
        private Transport transport;
        private ResponseHead head;
        private boolean gone;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            decoder.feed(data);
            HttpEvent ev = decoder.next();
            if (ev instanceof ResponseHead h) {
                head = h;
                transport.pauseReading();
                waiting.wakeAll();
            } else if (ev != null) {
                gone = true;
                waiting.wakeAll();
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            gone = true;
            waiting.wakeAll();
        }

        ResponseHead awaitHead() throws IOException {
            while (head == null && !gone) {
                waiting.park();
            }
            if (head == null) {
                throw new EOFException("no WebSocket handshake response");
            }
            return head;
        }
    }
}
