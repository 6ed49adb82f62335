package io.jasyncio.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of gzip and deflate bodies: the decoder throws nothing but
 * {@link ZipException}, and gives the same output (or the same failure) fed whole, one byte at
 * a time and in random pieces. {@code -Dcontent.fuzz.iterations=N} runs longer.
 */
class ContentDecoderFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("content.fuzz.iterations", 1500);

    private static String run(String encoding, byte[] data, int[] cuts) {
        ContentDecoder dec = ContentDecoder.forEncoding(encoding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int p = 0;
            for (int c = 0; p < data.length; c++) {
                int n = c < cuts.length ? Math.min(cuts[c], data.length - p) : data.length - p;
                for (ByteBuffer o = dec.decode(ByteBuffer.wrap(data, p, n)); o.hasRemaining(); o = dec.decode(ContentDecoder.EMPTY)) {
                    out.write(o.array(), o.arrayOffset() + o.position(), o.remaining());
                }
                p += n;
            }
            dec.finish();
            return "ok:" + HexFormat.of().formatHex(out.toByteArray());
        } catch (ZipException e) {
            return "error"; // where in the output the error shows depends on the split; that it does, does not
        } finally {
            dec.close();
        }
    }

    @Test
    void mutatedBodiesFailCleanlyAndAlikeInEverySplit() throws IOException {
        byte[] text = "aaaaabbbbbcccccddddd hello hello hello".repeat(20).getBytes();
        List<Object[]> seeds = List.of(
                new Object[] {"gzip", ContentDecoderTest.gzip(text)},
                new Object[] {"gzip", concat(ContentDecoderTest.gzip(text), ContentDecoderTest.gzip(new byte[3]))},
                new Object[] {"deflate", ContentDecoderTest.zlib(text)},
                new Object[] {"deflate", ContentDecoderTest.raw(text)});
        Random r = new Random(21);
        for (int i = 0; i < ITERATIONS; i++) {
            Object[] seed = seeds.get(r.nextInt(seeds.size()));
            String enc = (String) seed[0];
            byte[] b = mutate(r, (byte[]) seed[1]);
            String whole = run(enc, b, new int[0]);
            int[] ones = new int[b.length];
            Arrays.fill(ones, 1);
            int[] random = new int[b.length];
            for (int k = 0; k < random.length; k++) {
                random[k] = 1 + r.nextInt(40);
            }
            String where = "iteration " + i + " " + enc + " " + HexFormat.of().formatHex(b);
            assertEquals(whole, run(enc, b, ones), where);
            assertEquals(whole, run(enc, b, random), where);
        }
    }

    private static byte[] mutate(Random r, byte[] data) {
        byte[] b = data.clone();
        int at = r.nextInt(b.length);
        return switch (r.nextInt(4)) {
            case 0 -> {
                b[at] ^= (byte) (1 << r.nextInt(8));
                yield b;
            }
            case 1 -> {
                b[at] = (byte) r.nextInt(256);
                yield b;
            }
            case 2 -> Arrays.copyOf(b, at);
            default -> concat(Arrays.copyOf(b, at), new byte[] {(byte) r.nextInt(256)}, Arrays.copyOfRange(b, at, b.length));
        };
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
