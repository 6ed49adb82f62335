package io.jasyncio.http.server.conn;

import io.jasyncio.http.server.Handler;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.http.server.Lifecycle;
import io.jasyncio.http.server.Request;
import io.jasyncio.http.server.Response;
import io.jasyncio.http.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link HttpServer#runApp}: a child JVM serves until the test sends it SIGINT, then shuts down
 * gracefully (hooks run) and returns normally. A signal needs a process of its own; every wait
 * is bounded.
 */
class ConnRunAppTest {
    private static final long WAIT_SECONDS = 60;

    /** The child: runApp on a free port of 127.0.0.1 with hooks that print. */
    public static final class Child implements Handler, Lifecycle {
        @Override
        public Response handle(Request request) {
            return Response.text("from the child");
        }

        @Override
        public void startup() {
            say("startup");
        }

        @Override
        public void shutdown() {
            say("shutdown");
        }

        @Override
        public void cleanup() {
            say("cleanup");
        }

        private static void say(String line) {
            System.out.println(line);
            System.out.flush();
        }

        /** Serves until Ctrl-C, then says "returned". */
        public static void main(String[] args) {
            HttpServer.runApp(new Child(), ServerConfig.DEFAULTS.withHost("127.0.0.1").withPort(0));
            say("returned");
        }
    }

    @Test
    void runAppServesUntilCtrlCThenShutsDownGracefullyAndReturns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // An ignored SIGINT is inherited and the JVM then refuses to handle it: reset it.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(java, "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("<read failed: " + e + ">");
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            String banner = awaitLine(lines, seen, "======== Running on http://127.0.0.1:");
            int port = Integer.parseInt(banner.replaceAll(".*:(\\d+) =+$", "$1"));
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n") && reply.endsWith("from the child"), reply);
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertTrue(kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the child did not exit: " + seen);
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            lines.drainTo(seen);
            assertEquals(0, p.exitValue(), seen.toString());
            assertEquals(List.of("startup", "shutdown", "cleanup", "returned"),
                    seen.stream().filter(l -> !l.startsWith("=") && !l.startsWith("(")).toList());
        } finally {
            p.destroyForcibly();
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, List<String> seen, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no line '" + prefix + "...' from the child within " + WAIT_SECONDS + " s; saw " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No procfs: assume the default disposition.
        }
        return false;
    }
}
