package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.http.codec.RequestCorpus;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Response;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.Streams;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The codec's corpus of malformed and ambiguous requests ({@code codec/request-corpus.txt})
 * sent over a real socket to the real server: every error case must get its status, as the last
 * response on the connection, and then the server must close the connection by itself; every
 * accepted case with a request count must get that many answers from the handler.
 */
class MalformedCorpusInteropTest {
    /** How long one case may take: far above a loopback exchange, below the test's whole bound. */
    private static final java.time.Duration CASE_TIMEOUT = java.time.Duration.ofSeconds(3);

    /** What the server wrote on one connection: the statuses of its responses in order, and the bytes. */
    record Outcome(List<Integer> statuses, String raw) {
    }

    /**
     * Sends {@code wire} and reads until the server closes the connection or, when
     * {@code responses >= 0}, until that many responses have arrived. The handler answers 204,
     * so only the server's own error responses carry bodies, each with a Content-Length.
     */
    private static Outcome exchange(int port, byte[] wire, int responses) throws IOException {
        StreamPair pair = Streams.openConnection("127.0.0.1", port);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            pair.writer().write(wire);
            try {
                for (byte[] b = responses == 0 ? new byte[0] : pair.reader().read(65536); b.length > 0; b = pair.reader().read(65536)) {
                    got.writeBytes(b);
                    if (responses >= 0 && parse(got.toString(StandardCharsets.ISO_8859_1)).size() >= responses) {
                        break;
                    }
                }
            } catch (io.jasyncio.stream.ConnectionResetException e) {
                // A server that closes with unread request bytes may reset; what arrived first counts.
            }
        } finally {
            pair.writer().close();
            try {
                pair.writer().waitClosed();
            } catch (IOException e) {
                // reset: fine
            }
        }
        String raw = got.toString(StandardCharsets.ISO_8859_1);
        return new Outcome(parse(raw), raw);
    }

    /** The statuses of the complete responses in {@code raw}. */
    private static List<Integer> parse(String raw) {
        List<Integer> statuses = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            int headEnd = raw.indexOf("\r\n\r\n", at);
            if (headEnd < 0) {
                break;
            }
            if (!raw.startsWith("HTTP/1.1 ", at)) {
                throw new AssertionError("unparseable response bytes at " + at + ": " + raw);
            }
            String head = raw.substring(at, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            long length = 0;
            for (String l : head.split("\r\n")) {
                if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(l.substring(15).trim());
                }
            }
            int next = headEnd + 4 + (int) (status == 204 ? 0 : length);
            if (next > raw.length()) {
                break;
            }
            statuses.add(status);
            at = next;
        }
        return statuses;
    }

    /** Runs one case's exchange under {@link #CASE_TIMEOUT}; null (and a failure noted) if it overruns. */
    private static Outcome bounded(RequestCorpus.Case c, List<String> failures, io.jasyncio.Body<Outcome, IOException> body) throws IOException {
        try {
            return io.jasyncio.Timeout.after(CASE_TIMEOUT).run(body);
        } catch (io.jasyncio.AsyncTimeoutException e) {
            failures.add(c.name() + ": no answer, or no close, within " + CASE_TIMEOUT);
            return null;
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void everyCaseGetsItsStatusOverARealSocket(LoopHarness h) throws IOException {
        List<RequestCorpus.Case> cases = RequestCorpus.cases();
        assertTrue(cases.size() > 100, "corpus has " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        int[] checked = {0, 0};
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                req.bytes();
                return new Response(204);
            }, CurlInteropTest.LOCAL);
            try {
                for (RequestCorpus.Case c : cases) {
                    if (c.expected().startsWith("ok")) {
                        java.util.regex.Matcher n = java.util.regex.Pattern.compile(";requests=(\\d+)").matcher(c.expected());
                        if (!n.find()) {
                            continue; // an incomplete request: nothing to count
                        }
                        int count = Integer.parseInt(n.group(1));
                        // Keep-alive cases leave the connection open: read the answers, not to the end.
                        Outcome o = bounded(c, failures, () -> exchange(server.port(), c.wire(),
                                c.expected().contains("keepalive=false") ? -1 : count));
                        if (o == null) {
                            continue;
                        }
                        List<Integer> want = java.util.Collections.nCopies(count, 204);
                        if (!o.statuses().equals(want)) {
                            failures.add(c.name() + ": want " + want + ", got " + o.statuses() + " " + o.raw());
                        }
                        checked[0]++;
                    } else {
                        int want = Integer.parseInt(c.expected());
                        // Read to the end: the server must close the connection by itself after the error.
                        Outcome o = bounded(c, failures, () -> exchange(server.port(), c.wire(), -1));
                        if (o == null) {
                            continue;
                        }
                        List<Integer> s = o.statuses();
                        boolean ok = !s.isEmpty() && s.getLast() == want
                                && s.subList(0, s.size() - 1).stream().allMatch(x -> x == 204)
                                && o.raw().contains("\r\nConnection: close\r\n");
                        if (!ok) {
                            failures.add(c.name() + ": want ... " + want + " then close, got " + s + " " + o.raw());
                        }
                        checked[1]++;
                    }
                }
            } finally {
                server.close();
            }
        });
        assertEquals(List.of(), failures, failures.size() + " of " + (checked[0] + checked[1]) + " cases");
        assertTrue(checked[1] > 100, "error cases checked: " + checked[1]);
    }
}
