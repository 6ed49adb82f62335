package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C load client against small blocking echo servers written here: a faithful one, and
 * faulty ones it must catch (wrong bytes, too many bytes, a closed connection). Each run lasts
 * a fraction of a second; the client's own stall and hard timeouts bound the rest.
 */
class EchoClientTest {
    /** A whole client run is a fraction of a second; this bounds a run that went wrong. */
    private static final long CLIENT_BOUND_SECONDS = 60;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private enum Fault { NONE, FLIP_A_BYTE, ONE_BYTE_TOO_MANY, CLOSE }

    /** Serves each connection on a thread of its own: reads what arrives, writes it back (with {@code fault}). */
    private int server(Fault fault) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(listener);
        Thread.ofPlatform().daemon().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    open.add(s);
                    Thread.ofPlatform().daemon().start(() -> serve(s, fault));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return listener.getLocalPort();
    }

    private static void serve(Socket s, Fault fault) {
        byte[] buf = new byte[65536];
        long total = 0;
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (fault == Fault.CLOSE && total > 4096) {
                    return;
                }
                if (fault == Fault.FLIP_A_BYTE && total > 4096) {
                    buf[n - 1] ^= 0x5a;
                }
                out.write(buf, 0, n);
                if (fault == Fault.ONE_BYTE_TOO_MANY && total > 4096) {
                    out.write(buf, 0, 1);
                }
            }
        } catch (IOException e) {
            // the client hung up: the run is over
        }
    }

    private ProcessRunner.Finished client(int port, int size) {
        EchoClient.Built built = EchoClient.build(Options.defaultBenchDir());
        assertTrue(built.ok(), built.error());
        List<String> cmd = List.of(built.binary().toString(), "--port", Integer.toString(port),
                "--pid", Long.toString(ProcessHandle.current().pid()), "--size", Integer.toString(size),
                "--connections", "3", "--seconds", "0.3", "--warmup", "0.05", "--workload", "echo1k", "--runtime", "jasyncio");
        return ProcessRunner.runToEnd(cmd, tmp, CLIENT_BOUND_SECONDS);
    }

    @Test
    void aFaithfulServerGetsAResultLineWithEveryFigure() throws IOException {
        for (int size : List.of(1, 1024, 65536)) {
            ProcessRunner.Finished done = client(server(Fault.NONE), size);
            assertNull(done.error(), done.stderr());
            Map<String, Object> f = ResultLine.parseLast(done.stdout());
            assertEquals("echo1k", f.get("workload"));
            assertEquals("jasyncio", f.get("runtime"));
            assertEquals((double) size, f.get("n"));
            assertEquals(3.0, f.get("connections"));
            assertTrue((Double) f.get("round_trips") >= 1, f.toString());
            assertTrue((Double) f.get("rt_per_s") > 0, f.toString());
            assertTrue((Double) f.get("seconds") > 0.2, f.toString());
            assertTrue((Double) f.get("server_cpu_s") >= 0, f.toString());
            assertTrue((Double) f.get("content_checks") >= 3, f.toString());
            assertTrue((Double) f.get("server_peak_rss_kib") > 0, f.toString());
        }
    }

    @Test
    void aServerThatChangesABytesIsCaught() throws IOException {
        ProcessRunner.Finished done = client(server(Fault.FLIP_A_BYTE), 1024);
        assertNotNull(done.error());
        assertTrue(done.stderr().contains("echoed"), done.stderr());
    }

    @Test
    void aServerThatSendsMoreThanItGotIsCaught() throws IOException {
        ProcessRunner.Finished done = client(server(Fault.ONE_BYTE_TOO_MANY), 1024);
        assertNotNull(done.error());
        assertTrue(done.stderr().contains("bytes back but only"), done.stderr());
    }

    @Test
    void aServerThatHangsUpIsCaught() throws IOException {
        ProcessRunner.Finished done = client(server(Fault.CLOSE), 1024);
        assertNotNull(done.error());
        assertTrue(done.stderr().contains("closed it") || done.stderr().contains("hang-up") || done.stderr().contains("reset"),
                done.stderr());
    }

    @Test
    void noListenerAndBadArgumentsFailWithoutAResultLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessRunner.Finished refused = client(port, 1024);
        assertTrue(refused.error().startsWith("exit status 1"), refused.error());
        assertTrue(refused.stderr().contains("connect"), refused.stderr());
        Path binary = EchoClient.build(Options.defaultBenchDir()).binary();
        ProcessRunner.Finished usage = ProcessRunner.runToEnd(List.of(binary.toString(), "--port", "1"), tmp, CLIENT_BOUND_SECONDS);
        assertTrue(usage.error().startsWith("exit status 2"), usage.error());
        assertEquals("", usage.stdout());
    }

    @Test
    void buildCompilesOnceAndReportsACompilerError() throws IOException {
        Path bench = tmp.resolve("bench");
        Files.createDirectories(bench.resolve("c"));
        Files.copy(Options.defaultBenchDir().resolve(EchoClient.SOURCE), bench.resolve(EchoClient.SOURCE));
        EchoClient.Built first = EchoClient.build(bench);
        assertTrue(first.ok(), first.error());
        assertEquals(bench.resolve("target/echo-client"), first.binary());
        var built = Files.getLastModifiedTime(first.binary());
        assertEquals(built, Files.getLastModifiedTime(EchoClient.build(bench).binary()), "an up-to-date binary is not rebuilt");

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken.resolve("c"));
        Files.writeString(broken.resolve(EchoClient.SOURCE), "int main(void) { return nope; }\n");
        EchoClient.Built failed = EchoClient.build(broken);
        assertFalse(failed.ok());
        assertTrue(failed.error().contains("cannot build the load client"), failed.error());
        assertFalse(EchoClient.build(tmp.resolve("nowhere")).ok());
    }
}
