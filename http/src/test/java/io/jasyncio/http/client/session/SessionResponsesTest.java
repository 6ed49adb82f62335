package io.jasyncio.http.client.session;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.http.client.ClientResponse;
import io.jasyncio.http.client.ClientResponseException;
import io.jasyncio.http.client.ClientSession;
import io.jasyncio.http.client.CookieJar;
import io.jasyncio.http.client.RequestOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Status errors, charsets, JSON checks, content decoding and cookies, over the wire. */
class SessionResponsesTest {
    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void raiseForStatusOnTheResponseTheSessionOrTheRequest(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                ClientResponse r = s.get("/status/404?token=secret");
                out.add(r.ok());
                ClientResponseException e = assertThrows(ClientResponseException.class, r::raiseForStatus);
                out.add(e.status() + " " + e.reason() + " " + e.url().rawPath() + " " + r.isReleased());
                out.add(e.getMessage().contains("secret"));
                try (ClientResponse fine = s.get("/status/204")) {
                    fine.raiseForStatus();
                    out.add(fine.status());
                }
                out.add(assertThrows(ClientResponseException.class,
                        () -> s.get("/status/500", RequestOptions.of().raiseForStatus(true))).status());
            }
            try (ClientSession s = ClientSession.builder().baseUrl(base).raiseForStatus(true).build()) {
                out.add(assertThrows(ClientResponseException.class, () -> s.get("/status/503")).status());
                try (ClientResponse r = s.get("/status/503", RequestOptions.of().raiseForStatus(false))) {
                    out.add(r.text());
                }
                out.add(s.statistics().inUse());
            }
            return out;
        }));
        assertEquals(List.of(false, "404 Not Found /status/404 true", false, 204, 500, 503, "status body", 0), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void textFollowsAiohttpsCharsetRules(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                for (String cs : new String[] {"UTF-8", "UTF-16BE", "windows-1252"}) {
                    try (ClientResponse r = s.get("/text/" + cs)) {
                        out.add(r.charset().name() + " " + r.text());
                    }
                }
                try (ClientResponse r = s.get("/bytes-as-latin1")) {
                    out.add(r.charset().name());
                    out.add(assertThrows(CharacterCodingException.class, r::text).getClass().getSimpleName().isEmpty());
                    out.add(r.text(StandardCharsets.ISO_8859_1));
                }
            }
            return out;
        }));
        assertEquals(List.of("UTF-8 é€", "UTF-16BE é€", "windows-1252 é€", "UTF-8", false, "é"), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void jsonChecksTheContentTypeUnlessToldNotTo(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                try (ClientResponse r = s.get("/vendor-json")) {
                    out.add(r.json(Map.class).get("a").toString());
                }
                try (ClientResponse r = s.get("/empty-json")) {
                    out.add(r.json(Object.class));
                }
                ClientResponse html = s.get("/status/200");
                ClientResponseException e = assertThrows(ClientResponseException.class, () -> html.json(Map.class));
                out.add(e.getMessage().contains("text/plain"));
                out.add(html.isReleased());
                try (ClientResponse r = s.get("/lines/0")) {
                    out.add(assertThrows(io.jasyncio.http.JsonException.class, () -> r.json(Object.class, false)) != null);
                }
            }
            return out;
        }));
        assertEquals(java.util.Arrays.asList("1", null, true, true, true), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void gzipAndDeflateBodiesAreDecoded(LoopHarness h) {
        String plain = "compressed hello ".repeat(2000);
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().baseUrl(base).build()) {
                for (String coding : new String[] {"gzip", "deflate", "raw-deflate"}) {
                    try (ClientResponse r = s.get("/encoded/" + coding)) {
                        out.add(r.headers().get("Content-Encoding") + " " + r.text().equals(plain));
                    }
                    try (ClientResponse r = s.get("/encoded/" + coding)) {
                        StringBuilder sb = new StringBuilder();
                        for (String line : r.lines()) {
                            sb.append(line);
                        }
                        out.add(sb.toString().equals(plain));
                    }
                }
            }
            try (ClientSession raw = ClientSession.builder().baseUrl(base).autoDecompress(false).build()) {
                try (ClientResponse r = raw.get("/encoded/gzip")) {
                    byte[] b = r.bytes();
                    out.add((b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B);
                }
                try (ClientResponse r = raw.get("/echo")) {
                    out.add(r.json(Map.class).get("acceptEncoding"));
                }
            }
            return out;
        }));
        assertEquals(List.of("gzip true", true, "deflate true", true, "deflate true", true, true, ""), got);
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void cookiesRoundTripThroughTheJar(LoopHarness h) {
        List<Object> got = h.runBounded(() -> TestApp.serve(TestApp.app(), base -> {
            List<Object> out = new ArrayList<>();
            CookieJar jar = new CookieJar();
            try (ClientSession s = ClientSession.builder().baseUrl(base).cookieJar(jar).build()) {
                s.get("/set-cookie").close();
                try (ClientResponse r = s.get("/echo", RequestOptions.of().header("Cookie", "own=1"))) {
                    out.add(r.json(Map.class).get("cookie"));
                }
                out.add(s.cookieJar() == jar);
            }
            try (ClientSession none = ClientSession.builder().baseUrl(base).cookieJar(null).build()) {
                none.get("/set-cookie").close();
                try (ClientResponse r = none.get("/echo")) {
                    out.add(r.json(Map.class).get("cookie"));
                }
            }
            return out;
        }));
        assertEquals(List.of("own=1; session=abc; other=xy", true, ""), got);
    }
}
