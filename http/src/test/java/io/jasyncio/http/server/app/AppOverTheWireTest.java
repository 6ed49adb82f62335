package io.jasyncio.http.server.app;

import static io.jasyncio.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.MultipartReader;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app layer through the real server and a blocking socket client on another thread: a file range sent from a
 * {@code FileRegion}, a 304, HEAD on a GET route, 405 with Allow, an SSE stream, a streamed
 * multipart upload, and a middleware's error page.
 */
class AppOverTheWireTest {
    @TempDir
    Path dir;

    @LoopTest(loops = LoopKind.SELECTOR)
    void theApplicationsFeaturesSurviveARealConnection(LoopHarness h) throws Exception {
        Path digits = dir.resolve("digits.txt");
        Files.writeString(digits, "0123456789".repeat(1000));
        Application app = new Application()
                .use((request, next) -> {
                    try {
                        return next.handle(request);
                    } catch (HttpException e) {
                        if (e.status() != 404) {
                            throw e;
                        }
                        return Response.text(404, "no page at " + request.path());
                    }
                })
                .staticFiles("/files", dir)
                .get("/events", r -> Response.sse(events -> {
                    events.send("one");
                    events.send("two", "2");
                }))
                .post("/upload", r -> {
                    MultipartReader parts = r.multipart();
                    List<String> seen = new ArrayList<>();
                    for (MultipartReader.Part p; (p = parts.next()) != null; ) {
                        long n = 0;
                        for (ByteBuffer b; (b = p.read()) != null; ) {
                            n += b.remaining();
                        }
                        seen.add(p.name() + "=" + n);
                    }
                    return Response.json(seen);
                });
        List<String> got = h.runBounded(() -> {
            HttpServer server = HttpServer.start(app, ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            try {
                int port = server.port();
                return toThread(() -> exchanges(port));
            } finally {
                server.close();
            }
        });
        assertEquals(List.of(
                "206 bytes 10-19/10000 0123456789",
                "304 ",
                "200 10000 ",
                "405 GET, HEAD",
                "200 text/event-stream data: one\n\nevent: two\ndata: 2\n\n",
                "200 [\"field=5\",\"file=300000\"]",
                "404 no page at /nowhere"), got);
    }

    private static List<String> exchanges(int port) throws Exception {
        List<String> out = new ArrayList<>();
        BlockingClient.Reply range = BlockingClient.exchange(port, "GET /files/digits.txt HTTP/1.1\r\nRange: bytes=10-19");
        out.add(range.status() + " " + range.header("Content-Range") + " " + range.text());
        String etag = range.header("ETag");
        BlockingClient.Reply notModified = BlockingClient.exchange(port, "GET /files/digits.txt HTTP/1.1\r\nIf-None-Match: " + etag);
        out.add(notModified.status() + " " + notModified.text());
        BlockingClient.Reply head = BlockingClient.exchange(port, "HEAD /files/digits.txt HTTP/1.1");
        out.add(head.status() + " " + head.header("Content-Length") + " " + head.text());
        BlockingClient.Reply wrongMethod = BlockingClient.exchange(port, "DELETE /events HTTP/1.1");
        out.add(wrongMethod.status() + " " + wrongMethod.header("Allow"));
        BlockingClient.Reply events = BlockingClient.exchange(port, "GET /events HTTP/1.1");
        out.add(events.status() + " " + events.header("Content-Type") + " " + events.text());
        String upload = "--b0undary\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nhello\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n"
                + "x".repeat(300_000) + "\r\n--b0undary--\r\n";
        BlockingClient.Reply uploaded = BlockingClient.exchange(port,
                "POST /upload HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b0undary", upload.getBytes(StandardCharsets.UTF_8));
        out.add(uploaded.status() + " " + uploaded.text().replace(" ", ""));
        BlockingClient.Reply missing = BlockingClient.exchange(port, "GET /nowhere HTTP/1.1");
        out.add(missing.status() + " " + missing.text());
        return out;
    }
}
