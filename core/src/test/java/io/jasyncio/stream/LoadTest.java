package io.jasyncio.stream;

import static io.jasyncio.Asyncio.*;
import static io.jasyncio.stream.NetTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestReporter;

/**
 * Load and backpressure, each with a child JVM as the other side.
 *
 * <p><b>10,000 connections.</b> Our server, on the test's loop, holds 10,000 connections from a
 * {@link LoadClient} at once and echoes each. Both ends of a loopback connection are file
 * descriptors, so one process would need 20,000 and more; the open-file limit here is 20,000
 * (soft and hard), and HotSpot raises its soft limit to the hard one at start-up
 * ({@code -XX:+MaxFDLimit}, on by default), which the child inherits. So the client runs in a
 * child JVM and each process needs a little over 10,000: no {@code ulimit} wrapper or surefire
 * change is needed. The test is skipped, saying so, only where the limit is below that.
 *
 * <p><b>1 GiB to a slow reader in 64 MiB of heap.</b> {@link SlowReaderTransfer} runs in a child
 * JVM with {@code -Xmx64m} and checks from the inside that the writer's buffer never exceeded
 * the high-water mark plus one write; the test prints its report.
 */
class LoadTest {
    private static final int CONNECTIONS = 10_000;
    /** Descriptors a JVM needs besides the sockets: jars, pipes, the selector, epoll. */
    private static final int FD_MARGIN = 1_000;
    private static final int CONNECTS_IN_FLIGHT = 500;
    /** Generous: the whole exchange takes a few seconds here. */
    private static final Duration LOAD_BOUND = Duration.ofSeconds(120);
    private static final long TRANSFER_BYTES = 1L << 30;
    private static final long TRANSFER_SECONDS = 120;

    /** The soft open-file limit of this process, from /proc/self/limits (-1 if unlimited or unknown). */
    static long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void tenThousandConcurrentConnectionsOnOneLoopAllEchoCorrectly(LoopHarness h, TestReporter reporter) throws IOException {
        long limit = openFileLimit();
        if (limit < CONNECTIONS + FD_MARGIN) {
            System.err.println("SKIPPED LoadTest.tenThousandConcurrentConnections: open-file limit " + limit + " < " + (CONNECTIONS + FD_MARGIN)
                    + "; raise the hard limit (ulimit -Hn) to run it");
        }
        assumeTrue(limit >= CONNECTIONS + FD_MARGIN,
                "SKIPPED: the open-file limit is " + limit + ", below the " + (CONNECTIONS + FD_MARGIN) + " this test needs per process");
        h.run(() -> timeout(LOAD_BOUND, () -> {
            EchoProtocol.Stats stats = new EchoProtocol.Stats();
            Server server = Network.createServer(() -> new EchoProtocol(stats), LOOPBACK, 0, ServerOptions.DEFAULTS.withBacklog(4096));
            long start = System.nanoTime();
            try (PeerProcess client = PeerProcess.java(List.of("-XX:+UseSerialGC"), LoadClient.class, Integer.toString(port(server)),
                    Integer.toString(CONNECTIONS), Integer.toString(CONNECTS_IN_FLIGHT))) {
                assertEquals("connected " + CONNECTIONS, client.readLine(), () -> "client output: " + client.output());
                assertEquals("echoed " + CONNECTIONS, client.readLine(), () -> "client output: " + client.output());
                assertEquals(CONNECTIONS, stats.open, "every connection is open on our loop at once");
                // We close first: the TIME_WAIT states stay on our side, the client's ports are free at once.
                server.close();
                server.closeClients();
                server.waitClosed();
                assertEquals("closed " + CONNECTIONS, client.readLine(), () -> "client output: " + client.output());
                assertEquals(0, client.awaitExit(), () -> "client output: " + client.output());
            } finally {
                server.close();
            }
            // In the test report, not on the console: a passing run prints nothing.
            reporter.publishEntry("LoadTest", CONNECTIONS + " concurrent connections connected, echoed and closed in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertEquals(CONNECTIONS, stats.maxOpen);
            assertEquals(CONNECTIONS, stats.lost);
            assertEquals(0, stats.lostWithError);
        }));
    }

    @LoopTest(loops = {LoopKind.SELECTOR, LoopKind.URING}, checkFds = true)
    void aGibibyteToASlowReaderStaysUnderTheHighWaterMarkInSixtyFourMegabytesOfHeap(LoopHarness h, TestReporter reporter) {
        h.run(() -> timeout(Duration.ofSeconds(TRANSFER_SECONDS + 30), () -> {
            try (PeerProcess transfer = PeerProcess.java(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC"),
                    SlowReaderTransfer.class, Long.toString(TRANSFER_BYTES))) {
                String line = transfer.readLine();
                assertEquals(0, transfer.awaitExit(), () -> "transfer output: " + transfer.output());
                reporter.publishEntry("LoadTest", "1 GiB through jasyncio transports with -Xmx64m: " + line);
                Map<String, Long> report = parse(line);
                assertEquals(TRANSFER_BYTES, report.get("bytes"));
                assertTrue(report.get("pauses") > 0, "the writer was held back: " + line);
                assertEquals(report.get("pauses"), report.get("resumes"), line);
                assertTrue(report.get("maxBuffer") <= report.get("high") + report.get("chunk"), line);
            }
        }));
    }

    private static Map<String, Long> parse(String line) {
        assertTrue(line.startsWith("done "), line);
        Map<String, Long> m = new HashMap<>();
        for (String kv : line.substring("done ".length()).split(" ")) {
            String[] p = kv.split("=");
            m.put(p[0], Long.parseLong(p[1]));
        }
        return m;
    }
}
