package io.jasyncio.bench.jmh;

import io.jasyncio.http.Headers;
import io.jasyncio.http.codec.HttpEvent;
import io.jasyncio.http.codec.RequestDecoder;
import io.jasyncio.http.codec.ResponseEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP/1.1 codec: parsing a typical browser request head (412 bytes, 8 fields) on a
 * keep-alive connection's decoder and on a fresh one, and encoding a typical response head.
 * Target (issue 9): a request head parsed in under 1 µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class HttpCodecBench {
    /** A Firefox-like GET: request line and 8 fields, 412 bytes. */
    static final byte[] REQUEST = ("GET /api/v1/users/12345?fields=name,email HTTP/1.1\r\n"
            + "Host: localhost:8080\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private final ByteBuffer request = ByteBuffer.wrap(REQUEST);
    private final RequestDecoder keepAlive = new RequestDecoder();
    private final Headers responseHeaders = Headers.of("Content-Type", "text/plain", "Content-Length", "13",
            "Date", "Mon, 07 Dec 2026 16:00:00 GMT", "Server", "jasyncio");

    /** One request through a connection's decoder: feed, head, end of message (the keep-alive path). */
    @Benchmark
    public HttpEvent parseHead() {
        keepAlive.feed(request.clear());
        HttpEvent head = keepAlive.next();
        keepAlive.next();
        return head;
    }

    /** The same with a new decoder per request (a connection per request). */
    @Benchmark
    public HttpEvent parseHeadFreshDecoder() {
        RequestDecoder d = new RequestDecoder();
        d.feed(request.clear());
        return d.next();
    }

    /** A 200 response head with four fields. */
    @Benchmark
    public ByteBuffer encodeResponseHead() {
        return ResponseEncoder.encodeHead(200, responseHeaders);
    }
}
