package io.jasyncio.bench.http;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDocumentTest {
    @Test
    void theDocumentIsExactly1KiBOfPrintableAscii() {
        byte[] b = JsonDocument.compactBytes();
        assertEquals(JsonDocument.BYTES, b.length);
        assertEquals(1024, b.length);
        for (byte x : b) {
            assertTrue(x >= 0x20 && x < 0x7f && x != '$' && x != '\'' && x != '\\', "byte " + x);
        }
    }

    @Test
    void jacksonWritesTheSameBytesAsTheReference() throws IOException {
        assertArrayEquals(JsonDocument.compactBytes(), new ObjectMapper().writeValueAsBytes(JsonDocument.build()));
    }

    @Test
    void buildGivesAFreshTreeEachTime() {
        var a = JsonDocument.build();
        a.put("id", 1);
        assertEquals(90210377, JsonDocument.build().get("id"));
    }

    /** bench/python/http_server.py loads the file and writes it with json.dumps(separators=(",", ":")): the same bytes. */
    @Test
    void pythonsCompactDumpsWritesTheSameBytes(@TempDir Path tmp) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Path in = tmp.resolve("doc.json");
        Files.writeString(in, JsonDocument.compact(), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(List.of(python.toString(), "-E", "-s", "-c",
                "import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1])), separators=(',', ':')))",
                in.toString())).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(JsonDocument.compact(), new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void valuesCompactWritersMightWriteDifferentlyAreRefused() {
        assertEquals("{\"a\":[1,true,null,\"x\"]}", JsonDocument.writeCompact(java.util.Map.of("a", java.util.Arrays.asList(1, true, null, "x"))));
        for (Object bad : List.of("caf\u00e9", "a/b", "say \"hi\"", "$x", 1.5, 10_000_000_000L)) {
            assertThrows(IllegalStateException.class, () -> JsonDocument.writeCompact(List.of(bad)), bad.toString());
        }
    }
}
