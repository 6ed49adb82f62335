package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.RequestOptions;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.ws.Message;
import io.jasyncio.http.ws.WebSocket;
import io.jasyncio.http.ws.WebSocketOptions;
import io.jasyncio.http.ws.frame.WsHandshakeException;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code session.websocket(url)} against the project's server: the upgrade through the pool, then messages both ways. */
class SessionWebSocketTest {
    private static Application app() {
        return TestApp.app()
                .websocket("/ws", (request, ws) -> {
                    ws.send("hello " + request.headers().get("X-Test", "") + " " + request.cookie("session"));
                    for (Message m : ws) {
                        if (m instanceof Message.Text t) {
                            ws.send("echo " + t.text());
                        } else {
                            ws.send(m.bytes());
                        }
                    }
                });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aWebSocketOpensThroughTheSessionAndCarriesMessages(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).header("X-Test", "hdr").build()) {
                s.get("/set-cookie").close();
                try (WebSocket ws = s.websocket("/ws")) {
                    out.add(((Message.Text) ws.receive()).text());
                    ws.send("one");
                    out.add(((Message.Text) ws.receive()).text());
                    ws.send(new byte[] {1, 2, 3});
                    out.add(((Message.Binary) ws.receive()).data().length);
                }
                String wsUrl = base.replace("http://", "ws://") + "/ws";
                try (WebSocket ws = s.websocket(wsUrl, WebSocketOptions.DEFAULTS.withCompression(false))) {
                    ws.receive();
                    ws.send("two");
                    out.add(((Message.Text) ws.receive()).text());
                    ws.close();
                    out.add(ws.closeCode());
                }
                out.add(s.statistics().inUse());
                try (var r = s.get("/echo", RequestOptions.of())) {
                    out.add(r.json(Map.class).get("method"));
                }
            }
            return out;
        }));
        assertEquals(List.of("hello hdr abc", "echo one", 3, "echo two", 1000, 0, "GET"), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aRouteThatDoesNotUpgradeFailsTheHandshake(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                WsHandshakeException e = assertThrows(WsHandshakeException.class, () -> s.websocket("/echo"));
                out.add(e.status());
                out.add(e.getMessage().contains("instead of 101"));
                out.add(assertThrows(WsHandshakeException.class, () -> s.websocket("/nowhere")).status());
                out.add(s.statistics().inUse());
            }
            return out;
        }));
        assertEquals(List.of(200, true, 404, 0), got);
    }
}
