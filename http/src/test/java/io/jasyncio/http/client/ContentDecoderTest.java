package io.jasyncio.http.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] TEXT = "The quick brown fox jumps over the lazy dog. ".repeat(500).getBytes(StandardCharsets.UTF_8);

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(data);
        }
        return out.toByteArray();
    }

    static byte[] raw(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Decodes {@code data} fed in pieces of at most {@code piece} bytes (0: whole), then finishes. */
    static byte[] decodeAll(String encoding, byte[] data, int piece) throws ZipException {
        ContentDecoder dec = ContentDecoder.forEncoding(encoding);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int step = piece == 0 ? Math.max(1, data.length) : piece;
            for (int p = 0; p < data.length; p += step) {
                ByteBuffer in = ByteBuffer.wrap(data, p, Math.min(step, data.length - p));
                for (ByteBuffer o = dec.decode(in); o.hasRemaining(); o = dec.decode(ContentDecoder.EMPTY)) {
                    assertTrue(o.remaining() <= ContentDecoder.MAX_OUTPUT);
                    assertEquals(0, in.remaining(), "input taken whole");
                    byte[] b = new byte[o.remaining()];
                    o.get(b);
                    out.writeBytes(b);
                }
            }
            dec.finish();
            return out.toByteArray();
        } finally {
            dec.close();
        }
    }

    @Test
    void identityAndAbsentNeedNoDecoder() {
        assertNull(ContentDecoder.forEncoding(null));
        assertNull(ContentDecoder.forEncoding(""));
        assertNull(ContentDecoder.forEncoding("identity"));
        assertNull(ContentDecoder.forEncoding(" Identity , "));
        assertNotNull(ContentDecoder.forEncoding("identity, GZIP"));
    }

    @Test
    void unknownAndStackedCodingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContentDecoder.forEncoding("br"));
        assertThrows(IllegalArgumentException.class, () -> ContentDecoder.forEncoding("zstd"));
        assertThrows(IllegalArgumentException.class, () -> ContentDecoder.forEncoding("deflate, gzip"));
    }

    @Test
    void gzipAndXGzipDecodeInAnySplit() throws IOException {
        byte[] z = gzip(TEXT);
        for (String enc : new String[] {"gzip", "x-gzip", "GZip"}) {
            for (int piece : new int[] {0, 1, 7, 100, 4096}) {
                assertArrayEquals(TEXT, decodeAll(enc, z, piece), enc + " piece " + piece);
            }
        }
    }

    @Test
    void gzipMembersAreReadOneAfterAnother() throws IOException {
        byte[] z = concat(gzip("first ".getBytes()), gzip(new byte[0]), gzip("second".getBytes()));
        assertEquals("first second", new String(decodeAll("gzip", z, 0)));
        assertEquals("first second", new String(decodeAll("gzip", z, 1)));
    }

    @Test
    void gzipHeaderFieldsAreSkipped() throws ZipException {
        byte[] body = raw("payload".getBytes());
        CRC32 crc = new CRC32();
        crc.update("payload".getBytes());
        int c = (int) crc.getValue();
        byte[] header = {0x1f, (byte) 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3,
            3, 0, 'x', 'y', 'z', 'n', 'a', 'm', 'e', 0, 'c', 'o', 'm', 0, 0x12, 0x34};
        byte[] trailer = {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), 7, 0, 0, 0};
        byte[] z = concat(header, body, trailer);
        assertEquals("payload", new String(decodeAll("gzip", z, 0)));
        assertEquals("payload", new String(decodeAll("gzip", z, 1)));
    }

    @Test
    void deflateIsReadInBothForms() throws IOException {
        for (int piece : new int[] {0, 1, 13}) {
            assertArrayEquals(TEXT, decodeAll("deflate", zlib(TEXT), piece), "zlib, piece " + piece);
            assertArrayEquals(TEXT, decodeAll("deflate", raw(TEXT), piece), "raw, piece " + piece);
        }
        assertArrayEquals(new byte[0], decodeAll("deflate", raw(new byte[0]), 0));
    }

    @Test
    void corruptionIsReported() throws IOException {
        byte[] z = gzip(TEXT);
        byte[] badCrc = z.clone();
        badCrc[z.length - 6] ^= 1;
        assertThrows(ZipException.class, () -> decodeAll("gzip", badCrc, 0));
        byte[] badSize = z.clone();
        badSize[z.length - 2] ^= 1;
        assertThrows(ZipException.class, () -> decodeAll("gzip", badSize, 0));
        byte[] badMagic = z.clone();
        badMagic[1] = 0;
        assertThrows(ZipException.class, () -> decodeAll("gzip", badMagic, 0));
        byte[] badFlags = z.clone();
        badFlags[3] = (byte) 0x80;
        assertThrows(ZipException.class, () -> decodeAll("gzip", badFlags, 0));
        byte[] zl = zlib(TEXT);
        zl[zl.length - 1] ^= 1; // Adler-32
        assertThrows(ZipException.class, () -> decodeAll("deflate", zl, 0));
        assertThrows(ZipException.class, () -> decodeAll("deflate", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, 0));
    }

    @Test
    void trailingGarbageIsReported() throws IOException {
        assertThrows(ZipException.class, () -> decodeAll("gzip", concat(gzip(TEXT), new byte[] {0}), 0));
        assertThrows(ZipException.class, () -> decodeAll("deflate", concat(zlib(TEXT), new byte[] {1}), 0));
        assertThrows(ZipException.class, () -> decodeAll("deflate", concat(raw(TEXT), new byte[] {1}), 0));
    }

    @Test
    void truncatedStreamsFailAtFinish() throws IOException {
        byte[] z = gzip(TEXT);
        for (int cut : new int[] {1, 5, 10, z.length / 2, z.length - 4, z.length - 1}) {
            byte[] t = Arrays.copyOf(z, cut);
            assertThrows(ZipException.class, () -> decodeAll("gzip", t, 0), "gzip cut at " + cut);
        }
        byte[] d = zlib(TEXT);
        for (int cut : new int[] {1, d.length / 2, d.length - 1}) {
            byte[] t = Arrays.copyOf(d, cut);
            assertThrows(ZipException.class, () -> decodeAll("deflate", t, 0), "deflate cut at " + cut);
        }
    }

    @Test
    void anEmptyBodyIsAcceptedForEveryCoding() throws ZipException {
        for (String enc : new String[] {"gzip", "deflate"}) {
            assertArrayEquals(new byte[0], decodeAll(enc, new byte[0], 0), enc);
        }
    }

    @Test
    void outputPerCallIsBoundedAgainstZipBombs() throws IOException {
        byte[] bomb = gzip(new byte[20 << 20]); // ~20 KiB inflating to 20 MiB
        ContentDecoder dec = ContentDecoder.forEncoding("gzip");
        try {
            ByteBuffer first = dec.decode(ByteBuffer.wrap(bomb));
            assertEquals(ContentDecoder.MAX_OUTPUT, first.remaining());
            long total = first.remaining();
            int calls = 1;
            for (ByteBuffer o; (o = dec.decode(ContentDecoder.EMPTY)).hasRemaining(); calls++) {
                total += o.remaining();
            }
            assertEquals(20 << 20, total);
            assertEquals((20 << 20) / ContentDecoder.MAX_OUTPUT, calls);
            dec.finish();
        } finally {
            dec.close();
        }
    }

    @Test
    void finishWithUndrainedInputIsAnError() throws IOException {
        ContentDecoder dec = ContentDecoder.forEncoding("gzip");
        try {
            dec.decode(ByteBuffer.wrap(gzip(new byte[1 << 20])));
            ZipException e = assertThrows(ZipException.class, dec::finish);
            assertTrue(e.getMessage().contains("undecoded"), e.getMessage());
        } finally {
            dec.close();
        }
    }

    @Test
    void closedDecoderRefusesWork() {
        ContentDecoder dec = ContentDecoder.forEncoding("deflate");
        dec.close();
        dec.close();
        assertThrows(IllegalStateException.class, () -> dec.decode(ByteBuffer.allocate(1)));
        assertThrows(IllegalStateException.class, dec::finish);
    }

    @Test
    void randomSplitsAgree() throws IOException {
        Random r = new Random(3);
        byte[] data = new byte[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (r.nextInt(16) + 'a');
        }
        byte[] z = concat(gzip(data), gzip(data));
        for (int round = 0; round < 20; round++) {
            ContentDecoder dec = ContentDecoder.forEncoding("gzip");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int p = 0; p < z.length; ) {
                int n = Math.min(z.length - p, r.nextInt(300));
                for (ByteBuffer o = dec.decode(ByteBuffer.wrap(z, p, n)); o.hasRemaining(); o = dec.decode(ContentDecoder.EMPTY)) {
                    out.write(o.array(), o.arrayOffset() + o.position(), o.remaining());
                }
                p += n;
            }
            dec.finish();
            dec.close();
            assertArrayEquals(concat(data, data), out.toByteArray());
        }
    }
}
