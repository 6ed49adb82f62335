package io.jasyncio.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process's open file descriptors, read from {@code /proc/self/fd}: a snapshot before a
 * network test and a check after it that nothing is left open. Linux only; elsewhere
 * {@link #isSupported()} is false and the check passes.
 *
 * {@snippet :
 * FileDescriptors before = FileDescriptors.snapshot();
 * ... open and close sockets ...
 * before.assertNoLeak();
 * }
 *
 * <p>Other threads of the JVM (the JIT, class loading, a worker finishing a DNS lookup) open
 * descriptors too, and the JDK closes a socket's descriptor only when its selector deregisters
 * it; so the check retries a few times after a garbage collection and a short settle before it
 * fails, and only counts descriptors that are new (by number and target).
 */
public final class FileDescriptors {
    private static final Path DIR = Path.of("/proc/self/fd");
    /** How many times the check looks again before it calls a new descriptor a leak. */
    private static final int ATTEMPTS = 10;
    /** The pause between looks; generous, as other tests' threads may be winding down. */
    private static final Duration SETTLE = Duration.ofMillis(50);

    private final Map<String, String> open;

    static {
        warmUp();
    }

    private FileDescriptors(Map<String, String> open) {
        this.open = open;
    }

    /**
     * Makes the JDK open the descriptors it keeps for the life of the process, so that a
     * snapshot taken before the first network test already holds them: NIO creates one socket
     * the first time it closes a channel registered with a selector (to "pre-close" it), the
     * selector and socket machinery load their native state on first use, and SecureRandom
     * opens the random devices.
     */
    private static void warmUp() {
        // SecureRandom (temporary file names, TLS) keeps /dev/random and /dev/urandom open once used.
        new java.security.SecureRandom().nextBytes(new byte[8]);
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open();
                java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()) {
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
            client.configureBlocking(false);
            client.register(selector, java.nio.channels.SelectionKey.OP_READ);
            java.nio.channels.SocketChannel accepted = server.accept();
            if (accepted != null) {
                accepted.close();
            }
            client.close();
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.source().register(selector, java.nio.channels.SelectionKey.OP_READ);
            pipe.source().close();
            pipe.sink().close();
            selector.selectNow();
        } catch (IOException e) {
            // No sockets here: snapshots still work, a first network test may see a JDK descriptor.
        }
    }

    /** Whether this platform lists descriptors in {@code /proc/self/fd}. */
    public static boolean isSupported() {
        return Files.isDirectory(DIR);
    }

    /** The descriptors open now (empty where {@link #isSupported()} is false). */
    public static FileDescriptors snapshot() {
        Map<String, String> fds = new TreeMap<>();
        if (!isSupported()) {
            return new FileDescriptors(fds);
        }
        String listing;
        try {
            listing = DIR.toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot resolve " + DIR, e);
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(DIR)) {
            for (Path p : dir) {
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    // Closed between listing and reading (the listing's own descriptor, say).
                    continue;
                }
                if (target.equals(listing)) {
                    // The listing's own descriptor: its number varies between snapshots (it
                    // takes the lowest free one), so it would look like a new descriptor.
                    continue;
                }
                fds.put(p.getFileName().toString(), target);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + DIR, e);
        }
        return new FileDescriptors(fds);
    }

    /** How many descriptors the snapshot holds. */
    public int count() {
        return open.size();
    }

    /** The descriptors open in {@code later} but not in this snapshot, as "fd -> target". */
    public List<String> newIn(FileDescriptors later) {
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String> e : later.open.entrySet()) {
            if (!e.getValue().equals(open.get(e.getKey()))) {
                added.add(e.getKey() + " -> " + e.getValue());
            }
        }
        return added;
    }

    /**
     * The descriptors opened since this snapshot and still open after up to ten looks, each
     * after a garbage collection and a 50 ms settle; empty if none.
     */
    public List<String> leaked() {
        List<String> added = newIn(snapshot());
        for (int i = 0; i < ATTEMPTS && !added.isEmpty(); i++) {
            System.gc();
            try {
                Thread.sleep(SETTLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            added = newIn(snapshot());
        }
        return added;
    }

    /**
     * Fails if descriptors opened since this snapshot are still open (see {@link #leaked()}).
     *
     * @throws AssertionError naming each leaked descriptor and what it points to
     */
    public void assertNoLeak() {
        List<String> added = leaked();
        if (!added.isEmpty()) {
            throw new AssertionError(added.size() + " file descriptor(s) leaked: " + added);
        }
    }
}
