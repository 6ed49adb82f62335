package io.jasyncio.http.ws.frame;

import static io.jasyncio.http.ws.frame.RawFrames.client;
import static io.jasyncio.http.ws.frame.RawFrames.concat;
import static io.jasyncio.http.ws.frame.RawFrames.server;
import static io.jasyncio.http.ws.frame.RawFrames.utf8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer in plain JUnit over valid frame streams (both roles, plain and
 * compressed), with frame-shaped edits: header bits flipped, lengths changed, bytes inserted,
 * deleted and spliced. Checked against {@link WsFuzzChecks}. {@code -Dws.fuzz.iterations=N}
 * and {@code -Dws.fuzz.seed=S} run longer sessions; it exists beside the Jazzer test because
 * Jazzer cannot instrument Java 25 classes (http/FUZZING.md).
 */
class WsMutationFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("ws.fuzz.iterations", 3000);
    private static final long SEED = Long.getLong("ws.fuzz.seed", 11L);

    /** Seeds with the mode (see {@link WsFuzzChecks#check}) they are valid for. */
    private record Seed(byte[] wire, int mode) {
    }

    private static List<Seed> seeds() {
        List<Seed> s = new ArrayList<>();
        s.add(new Seed(concat(client(0x81, utf8("héllo")), client(0x01, utf8("ab")), client(0x89, utf8("p")),
                client(0x80, utf8("cd")), client(0x82, new byte[130]), client(0x88, new byte[] {3, (byte) 0xE8})), 1));
        s.add(new Seed(concat(server(0x81, utf8("€uro")), server(0x8A, new byte[0]), server(0x02, new byte[3]),
                server(0x80, new byte[0]), server(0x88, new byte[0])), 0));
        for (Role role : Role.values()) {
            PerMessageDeflate pmd = new PerMessageDeflate(role, PerMessageDeflate.Params.DEFAULTS);
            try {
                WsEncoder e = new WsEncoder(role, pmd, new SplittableRandom(1));
                s.add(new Seed(concat(PerMessageDeflateTest.bytes(e.text("zip zip zip zip zip ".repeat(20))),
                        PerMessageDeflateTest.bytes(e.fragment(Opcode.BINARY, ByteBuffer.wrap(new byte[40]), false)),
                        PerMessageDeflateTest.bytes(e.fragment(Opcode.CONTINUATION, ByteBuffer.wrap(new byte[9]), true)),
                        PerMessageDeflateTest.bytes(e.text(""))), (role == Role.CLIENT ? 1 : 0) | 2));
            } finally {
                pmd.close();
            }
        }
        return s;
    }

    @Test
    void mutatedFrameStreamsKeepTheDecoderProperties() {
        List<Seed> seeds = seeds();
        for (Seed seed : seeds) {
            WsFuzzChecks.check(seed.wire(), 1, seed.mode());
            WsFuzzChecks.check(seed.wire(), 2, seed.mode() | 4);
        }
        Random r = new Random(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            Seed seed = seeds.get(r.nextInt(seeds.size()));
            byte[] input = mutate(r, seed.wire());
            int mode = r.nextInt(8) == 0 ? r.nextInt(8) : seed.mode() | (r.nextBoolean() ? 4 : 0);
            try {
                WsFuzzChecks.check(input, r.nextLong(), mode);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("iteration " + i + " mode " + mode + " input " + java.util.HexFormat.of().formatHex(input), e);
            }
        }
    }

    private static byte[] mutate(Random r, byte[] wire) {
        byte[] b = wire.clone();
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0x00, 0x7E, 0x7F, 0xFE, 0xFF, 0x80, 0x81, 0xC1, 0x88, 0x09}[r.nextInt(10)];
                case 2 -> b = concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, Math.min(b.length, at + 1 + r.nextInt(4)), b.length));
                case 3 -> {
                    byte[] ins = new byte[1 + r.nextInt(4)];
                    r.nextBytes(ins);
                    b = concat(java.util.Arrays.copyOf(b, at), ins, java.util.Arrays.copyOfRange(b, at, b.length));
                }
                case 4 -> b = concat(b, java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + r.nextInt(20))));
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }
}
