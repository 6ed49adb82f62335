package io.jasyncio.http.codec;

import static io.jasyncio.http.codec.Decoding.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer in plain JUnit: the request corpus and a few response streams,
 * mutated with HTTP-shaped edits (CRLFs, framing fields, digits, controls, splices), checked
 * against {@link FuzzChecks}' properties. Deterministic (fixed seed) and a few seconds long in
 * the suite; {@code -Dcodec.fuzz.iterations=N} (and {@code -Dcodec.fuzz.seed=S}) run longer
 * sessions. It exists beside the Jazzer tests because Jazzer 0.24 cannot instrument Java 25
 * class files, so under JDK 25 Jazzer fuzzes blind (see http/FUZZING.md).
 */
class CodecMutationFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("codec.fuzz.iterations", 5000);
    private static final long SEED = Long.getLong("codec.fuzz.seed", 9L);

    private static final String[] TOKENS = {
        "\r\n", "\n", "\r", " ", "\t", ":", ",", ";", "=", "0", "1", "f", "-", "+", "\0", "\u00ff", "\u007f", "\u000b",
        "\r\n\r\n", "chunked", "identity", "Transfer-Encoding: ", "Content-Length: ", "Host: h\r\n",
        "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "0\r\n\r\n", "5\r\nhello\r\n", "Connection: close\r\n",
        "Connection: keep-alive\r\n", "Expect: 100-continue\r\n", "ffffffffffffffff", "HEAD", "CONNECT",
        "OPTIONS", "*", "http://a/", "[::1]", "GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n", "HTTP/1.1 101 Switching Protocols\r\n",
    };

    static List<byte[]> requestSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (RequestCorpus.Case c : RequestCorpus.cases()) {
            if (c.wire().length < 2048) {
                seeds.add(c.wire());
            }
        }
        return seeds;
    }

    static List<byte[]> responseSeeds() {
        return List.of(
                ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
                ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x\r\nhello\r\n0\r\nT: v\r\n\r\n"),
                ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"),
                ascii("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nuntil close"),
                ascii("HTTP/1.1 200\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
                ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0000"));
    }

    @Test
    void mutatedRequestsKeepTheDecoderProperties() throws IOException {
        List<byte[]> seeds = requestSeeds();
        Random r = new Random(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(r, seeds);
            try {
                FuzzChecks.request(input, r.nextLong(), r.nextBoolean());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("iteration " + i + ", input " + Decoding.render(input), e);
            }
        }
    }

    @Test
    void mutatedResponsesKeepTheDecoderProperties() {
        List<byte[]> seeds = responseSeeds();
        Random r = new Random(SEED + 1);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(r, seeds);
            try {
                FuzzChecks.response(input, r.nextLong(), r.nextBoolean(), r.nextInt());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("iteration " + i + ", input " + Decoding.render(input), e);
            }
        }
    }

    static byte[] mutate(Random r, List<byte[]> seeds) {
        byte[] data = seeds.get(r.nextInt(seeds.size()));
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            data = edit(r, data, seeds);
        }
        return data;
    }

    private static byte[] edit(Random r, byte[] data, List<byte[]> seeds) {
        int n = data.length;
        int at = n == 0 ? 0 : r.nextInt(n + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 32);
        switch (r.nextInt(6)) {
            case 0 -> {
                out.write(data, 0, at);
                out.writeBytes(ascii(TOKENS[r.nextInt(TOKENS.length)]));
                out.write(data, at, n - at);
            }
            case 1 -> {
                if (at < n) {
                    data = data.clone();
                    data[at] = (byte) r.nextInt(256);
                }
                return data;
            }
            case 2 -> {
                int len = Math.min(n - at, 1 + r.nextInt(8));
                out.write(data, 0, at);
                out.write(data, at + len, n - at - len);
            }
            case 3 -> {
                int len = Math.min(n - at, 1 + r.nextInt(32));
                out.write(data, 0, at + len);
                out.write(data, at, n - at);
            }
            case 4 -> {
                byte[] other = seeds.get(r.nextInt(seeds.size()));
                int from = r.nextInt(other.length + 1);
                out.write(data, 0, at);
                out.write(other, from, other.length - from);
            }
            default -> out.write(data, 0, at);
        }
        return out.toByteArray();
    }
}
