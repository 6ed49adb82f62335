package io.jasyncio.http.ws.frame;

import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The properties every input must keep, for the Jazzer and the mutation fuzz tests: no exception
 * (the decoder documents none for any input), at most one event per byte fed (each frame has a
 * 2-byte header), failures only with 1002/1007/1009, and the same events whether the input
 * arrives whole, one byte at a time or in random pieces.
 */
final class WsFuzzChecks {
    private static final Set<Integer> FAILURE_CODES = Set.of(1002, 1007, 1009);

    private WsFuzzChecks() {
    }

    /**
     * Checks one input. {@code mode}'s bits choose the role (bit 0: server), permessage-deflate
     * (bit 1) and small limits (bit 2).
     */
    static void check(byte[] input, long seed, int mode) {
        Role role = (mode & 1) != 0 ? Role.SERVER : Role.CLIENT;
        boolean deflate = (mode & 2) != 0;
        WsLimits limits = (mode & 4) != 0 ? new WsLimits(1000, 300) : WsLimits.DEFAULTS;
        List<String> whole = run(input, role, deflate, limits, new int[0]);
        for (String e : whole) {
            if (e.startsWith("fail:") && !FAILURE_CODES.contains(Integer.parseInt(e.substring(5)))) {
                throw new AssertionError("unexpected failure code " + e);
            }
        }
        List<String> ones = run(input, role, deflate, limits, RawFrames.ones(input.length));
        if (!whole.equals(ones)) {
            throw new AssertionError("whole " + whole + " but byte at a time " + ones);
        }
        List<String> split = run(input, role, deflate, limits, RawFrames.randomCuts(new Random(seed), input.length));
        if (!whole.equals(split)) {
            throw new AssertionError("whole " + whole + " but split (seed " + seed + ") " + split);
        }
    }

    private static List<String> run(byte[] input, Role role, boolean deflate, WsLimits limits, int[] cuts) {
        PerMessageDeflate pmd = deflate ? new PerMessageDeflate(role, PerMessageDeflate.Params.DEFAULTS) : null;
        try {
            return RawFrames.decode(new WsDecoder(role, limits, pmd), input, cuts);
        } finally {
            if (pmd != null) {
                pmd.close();
            }
        }
    }
}
