package io.jasyncio.http.server.interop;

import io.jasyncio.http.QueryParams;
import io.jasyncio.http.Url;
import io.jasyncio.http.server.Handler;
import io.jasyncio.http.server.HttpException;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ResponseBody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The server side of the interop tests: a few fixed resources a peer (curl, aiohttp, h11, the
 * stress clients) can check byte for byte. Bodies are read and written streaming, so it serves
 * any size in a small heap.
 * <ul>
 *   <li>{@code GET /hello}: {@code Hello, World!}
 *   <li>{@code POST /digest}: reads the body as it comes and answers
 *       {@code <length> <sha-256 hex> <declared Content-Length or -1>}
 *   <li>{@code POST /crc}: the same with CRC32C in hex (cheaper, for GiB bodies)
 *   <li>{@code GET /bytes?n=N[&chunked=1]}: N bytes of {@link Pattern}, declared or chunked
 *   <li>{@code GET /chunks}: a chunked body of ten short lines, drained after each
 *   <li>{@code GET /204}, {@code GET /304}: bodiless statuses
 *   <li>{@code POST /reject}: 413 without reading the body (for 100-continue)
 * </ul>
 */
final class InteropApp implements Handler {
    static final int PIECE = 64 * 1024;

    /** How many pieces the last {@code /bytes} response wrote (loop-confined). */
    long lastBytesPieces;

    @Override
    public Response handle(Request req) throws Exception {
        Url url = Url.parseTarget(req.target());
        QueryParams q = url.query();
        return switch (url.path()) {
            case "/hello" -> Response.text("Hello, World!");
            case "/digest" -> digest(req, false);
            case "/crc" -> digest(req, true);
            case "/bytes" -> bytes(q.getLong("n", 0), q.getBoolean("chunked", false));
            case "/chunks" -> new Response(200).header("Content-Type", "text/plain; charset=utf-8")
                    .body(new ResponseBody.Streaming(out -> {
                        for (int i = 0; i < 10; i++) {
                            out.write("line " + i + "\n");
                            out.drain();
                        }
                    }, -1));
            case "/204" -> new Response(204);
            case "/304" -> new Response(304).header("ETag", "\"v1\"");
            case "/reject" -> throw new HttpException(413, "not reading that");
            default -> throw new HttpException(404, "no " + url.path());
        };
    }

    private static Response digest(Request req, boolean crc32c) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        CRC32C crc = new CRC32C();
        long n = 0;
        for (ByteBuffer b = req.body().read(); b != null; b = req.body().read()) {
            n += b.remaining();
            if (crc32c) {
                crc.update(b);
            } else {
                sha.update(b);
            }
        }
        String sum = crc32c ? Long.toHexString(crc.getValue()) : HexFormat.of().formatHex(sha.digest());
        return Response.bytes(200, (n + " " + sum + " " + req.body().contentLength()).getBytes(StandardCharsets.US_ASCII),
                "text/plain");
    }

    private Response bytes(long n, boolean chunked) {
        return new Response(200).header("Content-Type", "application/octet-stream")
                .body(new ResponseBody.Streaming(out -> {
                    ByteBuffer buf = ByteBuffer.allocate(PIECE);
                    lastBytesPieces = 0;
                    for (long off = 0; off < n; off += PIECE) {
                        lastBytesPieces++;
                        buf.clear().limit((int) Math.min(PIECE, n - off));
                        Pattern.fill(off, buf);
                        buf.flip();
                        out.write(buf);
                        out.drain();
                    }
                }, chunked ? -1 : n));
    }
}
