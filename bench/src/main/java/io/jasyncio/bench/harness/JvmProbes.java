package io.jasyncio.bench.harness;

import io.jasyncio.bench.LoopCheck;
import io.jasyncio.bench.echo.NettyTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds whether issue 11's two io_uring runtimes can run here, each by a probe process started
 * with exactly the flags and class path its measured runs get: jasyncio on the io_uring loop
 * ({@link LoopCheck}) and Netty's io_uring transport ({@link NettyTransport}). A probe in this
 * JVM would answer for the wrong flags (the harness has no native access) and could not see a
 * kernel, sysctl or seccomp refusal the way the measured process would.
 */
final class JvmProbes {
    private JvmProbes() {
    }

    /** How long a probe JVM may take (a loaded 2-core machine starts a JVM in seconds). */
    static final int PROBE_SECONDS = 60;

    /** The probe command for jasyncio's io_uring loop: the flags of a jasyncio-uring run, a small heap. */
    static List<String> uringCommand(Env env) {
        List<String> cmd = new ArrayList<>(List.of(env.java().toString()));
        cmd.addAll(Env.EXPORTS);
        cmd.addAll(Env.URING_FLAGS);
        cmd.addAll(List.of("-Xmx64m", "-cp", env.classpath(), LoopCheck.class.getName()));
        return cmd;
    }

    /** The probe command for Netty's io_uring transport: the Netty server's flags and class path, a small heap. */
    static List<String> nettyUringCommand(Env env) {
        List<String> cmd = new ArrayList<>(List.of(env.java().toString()));
        cmd.addAll(Env.EXPORTS);
        cmd.addAll(EchoRunner.NETTY_FLAGS);
        cmd.addAll(List.of("-Xmx64m", "-cp", env.nettyClasspath().isEmpty() ? env.classpath()
                        : env.classpath() + java.io.File.pathSeparator + env.nettyClasspath(),
                NettyTransport.class.getName(), NettyTransport.IO_URING.id));
        return cmd;
    }

    /**
     * A probe's answer about {@code topic}: its last line {@code TOPIC available ...} or
     * {@code TOPIC unavailable REASON}; any other output (a JVM that did not start, a timeout)
     * is unavailability with that output. Topics: "" for the Netty probe's bare lines, "loop"
     * and "files" for jasyncio's.
     */
    static Availability parse(String what, String topic, Commands.Output out) {
        String prefix = topic.isEmpty() ? "" : topic + " ";
        List<String> lines = out.output().lines().map(String::strip)
                .filter(l -> l.startsWith(prefix + "available") || l.startsWith(prefix + "unavailable ")).toList();
        String last = lines.isEmpty() ? "" : lines.getLast().substring(prefix.length());
        if (out.ok() && last.startsWith("available")) {
            String rest = last.substring("available".length()).strip();
            return Availability.of(rest.isEmpty() ? "available" : rest);
        }
        if (out.ok() && last.startsWith("unavailable ")) {
            return Availability.missing(last.substring("unavailable ".length()).strip());
        }
        List<String> all = out.output().lines().filter(l -> !l.isBlank()).toList();
        return Availability.missing("the " + what + " probe failed (status " + out.status() + "): "
                + (all.isEmpty() ? "no output" : all.getLast().strip()));
    }

    /**
     * Adds the availability of {@link Contender#JASYNCIO_URING} (and of AsyncFile on it,
     * {@link Contender#URING_FILES}) and {@link Contender#NETTY_URING} to {@code peers}, probing only those some selected workload runs; Netty io_uring is
     * unavailable without probing when the Netty jars are.
     */
    static void probe(Env env, List<Workload> workloads, Map<Contender, Availability> peers) {
        if (runs(workloads, Contender.JASYNCIO_URING)) {
            Commands.Output out = Commands.run(uringCommand(env), PROBE_SECONDS);
            Availability loop = parse("jasyncio io_uring", "loop", out);
            peers.put(Contender.JASYNCIO_URING, loop);
            peers.put(Contender.URING_FILES, loop.available() ? parse("jasyncio io_uring", "files", out) : loop);
        }
        if (runs(workloads, Contender.NETTY_URING)) {
            Availability netty = peers.get(Contender.NETTY);
            peers.put(Contender.NETTY_URING, netty != null && !netty.available() ? netty
                    : versioned(netty, parse("Netty io_uring", "", Commands.run(nettyUringCommand(env), PROBE_SECONDS))));
        }
    }

    private static Availability versioned(Availability netty, Availability probed) {
        return probed.available() && netty != null ? Availability.of(netty.version() + ", io_uring " + probed.version()) : probed;
    }

    private static boolean runs(List<Workload> workloads, Contender c) {
        return workloads.stream().flatMap(w -> w.runners().stream()).anyMatch(r -> r.contender() == c);
    }
}
