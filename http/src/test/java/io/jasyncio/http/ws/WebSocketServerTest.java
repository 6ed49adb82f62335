package io.jasyncio.http.ws;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.http.Headers;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.http.server.conn.TestCertificate;
import io.jasyncio.stream.ConnectOptions;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.http.ws.frame.Role;
import io.jasyncio.http.ws.frame.WsEncoder;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server route over a real loopback connection, with the test client of {@link WsTestClient}. */
class WebSocketServerTest {
    static final ServerConfig LOCAL = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0);

    static Application echo(WebSocketOptions options) {
        return new Application().websocket("/echo", options, (req, ws) -> {
            for (Message m : ws) {
                switch (m) {
                    case Message.Text t -> ws.send("echo " + t.text());
                    case Message.Binary b -> ws.send(b.data());
                }
            }
        });
    }

    @LoopTest(checkFds = true)
    void echoesTextAndBinaryWithCompression(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS), LOCAL);
            try {
                WebSocket ws = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS);
                assertTrue(ws.compressed(), "permessage-deflate was negotiated");
                ws.send("hi");
                assertEquals(new Message.Text("echo hi"), ws.receive());
                byte[] big = new byte[300_000];
                ws.send(big);
                assertEquals(big.length, ws.receive().bytes().length);
                ws.close();
                assertEquals(1000, ws.closeCode());
                assertTrue(ws.isClosed());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void echoesWithoutCompressionWhenEitherSideRefusesIt(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS.withCompression(false)), LOCAL);
            try {
                WebSocket ws = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS);
                assertFalse(ws.compressed());
                ws.send("plain");
                assertEquals(new Message.Text("echo plain"), ws.receive());
                ws.close();
                WebSocket ws2 = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS.withCompression(false));
                assertFalse(ws2.compressed());
                ws2.close();
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void theFirstOfTheClientsSubprotocolsTheServerAcceptsIsChosen(LoopHarness h) {
        h.runBounded(() -> {
            List<String> seen = new ArrayList<>();
            Application app = new Application().websocket("/ws", WebSocketOptions.DEFAULTS.withSubprotocols(List.of("b", "c")),
                    (req, ws) -> seen.add(ws.subprotocol()));
            HttpServer server = HttpServer.start(app, LOCAL);
            try {
                WebSocket ws = WsTestClient.connect(server.port(), "/ws", WebSocketOptions.DEFAULTS.withSubprotocols(List.of("a", "c", "b")));
                assertEquals("c", ws.subprotocol());
                ws.close();
                WebSocket none = WsTestClient.connect(server.port(), "/ws", WebSocketOptions.DEFAULTS.withSubprotocols(List.of("z")));
                assertNull(none.subprotocol());
                none.close();
                assertEquals(java.util.Arrays.asList("c", null), seen);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void framesSentWithTheRequestReachTheWebSocket(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS), LOCAL);
            try {
                WsEncoder early = new WsEncoder(Role.CLIENT, null, RandomGenerator.getDefault());
                WebSocket ws = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS.withCompression(false),
                        new Headers(), early.text("before the 101"));
                assertEquals(new Message.Text("echo before the 101"), ws.receive());
                ws.close();
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aReturningHandlerClosesWith1000AndAFailingOneWith1011(LoopHarness h) {
        h.runBounded(() -> {
            Application app = new Application()
                    .websocket("/bye", (req, ws) -> ws.send("bye"))
                    .websocket("/fail", (req, ws) -> {
                        throw new IllegalStateException("handler bug");
                    });
            HttpServer server = HttpServer.start(app, LOCAL);
            try (LogCapture log = LogCapture.start()) {
                WebSocket ws = WsTestClient.connect(server.port(), "/bye", WebSocketOptions.DEFAULTS);
                assertEquals(new Message.Text("bye"), ws.receive());
                assertEquals(1000, assertThrows(WebSocketClosedException.class, ws::receive).code());
                ws.close();
                WebSocket ws2 = WsTestClient.connect(server.port(), "/fail", WebSocketOptions.DEFAULTS);
                WebSocketClosedException x = assertThrows(WebSocketClosedException.class, ws2::receive);
                assertEquals(1011, x.code());
                ws2.close();
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("Error in the WebSocket handler")), log.messages().toString());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aGracefulServerCloseSendsGoingAway(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS), LOCAL);
            WebSocket ws = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS);
            ws.send("x");
            ws.receive();
            server.close();
            WebSocketClosedException x = assertThrows(WebSocketClosedException.class, ws::receive);
            assertEquals(1001, x.code());
            assertTrue(x.isNormal());
            ws.close();
            assertEquals(0, server.statistics().connections());
        });
    }

    @LoopTest(checkFds = true)
    void aSessionStuckPastTheGracePeriodIsCancelled(LoopHarness h) {
        h.runBounded(() -> {
            List<String> ended = new ArrayList<>();
            Application app = new Application().websocket("/stuck", (req, ws) -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    ended.add("cancelled");
                    throw e;
                }
            });
            HttpServer server = HttpServer.start(app, LOCAL.withShutdownGrace(Duration.ofMillis(200)));
            WebSocket ws = WsTestClient.connect(server.port(), "/stuck", WebSocketOptions.DEFAULTS);
            server.close();
            assertEquals(List.of("cancelled"), ended);
            assertThrows(WebSocketClosedException.class, ws::receive);
            ws.close();
        });
    }

    @LoopTest(checkFds = true)
    void worksOverTls(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS),
                    LOCAL.withTls(TlsOptions.server(TestCertificate.server())));
            try {
                WebSocket ws = WsTestClient.connect(server.port(), "/echo", WebSocketOptions.DEFAULTS, new Headers(), null,
                        ConnectOptions.DEFAULTS.withTls(TlsOptions.client(TestCertificate.client(), "localhost")));
                assertTrue(ws.transport().getExtraInfo("sslSession") != null, "a TLS connection");
                ws.send("secret");
                assertEquals(new Message.Text("echo secret"), ws.receive());
                ws.send(new byte[200_000]);
                assertEquals(200_000, ws.receive().bytes().length);
                ws.close();
                assertEquals(1000, ws.closeCode());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aSilentClientIsDroppedAfterTheGracePeriodAndItsSessionCancelled(LoopHarness h) {
        h.runBounded(() -> {
            List<String> ended = new ArrayList<>();
            Application app = new Application().websocket("/stuck", (req, ws) -> {
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    ended.add("cancelled");
                    throw e;
                }
            });
            HttpServer server = HttpServer.start(app, LOCAL.withShutdownGrace(Duration.ofMillis(200)));
            WebSocket ws = WsTestClient.connect(server.port(), "/stuck", WebSocketOptions.DEFAULTS);
            ws.transport().pauseReading();   // it never sees the server's Close, so never answers it
            server.close();
            assertEquals(List.of("cancelled"), ended);
            assertEquals(0, server.statistics().connections());
            ws.transport().resumeReading();
            assertThrows(WebSocketClosedException.class, ws::receive);
            ws.close();
        });
    }

    @LoopTest(loops = io.jasyncio.LoopKind.SELECTOR, checkFds = true)
    void aServerSendingToAClientThatDoesNotReadIsHeldBack(LoopHarness h) {
        h.runBounded(() -> {
            int total = 512;   // 32 MiB: far more than the socket buffers and the client's inbox hold
            int[] sent = {0};
            WebSocketOptions plain = WebSocketOptions.DEFAULTS.withCompression(false);
            Application app = new Application().websocket("/flood", plain, (req, ws) -> {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < total; i++) {
                    ws.send(chunk);
                    sent[0]++;
                }
            });
            HttpServer server = HttpServer.start(app, LOCAL);
            try {
                WebSocket ws = WsTestClient.connect(server.port(), "/flood", plain);
                int last;
                do {   // until the sender stalls: the client's inbox paused reading, the kernel buffers are full
                    last = sent[0];
                    Asyncio.sleep(Duration.ofMillis(100));
                } while (sent[0] != last);
                assertTrue(sent[0] < total, "the sender was held back at " + sent[0]);
                for (int i = 0; i < total; i++) {
                    assertEquals(64 * 1024, ws.receive().bytes().length);
                }
                assertEquals(total, sent[0]);
                assertEquals(1000, assertThrows(WebSocketClosedException.class, ws::receive).code());
                ws.close();
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void aClientOfAnotherVersionIsRefusedWith426(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(echo(WebSocketOptions.DEFAULTS), LOCAL);
            try {
                WsHandshakeException x = assertThrows(WsHandshakeException.class, () -> WsTestClient.connect(server.port(), "/echo",
                        WebSocketOptions.DEFAULTS, Headers.of("Sec-WebSocket-Version", "8")));
                assertEquals(426, x.status());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void anUpgradeBodyWithAStatusOtherThan101IsA500(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> new Response(200).body(new ResponseBody.Upgrade((t, rest) -> {
            })), LOCAL);
            try (LogCapture log = LogCapture.start()) {
                WsHandshakeException x = assertThrows(WsHandshakeException.class,
                        () -> WsTestClient.connect(server.port(), "/", WebSocketOptions.DEFAULTS));
                assertEquals(500, x.status());
                assertTrue(log.messages().stream().anyMatch(m -> m.contains("status 101")), log.messages().toString());
            } finally {
                server.close();
            }
        });
    }
}
