package io.jasyncio.process;

import static io.jasyncio.testing.LoopHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.LoopKind;
import io.jasyncio.stream.Protocol;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Pipe transport bugs the transport contract found (issue 8); each test fails without its fix. */
class PipeTransportRegressionTest {
    /** How long the loop thread is held so that the writer thread's report is queued before abort(). */
    private static final Duration HOLD = Duration.ofMillis(100);

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void aWriteReportedAfterAbortDoesNotDriveTheBufferCountNegative(LoopHarness h) {
        AtomicBoolean flushed = new AtomicBoolean();
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public void flush() {
                flushed.set(true);
            }
        };
        boolean[] lost = {false};
        h.runBounded(() -> {
            PipeWriteTransport t = new PipeWriteTransport(h.loop(), stream, new Protocol() {
                @Override
                public void dataReceived(java.nio.ByteBuffer data) {
                }

                @Override
                public void connectionLost(Throwable exc) {
                    lost[0] = true;
                }
            }, () -> { });
            t.start();
            t.write(new byte[10]);
            // Hold the loop (no yield) until the thread wrote the bytes and queued its report.
            long deadline = System.nanoTime() + h.bound().toNanos();
            while (!flushed.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Thread.sleep(HOLD.toMillis());
            t.abort();
            eventually(() -> lost[0]);
            assertEquals(0, t.getWriteBufferSize(), "the report of a write done before the abort is ignored");
        });
    }
}
