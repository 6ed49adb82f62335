package io.jasyncio.bench;

import io.jasyncio.Asyncio;
import io.jasyncio.EventLoopProvider;
import io.jasyncio.file.AsyncFile;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Which event loop a jasyncio bench program runs on, so that a run meant for the io_uring loop
 * (issue 11) can never report a selector-loop figure under the io_uring name: the program checks
 * the loop it is running on and names its runtime by it.
 */
public final class LoopCheck {
    /** The system property {@link io.jasyncio.LoopKind} selects the loop by. */
    public static final String PROPERTY = "jasyncio.loop";
    /** The io_uring loop's class in module jasyncio-uring. */
    public static final String URING_LOOP_CLASS = "io.jasyncio.uring.UringEventLoop";

    private LoopCheck() {
    }

    /** Whether {@code -Djasyncio.loop=uring} asks for the io_uring loop. */
    public static boolean uringRequested() {
        return "uring".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim());
    }

    /** The runtime name the result line carries: {@code jasyncio-uring} on the io_uring loop, else {@code jasyncio}. */
    public static String runtime() {
        return uringRequested() ? "jasyncio-uring" : "jasyncio";
    }

    /**
     * Called inside the running loop: exits with status 1 and a message if the io_uring loop was
     * asked for and this is not it (a fallback would measure the wrong loop).
     */
    public static void requireRequestedLoop() {
        String running = Asyncio.getRunningLoop().getClass().getName();
        if (uringRequested() && !running.equals(URING_LOOP_CLASS)) {
            System.err.println("error: -Djasyncio.loop=uring asked for the io_uring loop but " + running + " is running");
            System.exit(1);
        }
    }

    /**
     * Why the io_uring loop cannot run in this JVM, or null if it can: no provider named
     * {@code uring} on the class path, the provider's own reason (kernel, sysctl, seccomp,
     * JVM flags), or {@code -Djasyncio.loop=uring} not creating it.
     */
    public static String uringUnavailableReason() {
        EventLoopProvider found = null;
        for (EventLoopProvider p : ServiceLoader.load(EventLoopProvider.class)) {
            if (p.name().equals("uring")) {
                found = p;
            }
        }
        if (found == null) {
            return "no io_uring loop on the class path (no EventLoopProvider named uring: the jasyncio-uring module has no loop yet)";
        }
        String reason = found.unavailableReason();
        if (reason != null) {
            return reason;
        }
        try {
            var loop = io.jasyncio.LoopKind.fromSystemProperty().create();
            String created = loop.getClass().getName();
            loop.close();
            return created.equals(URING_LOOP_CLASS) ? null
                    : "-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + " creates " + created + ", not the io_uring loop";
        } catch (RuntimeException e) {
            return "-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + " does not select the io_uring loop: " + e.getMessage();
        }
    }

    /**
     * Why {@code AsyncFile} on a running io_uring loop would not use the ring, or null if it does:
     * opens a file every JDK has (its {@code release} file) and asks for the backend.
     */
    public static String uringFilesUnavailableReason() {
        Path probe = Path.of(System.getProperty("java.home"), "release");
        String backend = Asyncio.run(() -> {
            try (AsyncFile f = AsyncFile.open(probe)) {
                return f.backend();
            }
        });
        return "io_uring".equals(backend) ? null
                : "AsyncFile on the io_uring loop uses its '" + backend + "' backend, not io_uring (no uring file backend in this build)";
    }

    /**
     * Probe: run with the flags of a uring run ({@code -Djasyncio.loop=uring} among them), prints
     * {@code loop available kernel K} when the io_uring loop runs here, else
     * {@code loop unavailable REASON}; then, when it runs, {@code files available io_uring} or
     * {@code files unavailable REASON} for AsyncFile's backend on it. Exits with status 0 either way.
     */
    public static void main(String[] args) {
        String reason;
        try {
            reason = uringUnavailableReason();
        } catch (LinkageError | RuntimeException e) {
            reason = "probing the io_uring loop failed: " + e;
        }
        System.out.println(reason == null ? "loop available kernel " + System.getProperty("os.version") : "loop unavailable " + reason);
        if (reason != null) {
            return;
        }
        String files;
        try {
            files = uringFilesUnavailableReason();
        } catch (LinkageError | RuntimeException e) {
            files = "opening a file on the io_uring loop failed: " + e;
        }
        System.out.println(files == null ? "files available io_uring" : "files unavailable " + files);
    }
}
