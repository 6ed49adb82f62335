package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The peers themselves, with raw blocking sockets (no jasyncio client): nginx serves what its
 * fixture promises (a length, chunked, gzip, the keep-alive cap), the aiohttp script starts and
 * stops, and a connect to {@link FullBacklog} hangs. If these fail, the client tests that use
 * the fixtures would fail for the wrong reason.
 */
class FixturesTest {
    /** A request's raw response: everything until the server closes or {@code timeoutMs} of silence. */
    private static String exchange(int port, String requests, int timeoutMs) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[65536];
            try {
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException silence) {
                // the server keeps the connection open: what came so far is the answer
            }
            return sb.toString();
        }
    }

    private static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void nginxServesStaticChunkedGzipAndCapsKeepAlive() throws IOException {
        NginxFixture.assumeInstalled();
        try (NginxFixture nginx = NginxFixture.start()) {
            String small = exchange(nginx.port(), get("/static/small.txt", ""), 500);
            assertTrue(small.startsWith("HTTP/1.1 200"), small);
            assertTrue(small.contains("Content-Length: " + NginxFixture.SMALL.length()), small);
            assertTrue(small.endsWith(NginxFixture.SMALL), small);

            String chunked = exchange(nginx.port(), get("/chunked/lines.html", ""), 1000);
            assertTrue(chunked.contains("Transfer-Encoding: chunked"), chunked.substring(0, 300));

            String gzip = exchange(nginx.port(), get("/static/big.txt", "Accept-Encoding: gzip\r\n"), 1000);
            assertTrue(gzip.contains("Content-Encoding: gzip"), gzip.substring(0, 300));

            String six = get("/static/small.txt", "").repeat(6);
            String capped = exchange(nginx.limitedPort(), six, 2000);
            int answers = capped.split("HTTP/1.1 200", -1).length - 1;
            assertEquals(NginxFixture.KEEPALIVE_REQUESTS, answers, "keepalive_requests caps the connection");
            assertTrue(capped.contains("Connection: close"), "the last answer says close");
        }
    }

    @Test
    void nginxThatCannotListenFailsTheStartWithItsErrorLog() throws IOException {
        NginxFixture.assumeInstalled();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> NginxFixture.start(taken.getLocalPort(), PeerPorts.free()));
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        }
    }

    @Test
    void aiohttpScriptStartsAndStops() throws Exception {
        AiohttpFixture.assumeInstalled();
        try (AiohttpFixture aiohttp = AiohttpFixture.start()) {
            String hello = exchange(aiohttp.port(), get("/hello", "Connection: close\r\n"), 5000);
            assertTrue(hello.startsWith("HTTP/1.1 200") && hello.endsWith("Hello, World!"), hello);
        }
    }

    @Test
    void aConnectToAFullBacklogHangs() throws IOException {
        try (FullBacklog backlog = FullBacklog.open(); Socket s = new Socket()) {
            assertThrows(SocketTimeoutException.class,
                    () -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backlog.port()), 300));
        }
    }
}
