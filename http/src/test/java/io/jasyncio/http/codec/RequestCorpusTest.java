package io.jasyncio.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed and ambiguous requests in {@code codec/request-corpus.txt} (request
 * smuggling vectors and RFC 9112's edge cases), each decoded whole, one byte at a time and in
 * random splits, with the outcome it must get.
 */
class RequestCorpusTest {
    static List<RequestCorpus.Case> cases() {
        return RequestCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(RequestCorpus.Case c) {
        List<String> whole = Decoding.whole(() -> Decoding.of(new RequestDecoder()), c.wire(), false);
        assertEquals(whole, Decoding.byteAtATime(() -> Decoding.of(new RequestDecoder()), c.wire(), false),
                c.name() + ": one byte at a time");
        for (long seed = 0; seed < 3; seed++) {
            assertEquals(whole, Decoding.randomSplits(() -> Decoding.of(new RequestDecoder()), c.wire(), false, seed),
                    c.name() + ": random splits, seed " + seed);
        }
        String last = whole.isEmpty() ? "" : whole.getLast();
        String[] checks = c.expected().split(";", -1);
        if (!checks[0].equals("ok")) {
            assertEquals("error " + checks[0], last, c.name() + " (line " + c.line() + "): " + whole);
            return;
        }
        assertTrue(whole.stream().noneMatch(e -> e.startsWith("error")), c.name() + ": " + whole);
        RequestHead head = firstHead(c.wire());
        for (int i = 1; i < checks.length; i++) {
            String[] kv = checks[i].split("=", 2);
            String want = kv[1];
            String got = switch (kv[0]) {
                case "requests" -> String.valueOf(whole.stream().filter(e -> e.startsWith("end")).count());
                case "len" -> String.valueOf(head.contentLength());
                case "host" -> head.headers().get("Host");
                case "method" -> head.method().name();
                case "target" -> head.target();
                case "keepalive" -> String.valueOf(head.keepAlive());
                case "continue" -> String.valueOf(head.expectContinue());
                default -> throw new IllegalArgumentException("unknown check " + kv[0]);
            };
            assertEquals(want, got, c.name() + ": " + kv[0]);
        }
    }

    private static RequestHead firstHead(byte[] wire) {
        RequestDecoder d = new RequestDecoder();
        d.feed(ByteBuffer.wrap(wire));
        for (HttpEvent e = d.next(); e != null; e = d.next()) {
            if (e instanceof RequestHead h) {
                return h;
            }
        }
        return null;
    }

    @Test
    void corpusIsLargeAndCoversEveryErrorStatus() throws IOException {
        List<RequestCorpus.Case> all = cases();
        assertTrue(all.size() >= 150, "cases: " + all.size());
        for (String status : List.of("400", "414", "431", "501", "505")) {
            assertTrue(all.stream().anyMatch(c -> c.expected().equals(status)), status);
        }
    }
}
