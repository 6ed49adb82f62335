package io.jasyncio.bench.http;

import static io.jasyncio.Asyncio.*;

import io.jasyncio.bench.LoopCheck;
import io.jasyncio.bench.echo.EchoServerArgs;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import java.util.Map;

/**
 * jasyncio's server of the HTTP workloads: an {@link Application} with two routes on
 * {@link HttpServer}, as a user would write it. {@code GET /} answers {@code Response.text};
 * {@code GET /json} serialises {@link JsonDocument} per request with {@code Response.json}
 * (jasyncio's JSON path: {@code JsonCodec.defaultCodec()}, the built-in {@code SimpleJsonCodec}
 * here, as the harness puts no Jackson on this server's class path).
 */
public final class JasyncioHttpServer {
    private JasyncioHttpServer() {
    }

    /**
     * Usage: {@code JasyncioHttpServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     * With {@code -Djasyncio.loop=uring} it runs on the io_uring loop and exits with status 1 if
     * another loop runs it ({@link LoopCheck}).
     */
    public static void main(String[] args) {
        EchoServerArgs a = EchoServerArgs.parse(args);
        Map<String, Object> document = JsonDocument.build();
        Application app = new Application()
                .get("/", req -> Response.text("Hello, World!"))
                .get("/json", req -> Response.json(document));
        run(() -> {
            LoopCheck.requireRequestedLoop();
            HttpServer server = HttpServer.start(app,
                    ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(a.port()).withBacklog(1024));
            EchoServerArgs.announce(server.port());
            sleep(a.maxLifetime());
            server.close();
        });
        // connections still open, if any, end with the process
        System.exit(0);
    }
}
