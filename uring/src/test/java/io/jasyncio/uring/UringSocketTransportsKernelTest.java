package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UringSocketTransportsKernelTest {
    @Test
    void completionTransportsNeedLinuxSixZero() {
        assertTrue(UringSocketTransports.kernelAtLeast("6.18.44-fc-v1272", 6, 0));
        assertTrue(UringSocketTransports.kernelAtLeast("6.0.0", 6, 0));
        assertTrue(UringSocketTransports.kernelAtLeast("7.1", 6, 0));
        assertFalse(UringSocketTransports.kernelAtLeast("5.19.17-generic", 6, 0));
        assertFalse(UringSocketTransports.kernelAtLeast("5.11.0", 6, 0));
    }

    @Test
    void anUnreadableReleaseCountsAsTooOld() {
        assertFalse(UringSocketTransports.kernelAtLeast("", 6, 0));
        assertFalse(UringSocketTransports.kernelAtLeast("linux", 6, 0));
    }
}
