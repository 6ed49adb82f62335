package io.jasyncio.http.client.session;

import io.jasyncio.http.Method;
import io.jasyncio.http.SetCookie;
import io.jasyncio.http.server.Application;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The server the session tests talk to: the project's own {@link HttpServer} on 127.0.0.1 with
 * routes that echo what arrived, redirect, stream, set cookies and compress.
 */
final class TestApp {
    private TestApp() {
    }

    /** A server for the duration of {@code body}, which gets the server's base URL ({@code http://127.0.0.1:PORT}). */
    static <T> T serve(Application app, Fn<T> body) throws Exception {
        HttpServer server = HttpServer.start(app, ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0).withAccessLog(false));
        try {
            return body.apply("http://127.0.0.1:" + server.port());
        } finally {
            server.close();
        }
    }

    /** Two servers (two origins) for the duration of {@code body}. */
    static <T> T serveTwo(Application a, Application b, Fn2<T> body) throws Exception {
        return serve(a, ua -> serve(b, ub -> body.apply(ua, ub)));
    }

    interface Fn<T> {
        T apply(String baseUrl) throws Exception;
    }

    interface Fn2<T> {
        T apply(String a, String b) throws Exception;
    }

    /** What {@code /echo} answers: the request as the server saw it. */
    static Map<String, Object> describe(Request r, byte[] body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method().name());
        m.put("path", r.path());
        m.put("query", r.rawQuery() == null ? "" : r.rawQuery());
        m.put("contentType", r.headers().get("Content-Type", ""));
        m.put("contentLength", r.headers().get("Content-Length", ""));
        m.put("transferEncoding", r.headers().get("Transfer-Encoding", ""));
        m.put("cookie", r.headers().get("Cookie", ""));
        m.put("authorization", r.headers().get("Authorization", ""));
        m.put("userAgent", r.headers().get("User-Agent", ""));
        m.put("acceptEncoding", r.headers().get("Accept-Encoding", ""));
        m.put("x", String.join(",", r.headers().getAll("X-Test")));
        m.put("body", new String(body, StandardCharsets.UTF_8));
        return m;
    }

    static Application app() {
        Application app = new Application();
        for (Method m : new Method[] {Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS}) {
            app.route(m, "/echo", r -> Response.json(describe(r, r.body().readAll(1 << 24))));
        }
        app.head("/echo", r -> new Response(200).header("X-Head", "yes"));
        app.post("/upload", r -> {
            CRC32 crc = new CRC32();
            long n = 0;
            for (ByteBuffer b; (b = r.body().read()) != null; ) {
                n += b.remaining();
                crc.update(b);
            }
            return Response.json(Map.of("bytes", n, "crc", crc.getValue(), "chunked",
                    r.headers().get("Transfer-Encoding", "").equals("chunked")));
        });
        app.get("/big/{n}", r -> {
            long n = Long.parseLong(r.pathParam("n"));
            return Response.stream(200, "application/octet-stream", out -> {
                byte[] piece = new byte[64 * 1024];
                for (long sent = 0; sent < n; ) {
                    int len = (int) Math.min(piece.length, n - sent);
                    for (int i = 0; i < len; i++) {
                        piece[i] = (byte) (sent + i);
                    }
                    out.write(ByteBuffer.wrap(piece, 0, len).slice());
                    out.drain();
                    piece = new byte[64 * 1024];
                    sent += len;
                }
            });
        });
        app.get("/lines/{n}", r -> {
            StringBuilder sb = new StringBuilder();
            int n = Integer.parseInt(r.pathParam("n"));
            for (int i = 0; i < n; i++) {
                sb.append("line ").append(i).append(i % 2 == 0 ? "\r\n" : "\n");
            }
            sb.append("tail");
            return Response.text(sb.toString());
        });
        app.get("/status/{code}", r -> Response.text(Integer.parseInt(r.pathParam("code")), "status body"));
        app.get("/text/{charset}", r -> Response.bytes(200, "é€".getBytes(r.pathParam("charset")),
                "text/plain; charset=" + r.pathParam("charset")));
        app.get("/bytes-as-latin1", r -> Response.bytes(200, new byte[] {(byte) 0xE9}, "text/plain"));
        for (Method m : new Method[] {Method.GET, Method.POST, Method.PUT, Method.HEAD}) {
            app.route(m, "/redirect/{code}", r -> Response.redirect(Integer.parseInt(r.pathParam("code")),
                    r.query("to") == null ? "/echo" : r.query("to")));
        }
        app.get("/loop/{n}", r -> Response.redirect(302, "/loop/" + (Integer.parseInt(r.pathParam("n")) + 1)));
        app.get("/set-cookie", r -> new Response(200)
                .setCookie(SetCookie.builder("session", "abc").path("/").build())
                .setCookie(SetCookie.builder("other", "xy").path("/").build())
                .header("Content-Type", "text/plain"));
        app.get("/encoded/{coding}", r -> {
            byte[] plain = "compressed hello ".repeat(2000).getBytes(StandardCharsets.US_ASCII);
            String coding = r.pathParam("coding");
            byte[] body = switch (coding) {
                case "gzip" -> gzip(plain);
                case "deflate" -> deflate(plain, false);
                case "raw-deflate" -> deflate(plain, true);
                default -> plain;
            };
            return Response.bytes(200, body, "text/plain").header("Content-Encoding", coding.equals("raw-deflate") ? "deflate" : coding);
        });
        app.get("/json", r -> Response.json(Map.of("name", "ann", "n", 7)));
        app.get("/vendor-json", r -> Response.bytes(200, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/problem+json"));
        app.get("/empty-json", r -> Response.bytes(200, new byte[0], "application/json"));
        return app;
    }

    static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
