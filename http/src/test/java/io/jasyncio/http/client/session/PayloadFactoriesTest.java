package io.jasyncio.http.client.session;

import static io.jasyncio.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.AsyncGenerator;
import io.jasyncio.LoopKind;
import io.jasyncio.http.JsonCodec;
import io.jasyncio.http.MultipartEvent;
import io.jasyncio.http.MultipartParser;
import io.jasyncio.http.QueryParams;
import io.jasyncio.http.SimpleJsonCodec;
import io.jasyncio.http.client.Payload;
import io.jasyncio.http.client.PayloadSink;
import io.jasyncio.http.client.MultipartBody;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Payload} factories and {@link MultipartBody}, written to an in-memory sink. */
class PayloadFactoriesTest {
    @TempDir
    Path dir;

    /** Collects what a body writes, and how many writes it took. */
    static final class Collect implements PayloadSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(ByteBuffer data) {
            writes++;
            byte[] b = new byte[data.remaining()];
            data.get(b);
            out.writeBytes(b);
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static Collect write(Payload body) throws IOException {
        Collect c = new Collect();
        body.writeTo(c);
        return c;
    }

    @Test
    void inMemoryBodiesKnowTheirLengthTypeAndAreReplayable() throws IOException {
        Payload bytes = Payload.bytes(new byte[] {1, 2, 3});
        assertEquals(3, bytes.length());
        assertEquals("application/octet-stream", bytes.contentType());
        assertTrue(bytes.replayable());
        assertEquals(3, write(bytes).out.size());
        assertEquals(3, write(bytes).out.size());
        assertNull(Payload.bytes(new byte[0], null).contentType());
        assertEquals(0, write(Payload.bytes(new byte[0], null)).writes);

        Payload text = Payload.text("héllo");
        assertEquals("text/plain; charset=utf-8", text.contentType());
        assertEquals(6, text.length());
        assertEquals("héllo", write(text).text());

        Payload latin = Payload.text("é", "text/csv; charset=ISO-8859-1");
        assertEquals(1, latin.length());
        Payload noCharset = Payload.text("é", "text/html");
        assertEquals(2, noCharset.length());
        assertTrue(noCharset.contentType().contains("charset=utf-8"), noCharset.contentType());

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a b", "1&2");
        fields.put("c", "é");
        Payload form = Payload.form(fields);
        assertEquals("application/x-www-form-urlencoded", form.contentType());
        assertEquals("a+b=1%262&c=%C3%A9", write(form).text());
        assertEquals(write(form).text(), write(Payload.form(QueryParams.of("a b", "1&2", "c", "é"))).text());
    }

    @Test
    void jsonUsesTheGivenCodecOrTheDefault() throws IOException {
        Payload json = Payload.json(Map.of("k", List.of(1, 2)));
        assertEquals("application/json", json.contentType());
        assertEquals("{\"k\":[1,2]}", write(json).text().replace(" ", ""));
        assertEquals(json.length(), write(json).out.size());
        JsonCodec codec = new SimpleJsonCodec();
        assertEquals("\"x\"", write(Payload.json("x", codec)).text());
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void aFileIsReadInPiecesAndCanBeSentTwice(LoopHarness h) throws IOException {
        byte[] data = new byte[700_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Path f = Files.write(dir.resolve("f.bin"), data);
        Payload file = Payload.file(f, "image/png");
        assertEquals(data.length, file.length());
        assertEquals("image/png", file.contentType());
        assertTrue(file.replayable());
        List<Collect> runs = h.runBounded(() -> List.of(write(file), write(file)));
        for (Collect c : runs) {
            assertArrayEquals(data, c.out.toByteArray());
            assertEquals(3, c.writes, "256 KiB pieces");
        }
        Files.write(f, new byte[10]);
        IOException shrank = h.runBounded(() -> assertThrows(IOException.class, () -> write(file)));
        assertTrue(shrank.getMessage().contains("shrank"), shrank.getMessage());
        assertThrows(IOException.class, () -> Payload.file(dir.resolve("missing")));
        assertThrows(IOException.class, () -> Payload.file(dir));
    }

    @LoopTest
    void aGeneratorIsStreamedOnceAndClosed(LoopHarness h) throws IOException {
        List<String> events = new ArrayList<>();
        AsyncGenerator<ByteBuffer> gen = AsyncGenerator.of(out -> {
            try {
                for (int i = 0; i < 3; i++) {
                    sleep(Duration.ofMillis(1));
                    out.emit(ByteBuffer.wrap(("part" + i).getBytes(StandardCharsets.US_ASCII)));
                }
            } finally {
                events.add("closed");
            }
        });
        Payload body = Payload.stream(gen);
        assertEquals(-1, body.length());
        assertFalse(body.replayable());
        Collect c = h.runBounded(() -> write(body));
        assertEquals("part0part1part2", c.text());
        assertEquals(List.of("closed"), events);
        assertThrows(IllegalStateException.class, () -> h.runBounded(() -> write(body)));
    }

    @Test
    void aStreamWithAKnownLengthMustMatchIt() throws IOException {
        Payload exact = Payload.stream(List.of(ByteBuffer.wrap(new byte[4])), 4, "x/y");
        assertEquals(4, exact.length());
        assertEquals("x/y", exact.contentType());
        assertEquals(4, write(exact).out.size());
        IOException shorter = assertThrows(IOException.class, () -> write(Payload.stream(List.of(ByteBuffer.wrap(new byte[3])), 4, null)));
        assertTrue(shorter.getMessage().contains("3 bytes"), shorter.getMessage());
        assertThrows(IOException.class, () -> write(Payload.stream(List.of(ByteBuffer.wrap(new byte[5])), 4, null)));
        assertThrows(IllegalArgumentException.class, () -> Payload.stream(List.of(), -2, null));
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void multipartPartsParseBackIntact(LoopHarness h) throws Exception {
        byte[] fileData = "line1\r\n--not-a-boundary\r\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        Path f = Files.write(dir.resolve("data \"1\".txt"), fileData);
        MultipartBody body = Payload.multipart()
                .field("title", "héllo wörld")
                .file("upload", f, "text/plain")
                .part("raw", "r.bin", Payload.bytes(new byte[] {0, 1, 2}))
                .part("line\nbreak", null, Payload.text("v"))
                .build();
        assertEquals(4, body.size());
        assertTrue(body.contentType().startsWith("multipart/form-data; boundary=" + body.boundary()));
        assertTrue(body.replayable());
        Collect c = h.runBounded(() -> write(body));
        assertEquals(body.length(), c.out.size());

        MultipartParser parser = MultipartParser.forContentType(body.contentType());
        parser.feed(ByteBuffer.wrap(c.out.toByteArray()));
        parser.feedEof();
        List<String> parts = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        String head = null;
        for (MultipartEvent e; (e = parser.next()) != null; ) {
            if (e instanceof MultipartEvent.PartStart s) {
                head = s.name() + "|" + s.filename() + "|" + s.contentType();
                current.reset();
            } else if (e instanceof MultipartEvent.PartData d) {
                byte[] b = new byte[d.data().remaining()];
                d.data().get(b);
                current.writeBytes(b);
            } else if (e instanceof MultipartEvent.PartEnd) {
                parts.add(head + "|" + current.size() + "|" + (current.size() < 40 ? current.toString(StandardCharsets.UTF_8) : ""));
            } else {
                break;
            }
        }
        assertEquals(List.of(
                "title|null|null|13|héllo wörld",
                "upload|data %221%22.txt|text/plain|" + fileData.length + "|",
                "raw|r.bin|application/octet-stream|3|\u0000\u0001\u0002",
                "line%0Abreak|null|text/plain; charset=utf-8|1|v"), parts);
    }

    @LoopTest(loops = LoopKind.SELECTOR)
    void aFilePartDefaultsToOctetStreamAndTheFilesName(LoopHarness h) throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "abc");
        MultipartBody body = Payload.multipart().boundary("b").file("doc", f).build();
        String written = h.runBounded(() -> write(body).text());
        assertEquals("--b\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nabc\r\n--b--\r\n", written);
        assertEquals(written.length(), body.length());
    }

    @Test
    void multipartWithAStreamedPartIsChunkedAndNotReplayable() {
        MultipartBody body = Payload.multipart().boundary("fixed-boundary")
                .part("s", null, Payload.stream(List.of(ByteBuffer.wrap(new byte[1])))).build();
        assertEquals(-1, body.length());
        assertFalse(body.replayable());
        assertEquals("fixed-boundary", body.boundary());
        assertTrue(body.toString().contains("chunked"));
        assertThrows(IllegalArgumentException.class, () -> Payload.multipart().boundary("bad boundary!"));
        assertThrows(IllegalStateException.class, () -> Payload.multipart().build());
    }
}
