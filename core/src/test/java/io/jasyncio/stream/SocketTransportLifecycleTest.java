package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import io.jasyncio.LoopKind;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket transport's lifecycle on the base class's checked state machine (issue 8): a
 * protocol that closes the transport from {@code resumeWriting}, once everything was sent, gets
 * exactly one {@code connectionLost}. The writer that called {@code resumeWriting} used to call
 * connectionLost a second time, which a flag silently swallowed; the checked transition made it
 * an error (seen as a flaky LoadTest), and the writer now stops once the loss is scheduled.
 */
class SocketTransportLifecycleTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    // Far more than a loopback socket's buffers hold, so that the write must pause: with 4 MiB the
    // kernel sometimes took it all at once (after earlier bulk transfers, Linux's cached TCP
    // metrics for 127.0.0.1 start new connections with large windows), resumeWriting never came
    // and the test waited for a close that nothing would make.
    private static final int TOTAL = 32 << 20;

    /** Writes TOTAL bytes at once; closes from resumeWriting, which comes only when all was sent. */
    private static final class CloseOnResume implements Protocol {
        final Future<Throwable> lost;
        final List<Throwable> losses = new ArrayList<>();
        Transport transport;

        CloseOnResume(Future<Throwable> lost) {
            this.lost = lost;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            t.setWriteBufferLimits(64 * 1024, 0);
            t.write(ByteBuffer.allocate(TOTAL));
        }

        @Override
        public void dataReceived(ByteBuffer data) {
        }

        @Override
        public void resumeWriting() {
            transport.close();
        }

        @Override
        public void connectionLost(Throwable exc) {
            losses.add(exc);
            lost.trySetResult(exc);
        }
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING})
    void closingFromResumeWritingLosesTheConnectionOnce(LoopHarness h) {
        h.run(() -> Asyncio.timeout(BOUND, () -> {
            List<ExceptionContext> reported = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> reported.add(c));
            try (ServerSocket listener = new ServerSocket()) {
                listener.setReceiveBufferSize(64 * 1024); // before bind, so the window stays small
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                Future<Throwable> lost = Asyncio.getRunningLoop().createFuture();
                CloseOnResume protocol = new CloseOnResume(lost);
                Network.createConnection(() -> protocol, "127.0.0.1", listener.getLocalPort());
                long read = Asyncio.toThread(() -> {
                    try (Socket peer = listener.accept(); InputStream in = peer.getInputStream()) {
                        long n = 0;
                        byte[] buf = new byte[64 * 1024];
                        for (int r; (r = in.read(buf)) >= 0; ) {
                            n += r;
                        }
                        return n;
                    }
                });
                assertEquals(TOTAL, read);
                assertNull(lost.await());
                Asyncio.sleep(Duration.ofMillis(10));
                assertEquals(1, protocol.losses.size(), "connectionLost calls");
                assertEquals(List.of(), reported);
            }
        }));
    }
}
