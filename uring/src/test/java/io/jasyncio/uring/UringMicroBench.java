package io.jasyncio.uring;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoop;
import io.jasyncio.SelectorEventLoop;
import io.jasyncio.stream.Server;
import io.jasyncio.stream.StreamPair;
import io.jasyncio.stream.Streams;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Not a test: two measurements for the report, run by hand with
 * {@code java -cp <test class path> io.jasyncio.uring.UringMicroBench} (see the report for the
 * full command). A NOP's submit-and-complete round trip through the backend, and a one-byte
 * echo ping-pong through core's streams on the uring loop and on the selector loop.
 */
public final class UringMicroBench {
    private static final int NOPS = 1_000_000;
    private static final int PINGS = 50_000;

    private UringMicroBench() {
    }

    /**
     * Runs both measurements three times and prints ns per operation.
     *
     * @param args unused
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        for (int round = 0; round < 3; round++) {
            System.out.printf("NOP submit+complete (UringBackend.poll): %.0f ns%n", nops(false));
            System.out.printf("NOP x32 batched per enter:              %.0f ns per NOP%n", nops(true));
            System.out.printf("echo ping-pong, uring loop:             %.1f us per round trip%n",
                    pingPong(UringEventLoop::new) / 1000);
            System.out.printf("echo ping-pong, selector loop:          %.1f us per round trip%n",
                    pingPong(SelectorEventLoop::new) / 1000);
        }
    }

    private static double nops(boolean batched) {
        try (UringBackend backend = new UringBackend(UringOptions.DEFAULT)) {
            int[] done = new int[1];
            long token = backend.register((res, flags) -> done[0]++);
            int batch = batched ? 32 : 1;
            long start = System.nanoTime();
            for (int i = 0; i < NOPS; i += batch) {
                for (int j = 0; j < batch; j++) {
                    backend.ring().sqe(Uring.IORING_OP_NOP, -1, token);
                }
                int want = i + batch;
                while (done[0] < want) {
                    backend.poll(-1, r -> { });
                }
            }
            return (System.nanoTime() - start) / (double) NOPS;
        }
    }

    private static double pingPong(Supplier<EventLoop> loops) {
        try (EventLoop loop = loops.get()) {
            return loop.runUntilComplete(() -> {
                Server server = Streams.startServer((reader, writer) -> {
                    try (writer) {
                        byte[] b;
                        while ((b = reader.read(1)).length > 0) {
                            writer.write(b);
                        }
                    }
                }, "127.0.0.1", 0);
                int port = ((InetSocketAddress) server.sockets().get(0)).getPort();
                StreamPair c = Streams.openConnection("127.0.0.1", port);
                byte[] one = {42};
                for (int i = 0; i < PINGS / 10; i++) {
                    c.writer().write(one);
                    c.reader().readExactly(1);
                }
                long start = System.nanoTime();
                for (int i = 0; i < PINGS; i++) {
                    c.writer().write(one);
                    c.reader().readExactly(1);
                }
                double ns = (System.nanoTime() - start) / (double) PINGS;
                c.close();
                c.writer().waitClosed();
                server.close();
                server.waitClosed();
                Asyncio.sleep(java.time.Duration.ZERO);
                return ns;
            });
        }
    }
}
