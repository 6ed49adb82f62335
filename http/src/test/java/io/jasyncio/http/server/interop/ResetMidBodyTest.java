package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.testing.LogCapture;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Clients that reset the connection (close with SO_LINGER 0, so the kernel sends RST) in the
 * middle of a request body or of a response body (issue 9): each must leave no task, connection
 * or file descriptor behind on the server (the descriptors are checked by {@code checkFds}).
 * The client is a plain blocking socket driven from a worker thread ({@code toThread}), so the
 * reset is the kernel's, not the library's.
 */
class ResetMidBodyTest {
    /** How far into a body the client gets before it resets. */
    static final int BEFORE_RESET = 1 << 20;
    /** How long the server may take to notice a reset and clean up: generous, for a loaded machine. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * Blocking socket I/O on a virtual thread (which toThread uses) makes the JDK open its
     * I/O pollers, descriptors it keeps for the life of the process: open them before the
     * extension's descriptor snapshot, so that the check sees only what the test leaks.
     */
    @BeforeAll
    static void warmUpVirtualThreadPollers() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() * 2; i++) {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            // A writer that fills the socket buffer parks on the write poller; its reader parks
            // on the read poller; several pairs run at once to reach every carrier's pollers.
            threads.add(Thread.ofVirtual().start(() -> {
                try (listener; Socket a = listener.accept()) {
                    a.getOutputStream().write(new byte[4 << 20]);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket c = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                    c.setSoTimeout(30_000);
                    c.getInputStream().readNBytes(4 << 20);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void resetAfter(int port, String head, int sendBytes, int readBytes) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] piece = Pattern.bytes(0, 64 * 1024);
            for (int sent = 0; sent < sendBytes; sent += piece.length) {
                out.write(piece);
            }
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            for (int got = 0; got < readBytes; ) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new AssertionError("server closed after " + got + " bytes");
                }
                got += n;
            }
            s.setSoLinger(true, 0);
        }
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void resetsMidUploadAndMidDownloadLeaveNothingBehind(LoopHarness h) {
        h.runBounded(() -> {
            try (LogCapture log = LogCapture.start()) {
                resets(log);
            }
        });
    }

    private static void resets(LogCapture log) throws Exception {
        {
            InteropApp app = new InteropApp();
            HttpServer server = HttpServer.start(app, CurlInteropTest.LOCAL);
            int baseline = Asyncio.allTasks().size();
            try {
                List<String> heads = List.of(
                        "POST /digest HTTP/1.1\r\nHost: r\r\nContent-Length: " + (16 * BEFORE_RESET) + "\r\n\r\n",
                        "POST /digest HTTP/1.1\r\nHost: r\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n");
                for (String head : heads) {
                    Asyncio.toThread(() -> {
                        resetAfter(server.port(), head, BEFORE_RESET, 0);
                        return null;
                    });
                    settle(server, baseline, head);
                }
                // Mid-download: the producer is writing (and draining) when the reset comes.
                Asyncio.toThread(() -> {
                    resetAfter(server.port(), "GET /bytes?n=1073741824 HTTP/1.1\r\nHost: r\r\n\r\n", 0, BEFORE_RESET);
                    return null;
                });
                settle(server, baseline, "download");
                // The producer stops at its first write after the send failed, not after writing the
                // whole 1 GiB into a transport that is only closing (16,384 pieces).
                assertTrue(app.lastBytesPieces < 1024, "pieces written: " + app.lastBytesPieces);
                // A client going away is not a server error, and nothing was written after the failure.
                assertEquals(List.of(), log.messages().stream()
                        .filter(m -> m.contains("Error writing") || m.contains("socket.send() raised")).toList());
                assertEquals(3, server.statistics().requests(), "every reset request reached the handler");
                // The server still serves.
                String hello = Asyncio.toThread(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                        s.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: r\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    }
                });
                assertTrue(hello.endsWith("Hello, World!"), hello);
            } finally {
                server.close();
            }
        }
    }

    /** Waits until the server has no connection and no request left and the task count is back. */
    private static void settle(HttpServer server, int baselineTasks, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (server.statistics().connections() > 0 || server.statistics().activeRequests() > 0
                || Asyncio.allTasks().size() > baselineTasks) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still " + server.statistics() + ", tasks " + Asyncio.allTasks()
                        + " (baseline " + baselineTasks + ") after " + SETTLE);
            }
            Asyncio.sleep(Duration.ofMillis(5));
        }
    }
}
