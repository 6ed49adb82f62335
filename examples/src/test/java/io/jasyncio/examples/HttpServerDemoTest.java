package io.jasyncio.examples;

import static io.jasyncio.Asyncio.run;
import static io.jasyncio.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpServerDemo}: its three routes over a real connection, from the JDK's HTTP client
 * on another thread, then a graceful close; and its command line.
 */
class HttpServerDemoTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void helloEchoAndTheEventStreamAnswerARealClient() {
        run(() -> {
            HttpServer server = HttpServer.start(HttpServerDemo.app(), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            try {
                String base = "http://127.0.0.1:" + server.port();
                List<String> answers = toThread(() -> {
                    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build()) {
                        HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(BOUND).build(),
                                HttpResponse.BodyHandlers.ofString());
                        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/echo")).timeout(BOUND)
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString("ping \u00e9")).build(), HttpResponse.BodyHandlers.ofString());
                        HttpResponse<String> stream = client.send(HttpRequest.newBuilder(URI.create(base + "/stream")).timeout(BOUND).build(),
                                HttpResponse.BodyHandlers.ofString());
                        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/nope")).timeout(BOUND).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return List.of(
                                hello.statusCode() + " " + hello.headers().firstValue("Content-Type").orElse("") + " " + hello.body(),
                                echo.statusCode() + " " + echo.headers().firstValue("Content-Type").orElse("") + " " + echo.body(),
                                stream.statusCode() + " " + stream.headers().firstValue("Content-Type").orElse(""),
                                stream.body(),
                                String.valueOf(missing.statusCode()));
                    }
                });
                assertEquals("200 text/plain; charset=utf-8 Hello, World!", answers.get(0));
                assertEquals("200 text/plain; charset=utf-8 ping \u00e9", answers.get(1));
                assertEquals("200 text/event-stream", answers.get(2));
                StringBuilder events = new StringBuilder();
                for (int i = 1; i <= 5; i++) {
                    events.append("id: ").append(i).append("\nevent: tick\ndata: tick ").append(i).append("\n\n");
                }
                assertEquals(events.toString(), answers.get(3));
                assertEquals("404", answers.get(4));
            } finally {
                server.close();
            }
        });
    }

    @Test
    void thePortComesFromTheCommandLine() {
        assertEquals(8080, HttpServerDemo.port(new String[0]));
        assertEquals(9000, HttpServerDemo.port(new String[] {"--port", "9000"}));
        assertThrows(IllegalArgumentException.class, () -> HttpServerDemo.port(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class, () -> HttpServerDemo.port(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> HttpServerDemo.port(new String[] {"9000"}));
    }
}
