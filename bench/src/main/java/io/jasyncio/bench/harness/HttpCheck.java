package io.jasyncio.bench.harness;

import io.jasyncio.bench.http.JsonDocument;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one HTTP workload asks for and must get back, checked once against every server before
 * its measured window (wrk itself only counts statuses, not bodies).
 *
 * @param path the request target wrk loads
 * @param contentType the media type the response must declare (parameters such as a charset may follow)
 * @param body the exact body
 */
record HttpCheck(String path, String contentType, byte[] body) {
    /** {@code http-hello}: GET / answers 200 "Hello, World!" as text/plain. */
    static final HttpCheck HELLO = new HttpCheck("/", "text/plain", "Hello, World!".getBytes(StandardCharsets.US_ASCII));
    /** {@code http-json}: GET /json answers 200 with {@link JsonDocument}'s 1,024 bytes as application/json. */
    static final HttpCheck JSON = new HttpCheck("/json", "application/json", JsonDocument.compactBytes());

    /** What is wrong with a response of {@code status}, {@code type} and {@code got}, or null if nothing is. */
    String problem(int status, String type, byte[] got) {
        if (status != 200) {
            return "GET " + path + " answered status " + status + ", not 200";
        }
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals(contentType)) {
            return "GET " + path + " answered Content-Type " + type + ", not " + contentType;
        }
        if (!Arrays.equals(body, got)) {
            String shown = new String(got, 0, Math.min(got.length, 80), StandardCharsets.ISO_8859_1);
            return "GET " + path + " answered a body of " + got.length + " bytes that is not the expected "
                    + body.length + " (it starts: " + shown + ")";
        }
        return null;
    }

    /** Fetches {@link #path} from 127.0.0.1:{@code port} over HTTP/1.1 and checks it; the problem, or null. */
    String fetchAndCheck(int port) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return problem(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body());
        } catch (IOException e) {
            return "GET " + path + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
