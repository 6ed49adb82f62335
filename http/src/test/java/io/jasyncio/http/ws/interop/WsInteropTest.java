package io.jasyncio.http.ws.interop;

import io.jasyncio.LoopKind;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.http.ws.Message;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketClosedException;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.http.ws.WsTestClient;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket interop in both directions with Python's websockets 10.4 and aiohttp 3.8:
 * permessage-deflate, fragmented messages, large messages, pings and heartbeats, close codes.
 * The client scripts do their own checks and print "OK" when they pass.
 */
class WsInteropTest {
    static final ServerConfig LOCAL = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0);
    static final WebSocketOptions CHAT = WebSocketOptions.DEFAULTS.withSubprotocols(List.of("chat"));

    /** Echoes "echo " + text and binary as it is; "close:N" closes with N "as asked"; "sleep:MS" answers "slept" after MS ms. */
    static Application app() {
        return new Application().websocket("/echo", CHAT, (req, ws) -> {
            for (Message m : ws) {
                if (m instanceof Message.Text t && t.text().startsWith("close:")) {
                    ws.close(Integer.parseInt(t.text().substring(6)), "as asked");
                } else if (m instanceof Message.Text t && t.text().startsWith("sleep:")) {
                    io.jasyncio.Asyncio.sleep(Duration.ofMillis(Long.parseLong(t.text().substring(6))));
                    ws.send("slept");
                } else if (m instanceof Message.Text t) {
                    ws.send("echo " + t.text());
                } else {
                    ws.send(m.bytes());
                }
            }
        });
    }

    private static void againstOurServer(LoopHarness h, String script) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(app(), LOCAL);
            try {
                String out = PythonPeer.runClient(script, server.port());
                assertTrue(out.startsWith("OK "), out);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void pythonWebsocketsClientTalksToOurServer(LoopHarness h) {
        PythonPeer.assumeModule("websockets");
        againstOurServer(h, "websockets_client.py");
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aiohttpClientTalksToOurServer(LoopHarness h) {
        PythonPeer.assumeModule("aiohttp");
        againstOurServer(h, "aiohttp_client.py");
    }

    /** What our client checks against either Python server. */
    private static void clientSession(int port, boolean fragments) throws Exception {
        WebSocket ws = WsTestClient.connect(port, "/", CHAT.withHeartbeat(Duration.ofMillis(200)));
        assertEquals("chat", ws.subprotocol());
        assertTrue(ws.compressed(), "permessage-deflate negotiated");
        ws.send("hello");
        assertEquals(new Message.Text("hello"), ws.receive());
        byte[] bin = new byte[100_000];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = (byte) (i * 31);
        }
        ws.send(bin);
        assertArrayEquals(bin, ws.receive().bytes());
        String big = "é".repeat(500_000);
        ws.send(big);
        assertEquals(big, ((Message.Text) ws.receive()).text());
        if (fragments) {
            ws.send("fragments");
            assertEquals(new Message.Text("one two three"), ws.receive());
        }
        io.jasyncio.Asyncio.sleep(Duration.ofMillis(700));   // a few heartbeats, answered by the peer
        assertFalse(ws.isClosed());
        ws.send("close");
        WebSocketClosedException x = assertThrows(WebSocketClosedException.class, ws::receive);
        assertEquals(4002, x.code());
        assertEquals("bye", x.reason());
        ws.close();
        WebSocket plain = WsTestClient.connect(port, "/", WebSocketOptions.DEFAULTS.withCompression(false));
        assertFalse(plain.compressed());
        plain.send("x");
        assertEquals(new Message.Text("x"), plain.receive());
        plain.close();
        assertEquals(1000, plain.closeCode());
        assertTrue(plain.isClosed());
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void ourClientTalksToPythonWebsockets(LoopHarness h) {
        PythonPeer.assumeModule("websockets");
        h.runBounded(() -> {
            try (PythonPeer peer = PythonPeer.startServer("websockets_server.py")) {
                clientSession(peer.port, true);
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void ourClientTalksToAiohttp(LoopHarness h) {
        PythonPeer.assumeModule("aiohttp");
        h.runBounded(() -> {
            try (PythonPeer peer = PythonPeer.startServer("aiohttp_server.py")) {
                clientSession(peer.port, false);
            }
        });
    }
}
