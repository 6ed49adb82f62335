package io.jasyncio.examples;

import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.http.server.ServerSentEvents.Event;
import java.time.Duration;

/**
 * An HTTP server in the shape of aiohttp's {@code web}: {@code GET /} says hello,
 * {@code POST /echo} sends the request body back, {@code GET /stream} is a Server-Sent Events
 * stream of five events. Runs until Ctrl-C, then shuts down gracefully.
 *
 * <pre>
 * ./jasyncio examples httpserver [--port N]       # default 8080, on 127.0.0.1
 * curl localhost:8080/  ;  curl -d hi localhost:8080/echo  ;  curl -N localhost:8080/stream
 * </pre>
 */
public final class HttpServerDemo {
    /** The pause between two events of {@code /stream}. */
    static final Duration EVENT_INTERVAL = Duration.ofMillis(200);

    private HttpServerDemo() {
    }

    /** The demo's application: its three routes. */
    static Application app() {
        Application app = new Application();
        app.get("/", request -> Response.text("Hello, World!"));
        app.post("/echo", request -> Response.bytes(200, request.bytes(),
                request.headers().get("Content-Type", "application/octet-stream")));
        app.get("/stream", request -> Response.sse(events -> {
            for (int i = 1; i <= 5; i++) {
                events.send(Event.of("tick " + i).withId(String.valueOf(i)).withEvent("tick"));
                if (i < 5) {
                    sleep(EVENT_INTERVAL);
                }
            }
        }));
        return app;
    }

    /**
     * The port {@code --port N} asks for, 8080 without it.
     *
     * @throws IllegalArgumentException on any other argument or a port outside 0..65535
     */
    static int port(String[] args) {
        if (args.length == 0) {
            return 8080;
        }
        if (args.length == 2 && args[0].equals("--port")) {
            try {
                int port = Integer.parseInt(args[1]);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // falls through to the usage message
            }
        }
        throw new IllegalArgumentException("usage: httpserver [--port N]  (N in 0..65535)");
    }

    /** Serves the demo on 127.0.0.1 until Ctrl-C. */
    public static void main(String[] args) {
        HttpServer.runApp(app(), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(port(args)));
    }
}
