package io.jasyncio.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed and ambiguous requests in {@code codec/request-corpus.txt} (request
 * smuggling vectors and RFC 9112's edge cases), each decoded whole, one byte at a time and in
 * random splits, with the outcome it must get.
 */
class RequestCorpusTest {
    private static final String CORPUS = "/codec/request-corpus.txt";
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\|(.*?)}}");

    record Case(String name, String expected, byte[] wire, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = RequestCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertNotNull(in, CORPUS);
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                if (parts.length != 3) {
                    fail("corpus line " + (i + 1) + ": want name<TAB>expected<TAB>bytes");
                }
                out.add(new Case(parts[0], parts[1], unescape(expand(parts[2])), i + 1));
            }
        }
        return out;
    }

    static String expand(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(Case c) {
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
        List<Case> all = cases();
        assertTrue(all.size() >= 150, "cases: " + all.size());
        for (String status : List.of("400", "414", "431", "501", "505")) {
            assertTrue(all.stream().anyMatch(c -> c.expected().equals(status)), status);
        }
    }
}
