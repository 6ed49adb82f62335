package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts about this machine that a reader needs to weigh the numbers. */
final class MachineFacts {
    private MachineFacts() {
    }

    /** Name to value, in report order. */
    static Map<String, String> collect(Map<Contender, Availability> peers) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("CPU", cpuModel());
        facts.put("kernel", firstLine(Path.of("/proc/sys/kernel/osrelease"), "unknown"));
        facts.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        facts.put("Python", describe(peers.get(Contender.ASYNCIO)));
        facts.put("uvloop", describe(peers.get(Contender.UVLOOP)));
        facts.put("Netty", describe(peers.get(Contender.NETTY)));
        facts.put("Netty io_uring (echo rows)", describe(peers.get(Contender.NETTY_URING)));
        facts.put("jasyncio io_uring loop", describe(peers.get(Contender.JASYNCIO_URING)));
        facts.put("AsyncFile on the io_uring loop (file rows)", describe(peers.get(Contender.URING_FILES)));
        facts.put("aiofiles (file rows)", describe(peers.get(Contender.AIOFILES)));
        facts.put("memory (file rows read from the page cache)", firstLine(Path.of("/proc/meminfo"), "unknown")
                .replaceAll("\\s+", " "));
        facts.put("nginx (HTTP workloads)", describe(peers.get(Contender.NGINX)));
        facts.put("wrk (HTTP workloads)", describe(peers.get(Contender.WRK)));
        facts.put("aiohttp (HTTP workloads)", describe(peers.get(Contender.AIOHTTP)));
        facts.put("C compiler (echo load client)", EchoClient.compilerVersion());
        // other work on the machine (a shared box) shows here: the runs took turns, but not with it
        facts.put("load average (1, 5, 15 min) when the report was written",
                loadAverage(firstLine(Path.of("/proc/loadavg"), "unknown")));
        return facts;
    }

    /** The three load averages of a /proc/loadavg line, or the line itself if it is not one. */
    static String loadAverage(String line) {
        String[] parts = line.strip().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : line;
    }

    private static String describe(Availability a) {
        return a == null ? "not probed" : a.available() ? a.version() : "not available: " + a.reason();
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse(fallback).strip();
        } catch (IOException e) {
            return fallback;
        }
    }

}
