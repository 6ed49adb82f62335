package io.jasyncio.examples;

import static io.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Awaiting the JDK's own asynchronous API: three {@code java.net.http.HttpClient.sendAsync}
 * requests, each awaited with {@code await(CompletionStage)} in a task of its own and gathered,
 * so they are in flight together. The server they talk to is a {@code com.sun.net.httpserver}
 * started by this program on 127.0.0.1 and a port the system picks, and stopped at the end.
 */
public final class HttpClientDemo {
    private static final List<String> PATHS = List.of("/hello", "/time-for-tea", "/missing");

    private HttpClientDemo() {
    }

    static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean found = !path.equals("/missing");
        byte[] body = (found ? "you asked for " + path : "nothing at " + path).getBytes(UTF_8);
        exchange.sendResponseHeaders(found ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One GET: sendAsync returns a CompletableFuture, which this task awaits without blocking the loop. */
    static HttpResponse<String> get(HttpClient client, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        return await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Runs the example; {@code ./jasyncio examples NAME [ARGS]} calls this. */
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", HttpClientDemo::handle);
        server.start();
        System.out.println("server started on 127.0.0.1");
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<HttpResponse<String>> responses = run(() -> gather(
                    () -> get(client, base.resolve(PATHS.get(0))),
                    () -> get(client, base.resolve(PATHS.get(1))),
                    () -> get(client, base.resolve(PATHS.get(2)))));
            for (HttpResponse<String> r : responses) {
                System.out.println("GET " + r.uri().getPath() + " -> " + r.statusCode() + ": " + r.body());
            }
        } finally {
            server.stop(0);
        }
        System.out.println("server stopped");
    }
}
