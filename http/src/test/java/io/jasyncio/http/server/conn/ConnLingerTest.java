package io.jasyncio.http.server.conn;

import io.jasyncio.Asyncio;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lingering close: when the server answers before the request has all arrived and then
 * closes, the client reads the response and a clean end, and may finish sending: the server
 * drops the rest instead of closing on it, which would reset the connection under the client's
 * writes (and, where the reset overtakes the response, lose it). nginx's lingering_close.
 */
class ConnLingerTest {
    /**
     * Sends {@code head}, then {@code bodyBytes} from another thread while it reads the reply to
     * its end. Platform threads: a virtual thread blocking on a socket would make the JDK open its
     * pollers (epoll descriptors kept for the life of the JVM) inside a test that checks fds.
     */
    private static String sendWhileReading(int port, String head, int bodyBytes) throws Exception {
        return Asyncio.runInExecutor(task -> Thread.ofPlatform().daemon().start(task), () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                IOException[] writeFailure = new IOException[1];
                Thread writer = Thread.ofPlatform().daemon().start(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        writeFailure[0] = e;
                    }
                });
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buf = new byte[4096];
                // A reset instead of the response and a clean end fails here with an IOException.
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
                writer.join();
                // The server read and dropped the rest instead of closing on it (which resets
                // the connection under the client's writes: "Broken pipe" or "Connection reset").
                assertNull(writeFailure[0], () -> "the upload failed: " + writeFailure[0]);
                return got.toString(StandardCharsets.ISO_8859_1);
            }
        }).await();
    }

    @LoopTest(checkFds = true)
    void a413BeforeTheBodyReachesAClientStillUploading(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> {
                // Let the upload fill the buffers first, so that unread bytes are waiting when the
                // server closes: that is when a plain close resets.
                Asyncio.sleep(java.time.Duration.ofMillis(200));
                req.setMaxBody(1024);
                return ConnBodyTest.echo(req); // 413: the declared length is over the limit
            }, ConnBodyTest.LOCAL);
            try {
                String reply = sendWhileReading(server.port(),
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 8388608\r\n\r\n", 8 << 20);
                assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
                assertTrue(reply.contains("Connection: close"), reply);
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(checkFds = true)
    void a431ReachesAClientStillSendingItsHead(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(req -> ConnBodyTest.echo(req), ConnBodyTest.LOCAL);
            try {
                // Header bytes far past the 16 KiB limit, still coming after the server answered.
                String reply = sendWhileReading(server.port(),
                        "GET / HTTP/1.1\r\nHost: a\r\nX-Big: ", 4 << 20);
                assertTrue(reply.startsWith("HTTP/1.1 431 "), reply);
            } finally {
                server.close();
            }
        });
    }
}
