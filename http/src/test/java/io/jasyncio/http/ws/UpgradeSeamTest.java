package io.jasyncio.http.ws;

import io.jasyncio.ParkingLot;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;
import io.jasyncio.stream.Connection;
import io.jasyncio.stream.Network;
import io.jasyncio.stream.Protocol;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's upgrade seam on its own, with a protocol that is not WebSocket: the 101 head, the
 * bytes sent with the request handed over, the new protocol receiving, the connection closed
 * when the session returns, and the server counting the connection until then.
 */
class UpgradeSeamTest {
    /** Collects what the server sends. */
    static final class Collector implements Protocol {
        final StringBuilder text = new StringBuilder();
        boolean lost;

        @Override
        public void dataReceived(ByteBuffer data) {
            text.append(StandardCharsets.ISO_8859_1.decode(data));
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost = true;
        }
    }

    /** Upper-cases what it receives until it sees "quit". */
    static final class Shout implements Protocol {
        final Transport transport;
        final ParkingLot quit = new ParkingLot(this);
        boolean done;

        Shout(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            String s = StandardCharsets.ISO_8859_1.decode(data).toString();
            transport.write(s.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
            if (s.contains("quit")) {
                done = true;
                quit.wakeAll();
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            done = true;
            quit.wakeAll();
        }
    }

    @LoopTest(checkFds = true)
    void aShutdownLetsASwitchedSessionRunUntilTheGracePeriodThenDropsIt(LoopHarness h) {
        h.runBounded(() -> {
            boolean[] ended = {false};
            HttpServer server = HttpServer.start(req -> new Response(101).header("Upgrade", "shout")
                    .body(new ResponseBody.Upgrade((transport, leftover) -> {
                        Shout p = new Shout(transport);
                        transport.setProtocol(p);
                        try {
                            while (!p.done) {
                                p.quit.park();
                            }
                        } finally {
                            ended[0] = true;   // returned, or cancelled: its connection is gone in a shutdown
                        }
                    })), WebSocketServerTest.LOCAL.withShutdownGrace(java.time.Duration.ofMillis(100)));
            Connection<Collector> c = Network.createConnection(Collector::new, "127.0.0.1", server.port());
            c.transport().write("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: shout\r\nConnection: Upgrade\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            eventually(() -> c.protocol().text.toString().contains("\r\n\r\n"));
            server.close();   // the default serverClosing() does nothing: the grace period passes, the connection is aborted
            assertTrue(ended[0], "the session ended with its connection");
            eventually(() -> c.protocol().lost);
            assertEquals(0, server.statistics().connections());
        });
    }

    @LoopTest(checkFds = true)
    void aSwitchedProtocolGetsTheConnectionAndItsEarlyBytes(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> new Response(101).header("Upgrade", "shout")
                    .body(new ResponseBody.Upgrade((transport, leftover) -> {
                        Shout p = new Shout(transport);
                        transport.setProtocol(p);
                        assertEquals(p, transport.getProtocol());
                        p.dataReceived(leftover);
                        while (!p.done) {
                            p.quit.park();
                        }
                    })), WebSocketServerTest.LOCAL);
            try {
                Connection<Collector> c = Network.createConnection(Collector::new, "127.0.0.1", server.port());
                c.transport().write("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: shout\r\nConnection: Upgrade\r\n\r\nearly "
                        .getBytes(StandardCharsets.ISO_8859_1));
                eventually(() -> c.protocol().text.toString().endsWith("EARLY "));
                String head = c.protocol().text.toString();
                assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
                assertTrue(head.contains("\r\nUpgrade: shout\r\n") && head.contains("\r\nConnection: Upgrade\r\n"), head);
                assertEquals(1, server.statistics().connections());
                c.transport().write("more, then quit".getBytes(StandardCharsets.ISO_8859_1));
                eventually(() -> c.protocol().lost);
                assertTrue(c.protocol().text.toString().endsWith("EARLY MORE, THEN QUIT"), c.protocol().text.toString());
                eventually(() -> server.statistics().connections() == 0);
            } finally {
                server.close();
            }
        });
    }
}
