package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.LoopKind;
import io.jasyncio.http.Headers;
import io.jasyncio.http.HttpVersion;
import io.jasyncio.http.Method;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.RequestOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Every method and every kind of body through a session to the project's own server, which echoes what arrived. */
class SessionRequestsTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echo(ClientResponse r) throws java.io.IOException {
        try (r) {
            assertEquals(200, r.status(), r.toString());
            return r.json(Map.class);
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void everyMethodArrivesWithItsBody(LoopHarness h) {
        List<String> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<String> out = new ArrayList<>();
                out.add(echo(s.get("/echo")).get("method") + "");
                out.add(echo(s.post("/echo", Payload.text("p"))).get("body") + "");
                out.add(echo(s.put("/echo", Payload.text("u"))).get("body") + "");
                out.add(echo(s.patch("/echo", Payload.text("a"))).get("body") + "");
                out.add(echo(s.delete("/echo")).get("method") + "");
                out.add(echo(s.options("/echo")).get("method") + "");
                out.add(echo(s.request(Method.POST, "/echo", RequestOptions.of().body(Payload.text("r")))).get("body") + "");
                out.add(echo(s.get("/echo", RequestOptions.of())).get("method") + "");
                out.add(echo(s.post("/echo", RequestOptions.of().body(Payload.text("o")))).get("body") + "");
                out.add(echo(s.put("/echo", RequestOptions.of())).get("method") + "");
                out.add(echo(s.patch("/echo", RequestOptions.of())).get("method") + "");
                out.add(echo(s.delete("/echo", RequestOptions.of())).get("method") + "");
                out.add(echo(s.options("/echo", RequestOptions.of())).get("method") + "");
                try (ClientResponse head = s.head("/echo")) {
                    out.add("HEAD " + head.headers().get("X-Head") + " " + head.bytes().length + " " + head.isReleased());
                }
                try (ClientResponse head = s.head("/echo", RequestOptions.of())) {
                    out.add("HEAD " + head.status());
                }
                return out;
            }
        }));
        assertEquals(List.of("GET", "p", "u", "a", "DELETE", "OPTIONS", "r", "GET", "o", "PUT", "PATCH", "DELETE", "OPTIONS",
                "HEAD yes 0 true", "HEAD 200"), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void bodiesOfEveryKindArriveIntact(LoopHarness h) throws Exception {
        byte[] fileData = new byte[1_000_003];
        for (int i = 0; i < fileData.length; i++) {
            fileData[i] = (byte) (i % 251);
        }
        Path file = Files.write(dir.resolve("up.bin"), fileData);
        List<Map<String, Object>> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base + "/").build()) {
                List<Map<String, Object>> out = new ArrayList<>();
                out.add(echo(s.post("echo", Payload.bytes(new byte[] {'b', 'y'}, "application/x-test"))));
                out.add(echo(s.post("echo", Payload.form(QueryParams.of("a", "1 2", "b", "é")))));
                out.add(echo(s.post("echo", Payload.json(Map.of("k", "v")))));
                out.add(echo(s.post("echo", Payload.multipart().boundary("BOUNDARY").field("f", "v").build())));
                AsyncGenerator<ByteBuffer> gen = AsyncGenerator.of(o -> {
                    for (int i = 0; i < 3; i++) {
                        o.emit(ByteBuffer.wrap(("g" + i).getBytes(StandardCharsets.US_ASCII)));
                    }
                });
                out.add(echo(s.post("echo", Payload.stream(gen))));
                out.add(echo(s.post("upload", Payload.file(file))));
                return out;
            }
        }));
        assertEquals("application/x-test|2|by", got.get(0).get("contentType") + "|" + got.get(0).get("contentLength") + "|" + got.get(0).get("body"));
        assertEquals("application/x-www-form-urlencoded|a=1+2&b=%C3%A9", got.get(1).get("contentType") + "|" + got.get(1).get("body"));
        assertEquals("application/json|{\"k\":\"v\"}", got.get(2).get("contentType") + "|" + got.get(2).get("body").toString().replace(" ", ""));
        assertEquals("multipart/form-data; boundary=BOUNDARY", got.get(3).get("contentType"));
        assertEquals("--BOUNDARY\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--BOUNDARY--\r\n", got.get(3).get("body"));
        assertEquals("chunked|g0g1g2", got.get(4).get("transferEncoding") + "|" + got.get(4).get("body"));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(fileData);
        assertEquals(Map.of("bytes", fileData.length, "crc", crc.getValue(), "chunked", false),
                Map.of("bytes", ((Number) got.get(5).get("bytes")).intValue(), "crc", ((Number) got.get(5).get("crc")).longValue(),
                        "chunked", got.get(5).get("chunked")));
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void headersQueryAndBaseUrlCombine(LoopHarness h) {
        List<Map<String, Object>> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base + "/sub/../")
                    .header("X-Test", "session").header("User-Agent", "tester/1").build()) {
                List<Map<String, Object>> out = new ArrayList<>();
                out.add(echo(s.get("echo?a=1", QueryParams.of("b", "x y"))));
                out.add(echo(s.get(base + "/echo", RequestOptions.of().header("X-Test", "request").header("X-Test", "again")
                        .headers(Headers.of("Accept-Encoding", "identity")).query("q", "&"))));
                return out;
            }
        }));
        Map<String, Object> first = got.get(0);
        assertEquals("a=1&b=x+y|session|tester/1|gzip, deflate|/echo", first.get("query") + "|" + first.get("x") + "|"
                + first.get("userAgent") + "|" + first.get("acceptEncoding") + "|" + first.get("path"));
        Map<String, Object> second = got.get(1);
        assertEquals("q=%26|request,again|identity", second.get("query") + "|" + second.get("x") + "|" + second.get("acceptEncoding"));
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void jsonRoundTripsAndTheResponseDescribesItself(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                List<Object> out = new ArrayList<>();
                try (ClientResponse r = s.get("/json")) {
                    out.add(r.status() + " " + r.reason() + " " + r.version() + " " + r.ok() + " " + r.contentType() + " "
                            + r.method() + " " + r.url().rawPath() + " " + r.history().size() + " " + (r.contentLength() > 0));
                    out.add(r.json(Object.class));
                    out.add(r.json(Map.class).get("name"));
                    out.add(r.isReleased());
                }
                Map<?, ?> echoed = echo(s.post("/echo", Payload.json(List.of(1, "two", Map.of("three", true)))));
                out.add(new io.jasyncio.http.SimpleJsonCodec().decode(echoed.get("body").toString().getBytes(StandardCharsets.UTF_8)));
                return out;
            }
        }));
        assertEquals("200 OK " + HttpVersion.HTTP_1_1 + " true application/json GET /json 0 true", got.get(0));
        assertEquals(Map.of("name", "ann", "n", 7L), normalize(got.get(1)));
        assertEquals("ann", got.get(2));
        assertEquals(true, got.get(3));
        assertEquals(List.of(1L, "two", Map.of("three", true)), normalize(got.get(4)));
    }

    private static Object normalize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.HashMap<>();
            m.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(SessionRequestsTest::normalize).toList();
        }
        return o instanceof Number n && !(o instanceof Double) ? (Object) n.longValue() : o;
    }
}
