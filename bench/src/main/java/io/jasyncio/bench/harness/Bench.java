package io.jasyncio.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ./jasyncio bench} command: runs each workload on jasyncio and on each available
 * peer in turn, for several rounds, prints the comparison table and writes the report.
 *
 * <p>Exit status 0 when every run of every available runtime produced a result, 1 when one
 * failed, 2 on a usage error.
 */
public final class Bench {
    /*
     * Implementation notes.
     *
     * Order within a workload is round-major: round 1 runs jasyncio, asyncio, uvloop, virtual
     * threads, then round 2 the same, so slow drift of a shared machine (another build, thermal
     * state) lands on every runtime alike instead of on whichever ran last. Each run is its own
     * process: no JIT profile, heap state or allocator state crosses from one runtime to the next.
     */

    private Bench() {
    }

    /**
     * Runs the bench command with {@code args} ({@link Options#USAGE}); exits with the status
     * described on the class.
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.list()) {
            for (Workload w : Workloads.ALL) {
                System.out.printf("%-16s %s%n", w.name(), w.description());
            }
            return;
        }
        Outcome outcome = execute(options);
        System.out.print(outcome.table());
        System.out.println("\nreport written to " + options.out());
        System.exit(outcome.failures().isEmpty() ? 0 : 1);
    }

    /**
     * What one bench run produced.
     *
     * @param results every workload's runs
     * @param peers which runtimes could run, and why not
     * @param table the comparison table as printed
     * @param document the report as written
     */
    record Outcome(List<WorkloadResult> results, Map<Contender, Availability> peers, String table, String document) {
        /** The runs that failed, over all workloads. */
        List<Measurement> failures() {
            return results.stream().flatMap(r -> r.failures().stream()).toList();
        }
    }

    /** Runs the workloads {@code options} selects, writes the report to {@code options.out()}. */
    static Outcome execute(Options options) {
        ZonedDateTime started = ZonedDateTime.now();
        Map<Contender, Availability> peers = Peers.probe(options.python(), options.install(),
                options.workloads().stream().anyMatch(w -> w.http() || w.httpClient()),
                options.workloads().stream().anyMatch(Workload::files));
        Env env = environment(options);
        JvmProbes.probe(env, options.workloads(), peers);
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : options.workloads()) {
            Size size = options.sizeOf(w);
            Map<Contender, List<Measurement>> runs = new EnumMap<>(Contender.class);
            for (int round = 1; round <= options.rounds(); round++) {
                for (Runner runner : w.runners()) {
                    Contender c = runner.contender();
                    if (!runner.availability(peers).available()) {
                        continue;
                    }
                    Measurement m = runner.run(env, w, size);
                    runs.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                    System.err.printf("bench: %s round %d/%d, %s: %s%n", w.name(), round, options.rounds(), c.label,
                            !m.ok() ? "FAILED " + m.error() : options.smoke() ? Report.SMOKE_CELL
                                    : w.metric().format(m.number(w.metric().field())));
                }
            }
            results.add(new WorkloadResult(w, size, runs));
        }
        String table = Report.table(results, peers, options.rounds(), options.smoke());
        String document = Report.document(results, peers, options, env, MachineFacts.collect(peers), started);
        write(options.out(), document);
        return new Outcome(results, peers, table, document);
    }

    static Env environment(Options options) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        boolean taskset = Commands.run(List.of("taskset", "-c", "0", "true"), 10).ok();
        return new Env(java, classpath(), options.jvmFlags(), options.python(), options.benchDir(), taskset,
                options.smoke() ? 120 : 1800, NettyJars.classpath());
    }

    /**
     * jasyncio core, its http module, the bench programs and the uring module (issue 11's loop),
     * wherever this JVM loaded them from. The uring module is found by its class-path entry
     * rather than by a class of it, so that the class path is right before the module has any.
     */
    static String classpath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(io.jasyncio.Asyncio.class, io.jasyncio.http.Headers.class, io.jasyncio.bench.BenchReport.class)) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + c, e);
            }
        }
        uringEntries(System.getProperty("java.class.path", "")).stream().filter(e -> !parts.contains(e)).forEach(parts::add);
        return String.join(java.io.File.pathSeparator, parts);
    }

    /** The entries of {@code classPath} that hold the jasyncio-uring module: its classes directory or its jar. */
    static List<String> uringEntries(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)))
                .filter(e -> !e.isEmpty())
                .filter(e -> e.replace('\\', '/').endsWith("uring/target/classes")
                        || Path.of(e).getFileName() != null
                        && Path.of(e).getFileName().toString().matches("jasyncio-uring-.*\\.jar"))
                .distinct()
                .toList();
    }

    private static void write(Path out, String document) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, document);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the report to " + out, e);
        }
    }
}
