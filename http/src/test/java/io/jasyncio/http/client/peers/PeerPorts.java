package io.jasyncio.http.client.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Process plumbing shared by the peer fixtures (nginx, the aiohttp server): a free port, waiting
 * until a child listens, stopping it with its descendants, deleting its directory. Blocking:
 * called from platform threads (a test class's {@code @BeforeAll}/{@code @AfterAll}), never
 * from a loop.
 */
final class PeerPorts {
    private PeerPorts() {
    }

    /** A 127.0.0.1 port nobody listens on right now. */
    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Connects to 127.0.0.1:{@code port} until it accepts, at most {@code seconds}.
     *
     * @param log what the child said so far, for the failure message
     * @throws IOException if the child exits first or never listens
     */
    static void awaitListening(Process child, int port, long seconds, Supplier<String> log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            if (!child.isAlive()) {
                throw new IOException("the peer exited with status " + child.exitValue() + " before listening on "
                        + port + log.get());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the peer did not listen on " + port + " within " + seconds + " s" + log.get());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for port " + port, e);
            }
        }
    }

    /** TERM to {@code p} and its descendants, KILL to what lingers after 10 s; waits until all are gone. */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.addFirst(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                tree.forEach(ProcessHandle::destroyForcibly);
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The JDK keeps the child's stream handles open until closed.
        closeQuietly(p);
    }

    private static void closeQuietly(Process p) {
        try {
            p.getInputStream().close();
            p.getErrorStream().close();
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone with the process
        }
    }

    /** Deletes {@code dir} and everything under it; a leftover temp directory is not a failure. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
