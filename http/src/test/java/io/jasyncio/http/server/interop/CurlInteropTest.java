package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.conn.TestCertificate;
import io.jasyncio.http.server.ServerConfig;
import io.jasyncio.stream.tls.TlsOptions;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl against the server (issue 9, "tests with real peers"): keep-alive, chunked upload,
 * 100-continue, HEAD, bodies of tens of MiB both ways, and TLS with ALPN.
 */
class CurlInteropTest {
    static final ServerConfig LOCAL = ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0);
    static final int LARGE = 32 << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void needsCurl() {
        Peers.assumeCurl();
    }

    private static List<String> curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Peers.CURL, "--silent", "--show-error", "--max-time", "25"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Path patternFile(String name, int length) throws IOException {
        Path f = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (long off = 0; off < length; off += buf.capacity()) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - off));
                Pattern.fill(off, buf);
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
        return f;
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(f));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long crc(Path f) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(f));
        return crc.getValue();
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void twoUrlsInOneInvocationShareOneConnection(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Peers.Result r = Peers.run(curl("-o", "/dev/null", "-w", "%{http_code} %{num_connects}\\n", base + "/hello",
                        "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\\n", base + "/chunks")).ok();
                assertEquals("200 1\n200 0\n", r.out(), "the second transfer reused the connection");
                assertEquals(2, server.statistics().requests());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void chunkedUploadArrivesWhole(LoopHarness h) throws Exception {
        Path file = patternFile("up.bin", 3 << 20);
        String sum = sha256(file);
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL);
            try {
                Peers.Result r = Peers.run(curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file,
                        "http://127.0.0.1:" + server.port() + "/digest")).ok();
                assertEquals((3 << 20) + " " + sum + " -1", r.out(), "length, digest, and no declared length");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void expectContinueIsAnsweredWhenTheHandlerReadsAndNotWhenItRefuses(LoopHarness h) throws Exception {
        Path file = patternFile("body.bin", 2 << 20);
        String sum = sha256(file);
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Peers.Result read = Peers.run(curl("-v", "-H", "Expect: 100-continue", "--data-binary", "@" + file,
                        base + "/digest")).ok();
                assertTrue(read.err().contains("< HTTP/1.1 100 Continue"), read.err());
                assertEquals((2 << 20) + " " + sum + " " + (2 << 20), read.out());
                Peers.Result refused = Peers.run(curl("-v", "-H", "Expect: 100-continue", "--data-binary", "@" + file,
                        "-o", "/dev/null", "-w", "%{http_code}", base + "/reject")).ok();
                assertEquals("413", refused.out());
                assertFalse(refused.err().contains("100 Continue"), refused.err());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void headGetsTheHeadersOfTheGetAndNoBody(LoopHarness h) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Peers.Result r = Peers.run(curl("-I", base + "/hello", base + "/bytes?n=1000")).ok();
                String[] replies = r.out().split("\r\n\r\n");
                assertEquals(2, replies.length, r.out());
                assertTrue(replies[0].startsWith("HTTP/1.1 200 OK\r\n"), replies[0]);
                assertTrue(replies[0].toLowerCase().contains("\r\ncontent-length: 13"), replies[0]);
                assertTrue(replies[1].toLowerCase().contains("\r\ncontent-length: 1000"), replies[1]);
                assertEquals(2, server.statistics().requests(), "both HEADs on one connection");
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void largeBodiesBothWays(LoopHarness h) throws Exception {
        Path up = patternFile("large.bin", LARGE);
        String upSum = sha256(up);
        Path down = dir.resolve("down.bin");
        Path downChunked = dir.resolve("down-chunked.bin");
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL);
            try {
                String base = "http://127.0.0.1:" + server.port();
                Peers.Result r = Peers.run(curl("--data-binary", "@" + up, base + "/digest")).ok();
                assertEquals(LARGE + " " + upSum + " " + LARGE, r.out());
                r = Peers.run(curl("-o", down.toString(), "-w", "%{size_download}", base + "/bytes?n=" + LARGE)).ok();
                assertEquals(Integer.toString(LARGE), r.out());
                r = Peers.run(curl("-o", downChunked.toString(), "-w", "%{size_download}",
                        base + "/bytes?chunked=1&n=" + (LARGE / 4))).ok();
                assertEquals(Integer.toString(LARGE / 4), r.out());
            } finally {
                server.close();
            }
        });
        assertEquals(Pattern.crc(LARGE), crc(down));
        assertEquals(Pattern.crc(LARGE / 4), crc(downChunked));
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void tlsWithAlpnHttp11AndKeepAlive(LoopHarness h) throws Exception {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), LOCAL.withTls(TlsOptions.server(TestCertificate.server())));
            try {
                String base = "https://localhost:" + server.port();
                // Without --http1.1 curl offers h2 and http/1.1: the server must pick http/1.1.
                Peers.Result r = Peers.run(curl("-v", "--cacert", TestCertificate.pemFile().toString(),
                        "-w", " %{http_version} %{num_connects}\\n", base + "/hello", base + "/hello")).ok();
                assertEquals("Hello, World! 1.1 1\nHello, World! 1.1 0\n", r.out());
                assertTrue(r.err().matches("(?s).*ALPN.*offers h2.*") || r.err().contains("ALPN: offers h2"), r.err());
                assertTrue(r.err().matches("(?s).*ALPN.{0,20}server accepted.{0,10}http/1\\.1.*"), r.err());
                Peers.Result forced = Peers.run(curl("--http1.1", "--cacert", TestCertificate.pemFile().toString(), base + "/chunks")).ok();
                assertTrue(forced.out().startsWith("line 0\n") && forced.out().endsWith("line 9\n"), forced.out());
                Peers.Result untrusted = Peers.run(curl(base + "/hello"));
                assertEquals(60, untrusted.exit(), "curl refuses the self-signed certificate without --cacert: " + untrusted.err());
            } finally {
                server.close();
            }
        });
    }
}
