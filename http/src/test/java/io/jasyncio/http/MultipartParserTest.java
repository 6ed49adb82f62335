package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    private static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    private static final String BODY = "--" + B + "\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n"
            + "\r\n"
            + "Hello\r\nworld\r\n"
            + "--" + B + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a b.txt\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "line1\r\n--" + B.substring(0, 10) + " not a boundary\r\n\r\r\n-\r\n--\r\n"
            + "--" + B + "\r\n"
            + "Content-Disposition: form-data; name=\"empty\"\r\n"
            + "\r\n"
            + "\r\n"
            + "--" + B + "--\r\n";
    private static final List<String> EXPECTED = List.of(
            "start title null null", "data Hello\r\nworld", "partEnd",
            "start file a b.txt text/plain", "data line1\r\n--" + B.substring(0, 10) + " not a boundary\r\n\r\r\n-\r\n--",
            "partEnd", "start empty null null", "partEnd", "end");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code body} in pieces of the sizes {@code sizes} gives, merging data events for comparison. */
    static List<String> run(MultipartParser p, byte[] body, java.util.function.IntSupplier sizes) throws MultipartException {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream data = null;
        int pos = 0;
        boolean ended = false;
        while (true) {
            MultipartEvent e = p.next();
            if (e == null) {
                if (pos == body.length) {
                    if (!ended) {
                        p.feedEof();
                        e = p.next();
                        throw new AssertionError("eof gave " + e);
                    }
                    return out;
                }
                int n = Math.min(body.length - pos, Math.max(1, sizes.getAsInt()));
                p.feed(ByteBuffer.wrap(body, pos, n));
                pos += n;
                continue;
            }
            assertFalse(ended, "event after End: " + e);
            if (!(e instanceof MultipartEvent.PartData) && data != null) {
                out.add("data " + data.toString(StandardCharsets.UTF_8));
                data = null;
            }
            switch (e) {
                case MultipartEvent.PartStart s -> out.add("start " + s.name() + " " + s.filename() + " " + s.contentType());
                case MultipartEvent.PartData d -> {
                    assertTrue(d.data().isReadOnly());
                    assertTrue(d.data().hasRemaining(), "empty data event");
                    if (data == null) {
                        data = new ByteArrayOutputStream();
                    }
                    byte[] chunk = new byte[d.data().remaining()];
                    d.data().get(chunk);
                    data.writeBytes(chunk);
                }
                case MultipartEvent.PartEnd x -> out.add("partEnd");
                case MultipartEvent.End x -> {
                    out.add("end");
                    ended = true;
                }
            }
        }
    }

    static List<String> whole(String boundary, String body) throws MultipartException {
        byte[] b = bytes(body);
        return run(new MultipartParser(boundary), b, () -> b.length);
    }

    @Test
    void parsesABrowserBodyInOneFeed() throws Exception {
        assertEquals(EXPECTED, whole(B, BODY));
    }

    @Test
    void parsesTheSameBodyFedOneByteAtATime() throws Exception {
        assertEquals(EXPECTED, run(new MultipartParser(B), bytes(BODY), () -> 1));
    }

    @Test
    void parsesTheSameBodyInEverySplitOfTwo() throws Exception {
        byte[] body = bytes(BODY);
        for (int cut = 0; cut <= body.length; cut++) {
            int first = cut;
            int[] calls = {0};
            assertEquals(EXPECTED, run(new MultipartParser(B), body, () -> calls[0]++ == 0 ? first : body.length), "cut " + cut);
        }
    }

    @Test
    void parsesRandomSplits() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            assertEquals(EXPECTED, run(new MultipartParser(B), bytes(BODY), () -> r.nextInt(1, 40)));
        }
    }

    @Test
    void ignoresPreambleEpilogueAndPadding() throws Exception {
        String body = "This is the preamble.\r\n--xyz \t\r\n\r\nbody\r\n--xyz--  epilogue \r\n--xyz\r\n";
        assertEquals(List.of("start null null null", "data body", "partEnd", "end"), whole("xyz", body));
        assertEquals(List.of("start null null null", "data body", "partEnd", "end"),
                run(new MultipartParser("xyz"), bytes(body), () -> 1));
    }

    @Test
    void theFirstBoundaryNeedNotFollowACrlf() throws Exception {
        assertEquals(List.of("start null null null", "partEnd", "end"), whole("b", "--b\r\n\r\n\r\n--b--"));
    }

    @Test
    void decodesUtf8FileNamesAndFilenameStar() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r\u00e9sum\u00e9.pdf\"\r\n\r\nx\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"g\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\ny\r\n"
                + "--b\r\ncontent-disposition: FORM-DATA; name=g2; filename=\"q\\\"uote\"\r\n\r\nz\r\n--b--";
        List<String> ev = whole("b", body);
        assertEquals("start f r\u00e9sum\u00e9.pdf null", ev.get(0));
        assertEquals("start g \u20ac rates.txt null", ev.get(3));
        assertEquals("start g2 q\"uote null", ev.get(6));
    }

    @Test
    void partStartAccessors() throws Exception {
        MultipartParser p = new MultipartParser("b");
        p.feed(ByteBuffer.wrap(bytes("--b\r\nContent-Disposition: form-data; name=up; filename=a.bin\r\n"
                + "Content-Type: application/octet-stream\r\nX-Extra:  v \r\n\r\n")));
        MultipartEvent.PartStart s = assertInstanceOf(MultipartEvent.PartStart.class, p.next());
        assertEquals("form-data", s.disposition());
        assertEquals("up", s.name());
        assertTrue(s.isFile());
        assertEquals("application/octet-stream", s.contentType());
        assertEquals("v", s.headers().get("x-extra"));
        assertTrue(s.toString().contains("up"));
        assertNull(p.next());
    }

    @Test
    void streamsALargeBinaryPartWithBoundedBuffering() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(3).nextBytes(payload);
        // Salt the payload with near-delimiters so that the partial-match path is exercised.
        byte[] near = bytes("\r\n--bound");
        for (int at = 1000; at + near.length < payload.length; at += 65_537) {
            System.arraycopy(near, 0, payload, at, near.length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("--boundary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r.bin\"\r\n\r\n"));
        body.writeBytes(payload);
        body.writeBytes(bytes("\r\n--boundary--\r\n"));
        byte[] all = body.toByteArray();
        MultipartParser p = new MultipartParser("boundary");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int pos = 0;
        int maxBuffered = 0;
        boolean end = false;
        while (!end) {
            MultipartEvent e = p.next();
            if (e == null) {
                int n = Math.min(8192, all.length - pos);
                p.feed(ByteBuffer.wrap(all, pos, n));
                pos += n;
                maxBuffered = Math.max(maxBuffered, p.buffered());
                continue;
            }
            if (e instanceof MultipartEvent.PartData d) {
                byte[] chunk = new byte[d.data().remaining()];
                d.data().get(chunk);
                got.writeBytes(chunk);
            }
            end = e instanceof MultipartEvent.End;
        }
        assertArrayEquals(payload, got.toByteArray());
        assertTrue(maxBuffered <= 8192 + 100, "buffered " + maxBuffered);
    }

    @Test
    void bufferedCountsOnlyFedBytes() throws Exception {
        MultipartParser p = new MultipartParser("b");
        assertEquals(0, p.buffered());
        p.feed(ByteBuffer.wrap(bytes("--")));
        assertEquals(2, p.buffered());
        assertNull(p.next());
        p.feed(ByteBuffer.wrap(bytes("b\r\n\r\nab")));
        assertInstanceOf(MultipartEvent.PartStart.class, p.next());
        assertEquals(2, p.buffered());
    }

    @Test
    void aBodyEndingBeforeTheClosingBoundaryFails() throws Exception {
        for (String truncated : List.of("", "--b", "--b\r\n", "--b\r\nA: 1\r\n", "--b\r\n\r\ndata", "--b\r\n\r\ndata\r\n--b",
                "--b\r\n\r\ndata\r\n--b-", "preamble only")) {
            MultipartParser p = new MultipartParser("b");
            p.feed(ByteBuffer.wrap(bytes(truncated)));
            p.feedEof();
            MultipartException e = assertThrows(MultipartException.class, () -> drain(p), truncated);
            assertFalse(e.isLimit());
            assertSame(e, assertThrows(MultipartException.class, p::next), "errors are sticky");
        }
    }

    @Test
    void rejectsMalformedFraming() {
        for (String bad : List.of("--bX\r\n\r\n\r\n--b--", "--b-x", "--b\r\nA: 1\nB: 2\r\n\r\n\r\n--b--",
                "--b\r\nA: 1\rB: 2\r\n\r\n\r\n--b--", "--b\r\nA: 1\r\n folded\r\n\r\n\r\n--b--",
                "--b\r\nA : 1\r\n\r\n\r\n--b--", "--b\r\nNoColon\r\n\r\n\r\n--b--", "--b\r\nA: x\u0001y\r\n\r\n\r\n--b--",
                "--b\r\nContent-Disposition: ;x\r\n\r\n\r\n--b--", "--b\r\nContent-Disposition: form-data; name=\"open\r\n\r\n\r\n--b--",
                "--b" + " ".repeat(300) + "\r\n\r\n\r\n--b--")) {
            assertThrows(MultipartException.class, () -> drain(feedAll("b", bytes(bad))), bad);
        }
        byte[] badUtf8 = bytes("--b\r\nA: \u00ff\u00ff\r\n\r\n\r\n--b--");
        badUtf8[9] = (byte) 0xFF;
        assertThrows(MultipartException.class, () -> drain(feedAll("b", badUtf8)));
    }

    @Test
    void enforcesLimits() {
        MultipartParser.Limits limits = new MultipartParser.Limits(64, 2, 2);
        String threeParts = "--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--";
        MultipartException parts = assertThrows(MultipartException.class, () -> drain(feed(new MultipartParser("b", limits), bytes(threeParts))));
        assertTrue(parts.isLimit());
        assertTrue(parts.getMessage().contains("2 parts"), parts.getMessage());
        String bigHeader = "--b\r\nX: " + "v".repeat(100) + "\r\n\r\n\r\n--b--";
        assertTrue(assertThrows(MultipartException.class, () -> drain(feed(new MultipartParser("b", limits), bytes(bigHeader)))).isLimit());
        // Without the end of the block in sight the limit still applies (nothing is buffered without bound).
        MultipartParser open = new MultipartParser("b", limits);
        open.feed(ByteBuffer.wrap(bytes("--b\r\nX: " + "v".repeat(100))));
        assertTrue(assertThrows(MultipartException.class, open::next).isLimit());
        String manyFields = "--b\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n\r\n--b--";
        assertTrue(assertThrows(MultipartException.class, () -> drain(feed(new MultipartParser("b", limits), bytes(manyFields)))).isLimit());
        assertThrows(IllegalArgumentException.class, () -> new MultipartParser.Limits(0, 1, 1));
    }

    @Test
    void validatesTheBoundary() {
        for (String bad : List.of("", "x".repeat(71), "ends ", "semi;colon", "quote\"", "\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> new MultipartParser(bad), bad);
        }
        new MultipartParser("x".repeat(70));
        new MultipartParser("'()+_,-./:=? x");
    }

    @Test
    void findsTheBoundaryInTheContentType() throws Exception {
        MultipartParser p = MultipartParser.forContentType("multipart/form-data; boundary=\"a b\"");
        p.feed(ByteBuffer.wrap(bytes("--a b\r\n\r\n\r\n--a b--")));
        assertInstanceOf(MultipartEvent.PartStart.class, p.next());
        for (String bad : new String[] {null, "", "text/plain; boundary=x", "multipart/form-data", "multipart/form-data; boundary=\"a;\"",
                "multipart/form-data; boundary=\"bad ctl\u0001\""}) {
            assertThrows(MultipartException.class, () -> MultipartParser.forContentType(bad), String.valueOf(bad));
        }
    }

    @Test
    void feedAfterEofIsAnError() {
        MultipartParser p = new MultipartParser("b");
        p.feedEof();
        assertThrows(IllegalStateException.class, () -> p.feed(ByteBuffer.allocate(1)));
    }

    @Test
    void bytesAfterTheEndAreIgnored() throws Exception {
        MultipartParser p = new MultipartParser("b");
        p.feed(ByteBuffer.wrap(bytes("--b--")));
        assertInstanceOf(MultipartEvent.End.class, p.next());
        ByteBuffer more = ByteBuffer.wrap(bytes("anything"));
        p.feed(more);
        assertFalse(more.hasRemaining());
        p.feedEof();
        assertNull(p.next());
        assertEquals(0, p.buffered());
    }

    private static MultipartParser feedAll(String boundary, byte[] body) {
        return feed(new MultipartParser(boundary), body);
    }

    private static MultipartParser feed(MultipartParser p, byte[] body) {
        p.feed(ByteBuffer.wrap(body));
        p.feedEof();
        return p;
    }

    private static void drain(MultipartParser p) throws MultipartException {
        while (!(p.next() instanceof MultipartEvent.End)) {
            // next() throws on a malformed body or at an early end
        }
    }
}
