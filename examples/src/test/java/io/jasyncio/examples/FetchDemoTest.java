package io.jasyncio.examples;

import static io.jasyncio.Asyncio.run;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FetchDemo}: URLs of a local server fetched two at a time, one line each in argument order
 * (a failure is a line too); the progress line; the command line.
 */
class FetchDemoTest {
    private static Application app() {
        Application app = new Application();
        app.get("/hello", request -> Response.text("Hello, World!"));
        app.get("/big", request -> Response.bytes(200, new byte[100_000], "application/octet-stream"));
        return app;
    }

    /** A port nothing listens on: bound, then closed. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void eachUrlGetsStatusTypeAndLengthInTheOrderGiven() throws Exception {
        int closed = closedPort();
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        List<String> lines = run(() -> {
            HttpServer server = HttpServer.start(app(), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            try (PrintStream progress = new PrintStream(drawn, true, StandardCharsets.UTF_8)) {
                String base = "http://127.0.0.1:" + server.port();
                List<String> urls = List.of(base + "/hello", base + "/big", base + "/missing", "http://127.0.0.1:" + closed + "/");
                return FetchDemo.fetchAll(urls, 2, new FetchDemo.Progress(progress, urls.size())).stream()
                        .map(FetchDemo.Result::line).toList();
            } finally {
                server.close();
            }
        });
        assertTrue(lines.get(0).matches("200 text/plain; charset=utf-8 13 http://127\\.0\\.0\\.1:\\d+/hello"), lines.get(0));
        assertTrue(lines.get(1).matches("200 application/octet-stream 100000 http://.*/big"), lines.get(1));
        assertTrue(lines.get(2).matches("404 text/plain; charset=utf-8 \\d+ http://.*/missing"), lines.get(2));
        assertTrue(lines.get(3).startsWith("ERR ") && lines.get(3).endsWith(" http://127.0.0.1:" + closed + "/"), lines.get(3));
        String progress = drawn.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("\r[4/4] failed 1"), progress);
        assertTrue(progress.endsWith("\r"), "the progress line is wiped at the end");
    }

    @Test
    void withoutATerminalThereIsNoProgressLine() {
        FetchDemo.Progress none = new FetchDemo.Progress(null, 1);
        none.finished(new FetchDemo.Result("u", 200, "-", 0, null));
        assertEquals("[1/1] failed 0", none.text());
    }

    @Test
    void theCommandLineTakesAConcurrencyAndUrls() throws Exception {
        assertEquals(new FetchDemo.Args(10, List.of("http://a/", "http://b/")),
                FetchDemo.Args.parse(new String[] {"http://a/", "http://b/"}));
        assertEquals(new FetchDemo.Args(3, List.of("http://a/")),
                FetchDemo.Args.parse(new String[] {"--concurrency", "3", "http://a/"}));
        for (String[] bad : List.of(new String[0], new String[] {"--concurrency", "0", "http://a/"},
                new String[] {"--concurrency", "x", "http://a/"}, new String[] {"--bogus", "http://a/"})) {
            assertThrows(IllegalArgumentException.class, () -> FetchDemo.Args.parse(bad));
        }
        assertEquals(List.of(FetchDemo.Args.USAGE), Console.run(FetchDemo::main).lines());
    }

    @Test
    void mainPrintsALinePerUrlEvenWhenItFails() throws Exception {
        int closed = closedPort();
        List<String> lines = Console.run(FetchDemo::main, "http://127.0.0.1:" + closed + "/x").lines();
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().startsWith("ERR ") && lines.getFirst().endsWith("/x"), lines.getFirst());
    }
}
