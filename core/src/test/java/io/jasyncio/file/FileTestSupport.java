package io.jasyncio.file;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;

/** Shared helpers of the file tests. */
final class FileTestSupport {
    private FileTestSupport() {
    }

    /** {@code n} bytes of a pattern that does not repeat at any power-of-two period. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8) * 7 + (i >>> 16));
        }
        return b;
    }

    /** The backend name files opened on this harness's loop report. */
    static String expectedBackend(LoopHarness h) {
        return h.kind() == LoopKind.SELECTOR || h.kind() == LoopKind.VIRTUAL ? "threads" : "io_uring";
    }
}
