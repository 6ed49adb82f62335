package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The ring's options are checked when made. */
class UringOptionsTest {
    @Test
    void entriesMustFitTheKernelsLimitsAndIdleTimesMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new UringOptions(0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new UringOptions(32769, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new UringOptions(8, true, -1));
        assertEquals(new UringOptions(512, false, 0), UringOptions.DEFAULT);
        assertTrue(UringOptions.withSqpoll().sqpoll());
    }

    @Test
    void aSmallRingArmsMorePollsInOneIterationThanItHoldsEntries() throws java.io.IOException {
        try (io.jasyncio.EventLoop loop = new UringEventLoop(new UringOptions(2, false, 0))) {
            int pipes = 10;
            java.nio.channels.Pipe[] p = new java.nio.channels.Pipe[pipes];
            int[] fired = new int[pipes];
            for (int i = 0; i < pipes; i++) {
                int n = i;
                p[i] = java.nio.channels.Pipe.open();
                p[i].source().configureBlocking(false);
                p[i].sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                loop.addReader(p[i].source(), () -> {
                    fired[n]++;
                    loop.removeReader(p[n].source());
                });
            }
            for (int round = 0; round < 3; round++) {
                loop.callSoon(loop::stop);
                loop.runForever();
            }
            for (int i = 0; i < pipes; i++) {
                assertEquals(1, fired[i], "pipe " + i);
                loop.closeChannel(p[i].source());
                p[i].sink().close();
            }
        }
    }
}
