package io.jasyncio.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jasyncio.bench.echo.EchoServerArgs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's peer of the HTTP workloads: {@link HttpServer} (the JDK's built-in server) with a
 * virtual thread per request ({@link Executors#newVirtualThreadPerTaskExecutor}), the way the
 * JDK suggests running it on virtual threads. {@code /json} serialises {@link JsonDocument} per
 * request with Jackson (the JDK has no JSON of its own).
 */
public final class JdkHttpServer {
    private JdkHttpServer() {
    }

    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    /**
     * Usage: {@code JdkHttpServer [--port N] [--max-seconds S]} ({@link EchoServerArgs});
     * listens on 127.0.0.1, prints {@code PORT <n>}, serves until killed or the lifetime ends.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        EchoServerArgs a = EchoServerArgs.parse(args);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> document = JsonDocument.build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", a.port()), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            // "/" matches every path: answer only "/" itself
            if (exchange.getRequestURI().getRawPath().equals("/")) {
                send(exchange, 200, "text/plain", HELLO);
            } else {
                send(exchange, 404, "text/plain", new byte[0]);
            }
        });
        server.createContext("/json", exchange -> send(exchange, 200, "application/json", mapper.writeValueAsBytes(document)));
        server.start();
        EchoServerArgs.announce(server.getAddress().getPort());
        Thread.sleep(a.maxLifetime());
        server.stop(0);
        executor.close();
        System.exit(0);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getRequestBody().close();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
