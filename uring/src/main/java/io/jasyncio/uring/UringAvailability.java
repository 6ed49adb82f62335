package io.jasyncio.uring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether this process can run the io_uring loop, and if not, which cause stops it: probed once
 * (a two-entry ring set up and closed), explained by {@link #reason(Probe)}, a pure function
 * of what the probe saw, so that every cause is testable on any machine.
 */
final class UringAvailability {
    /** The JVM flag the loop's native calls need. */
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";
    /** The JVM flag that lets the loop read a NIO channel's descriptor. */
    static final String EXPORTS_FLAG = "--add-exports java.base/sun.nio.ch=ALL-UNNAMED";
    private static final int SECCOMP_FILTER = 2;
    private static final String SECCOMP_ALLOW = "io_uring_setup, io_uring_enter and io_uring_register";

    private UringAvailability() {
    }

    /**
     * What the probe saw.
     *
     * @param os the os.name property
     * @param nativeAccess whether native access is enabled for this module
     * @param nioExported whether java.base exports sun.nio.ch to this module
     * @param errno io_uring_setup's errno, 0 if it succeeded
     * @param features the IORING_FEAT_* bits of a successful setup
     * @param ioUringDisabled /proc/sys/kernel/io_uring_disabled, -1 if absent (kernels before 6.6)
     * @param seccomp the Seccomp mode of /proc/self/status (0 none, 1 strict, 2 filter), -1 if unknown
     */
    record Probe(String os, boolean nativeAccess, boolean nioExported, int errno, int features,
            int ioUringDisabled, int seccomp) {
    }

    private static final class Cached {
        static final String REASON = reason(probe());
    }

    /** Null when the loop can run here, else the sentence that says why not; probed once. */
    static String reason() {
        return Cached.REASON;
    }

    /** Null if {@code p} shows a usable io_uring, else one sentence naming the cause and its fix. */
    static String reason(Probe p) {
        if (!p.os().toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "io_uring exists only on Linux, and this is " + p.os();
        }
        if (!p.nativeAccess()) {
            return "the io_uring loop makes system calls through java.lang.foreign, and native access is not "
                    + "enabled for it: add " + NATIVE_ACCESS_FLAG + " to the java command (an executable jar: "
                    + "Enable-Native-Access: ALL-UNNAMED in its manifest)";
        }
        if (!p.nioExported()) {
            return "the io_uring loop reads NIO channels' file descriptors through sun.nio.ch, which java.base "
                    + "does not export to it: add " + EXPORTS_FLAG + " to the java command";
        }
        boolean filtered = p.seccomp() == SECCOMP_FILTER;
        switch (p.errno()) {
            case 0 -> {
                if ((p.features() & Uring.IORING_FEAT_EXT_ARG) == 0) {
                    return "this kernel's io_uring lacks IORING_FEAT_EXT_ARG (a timeout on io_uring_enter), "
                            + "which the loop needs: it came in Linux 5.11";
                }
                return null;
            }
            case Syscalls.ENOSYS -> {
                if (filtered) {
                    return "io_uring_setup is blocked by a seccomp filter (it answered ENOSYS, and /proc/self/status "
                            + "shows Seccomp: 2): run with a filter that allows " + SECCOMP_ALLOW;
                }
                return "this kernel has no io_uring (io_uring_setup: ENOSYS): the loop needs Linux 5.11 or later "
                        + "built with CONFIG_IO_URING";
            }
            case Syscalls.EPERM, Syscalls.EACCES -> {
                String err = Errno.describe(p.errno());
                if (p.ioUringDisabled() == 2) {
                    return "io_uring is disabled on this machine by sysctl kernel.io_uring_disabled = 2 "
                            + "(io_uring_setup: " + err + "): set it to 0 to enable it";
                }
                if (p.ioUringDisabled() == 1) {
                    return "io_uring is restricted by sysctl kernel.io_uring_disabled = 1 (io_uring_setup: " + err
                            + "): only processes with CAP_SYS_ADMIN or in the group kernel.io_uring_group may use "
                            + "it; set it to 0, or add this user to that group";
                }
                if (filtered) {
                    return "io_uring_setup is blocked by a seccomp filter (" + err + "), as Docker's default "
                            + "profile does: run with a seccomp profile that allows " + SECCOMP_ALLOW;
                }
                return "io_uring_setup was refused (" + err + ") although neither kernel.io_uring_disabled nor a "
                        + "seccomp filter forbids it: a security module (SELinux, AppArmor) may deny it";
            }
            case Syscalls.ENOMEM -> {
                return "io_uring_setup could not allocate the ring (ENOMEM): before Linux 5.12 ring memory counts "
                        + "against RLIMIT_MEMLOCK (raise it with ulimit -l)";
            }
            default -> {
                return "io_uring_setup failed: " + Errno.describe(p.errno());
            }
        }
    }

    /** Looks at this process: flags, then a real two-entry ring. */
    static Probe probe() {
        String os = System.getProperty("os.name", "unknown");
        Module self = UringAvailability.class.getModule();
        boolean nativeAccess = self.isNativeAccessEnabled();
        boolean exported = Object.class.getModule().isExported("sun.nio.ch", self);
        int disabled = readInt(Path.of("/proc/sys/kernel/io_uring_disabled"));
        int seccomp = seccompMode();
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !nativeAccess) {
            return new Probe(os, nativeAccess, exported, 0, 0, disabled, seccomp);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Syscalls.newCaptureState(arena);
            MemorySegment params = arena.allocate(120, 8);
            int fd = Syscalls.ioUringSetup(state, 2, params);
            if (fd < 0) {
                return new Probe(os, true, exported, -fd, 0, disabled, seccomp);
            }
            int features = params.get(ValueLayout.JAVA_INT, 20);
            Syscalls.close(fd);
            return new Probe(os, true, exported, 0, features, disabled, seccomp);
        }
    }

    private static int readInt(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }

    private static int seccompMode() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Seccomp:")) {
                    return Integer.parseInt(line.substring("Seccomp:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
