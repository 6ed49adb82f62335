package io.jasyncio.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.http.Method;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The properties every input must satisfy, shared by the Jazzer fuzz test and the seeded
 * mutation fuzzer: no exception from the decoders, a bounded number of events per byte (no
 * loop), only the documented error statuses, and the same events however the bytes are split
 * and however often they are parsed.
 */
final class FuzzChecks {
    private static final Set<String> REQUEST_ERRORS = Set.of("error 400", "error 414", "error 431", "error 501", "error 505");
    private static final Method[] METHODS = {Method.GET, Method.HEAD, Method.POST, Method.CONNECT};
    /** Byte-at-a-time feeding is quadratic in the worst case; above this only random splits are tried. */
    private static final int BYTE_AT_A_TIME_MAX = 4096;

    private FuzzChecks() {
    }

    static void request(byte[] input, long seed, boolean eof) {
        Supplier<Decoding.Sink> sink = () -> Decoding.of(new RequestDecoder());
        List<String> whole = agree(sink, input, seed, eof);
        for (String e : whole) {
            assertTrue(!e.startsWith("error") || REQUEST_ERRORS.contains(e), e);
        }
    }

    /** {@code methodBits} chooses, two bits each, the methods of the requests the responses answer. */
    static void response(byte[] input, long seed, boolean eof, int methodBits) {
        Supplier<Decoding.Sink> sink = () -> {
            ResponseDecoder d = new ResponseDecoder();
            for (int i = 0; i < 16; i++) {
                d.expectResponseTo(METHODS[(methodBits >>> (2 * i)) & 3]);
            }
            return Decoding.of(d);
        };
        List<String> whole = agree(sink, input, seed, eof);
        for (String e : whole) {
            assertTrue(!e.startsWith("error") || e.equals("error 502"), e);
        }
    }

    private static List<String> agree(Supplier<Decoding.Sink> sink, byte[] input, long seed, boolean eof) {
        List<String> whole = Decoding.whole(sink, input, eof);
        assertEquals(whole, Decoding.whole(sink, input, eof), "second parse of the same bytes");
        assertEquals(whole, Decoding.randomSplits(sink, input, eof, seed), "random splits");
        if (input.length <= BYTE_AT_A_TIME_MAX) {
            assertEquals(whole, Decoding.byteAtATime(sink, input, eof), "one byte at a time");
        }
        return whole;
    }
}
