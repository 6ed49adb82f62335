package io.jasyncio.bench.harness;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a bench run as Markdown: the comparison table (also what the terminal shows), then the
 * targets, the machine, the exact commands and every single run.
 */
final class Report {
    /** The peers, in column order. */
    static final List<Contender> PEERS = List.of(Contender.ASYNCIO, Contender.UVLOOP, Contender.VIRTUAL_THREADS,
            Contender.NETTY, Contender.NETTY_URING, Contender.NGINX);
    /** The columns jasyncio on the io_uring loop is compared with in its own table: jasyncio on the selector loop, then the peers. */
    static final List<Contender> URING_COLUMNS = java.util.stream.Stream.concat(java.util.stream.Stream.of(Contender.JASYNCIO),
            PEERS.stream()).toList();

    private Report() {
    }

    /** What a smoke run shows in place of a figure: it checked that the program ran, and measured nothing. */
    static final String SMOKE_CELL = "ran";

    /** The comparison table with its legend and the list of peers that could not be measured. */
    static String table(List<WorkloadResult> results, Map<Contender, Availability> peers, int rounds) {
        return table(results, peers, rounds, false);
    }

    /**
     * The comparison table with its legend and the list of peers that could not be measured; a
     * {@code smoke} table says only which programs ran, without figures or ratios, so that no
     * smoke output can be taken for a result.
     */
    static String table(List<WorkloadResult> results, Map<Contender, Availability> peers, int rounds, boolean smoke) {
        if (smoke) {
            return smokeTable(results, peers);
        }
        StringBuilder sb = new StringBuilder(comparison(results, peers, Contender.JASYNCIO, PEERS));
        List<WorkloadResult> uring = results.stream().filter(r -> hasRunner(r.workload(), Contender.JASYNCIO_URING)).toList();
        if (!uring.isEmpty()) {
            sb.append("\njasyncio on the io_uring loop (issue 11), the same programs with -Djasyncio.loop=uring, against jasyncio on the\n")
                    .append("selector loop and the peers:\n\n")
                    .append(comparison(uring, peers, Contender.JASYNCIO_URING, URING_COLUMNS));
        }
        sb.append('\n')
                .append("Each cell is the median of ").append(rounds).append(rounds == 1 ? " run" : " runs")
                .append(", each run its own process, runtimes taken in turn (jasyncio, then each peer, then again).\n")
                .append("Lower is better (seconds; sleeps: ms of overshoot; suspended: heap bytes per task; echo: server CPU µs per round trip;\n")
                .append("HTTP: server CPU µs per request), except round trips and requests per second (rt/s, req/s), where higher is better.\n")
                .append("\"jasyncio vs peer\" = how many times better jasyncio is: the peer's median ÷ jasyncio's (jasyncio's ÷ the peer's for rt/s),\n")
                .append("so above 1 jasyncio is ahead: \"24.1x (jasyncio faster)\" means the peer took 24.1 times as long as jasyncio;\n")
                .append("\"0.80x (jasyncio slower)\" means the peer took 0.8 times as long.\n");
        if (results.stream().anyMatch(r -> r.workload().http())) {
            sb.append("HTTP rows compare the server's CPU µs per request (first figure; requests/s second; wrk, one thread, on the\n")
                    .append("other core). In HTTP rows the columns are servers: asyncio = aiohttp on asyncio's loop, uvloop = aiohttp on\n")
                    .append("uvloop, virtual threads = the JDK's com.sun.net.httpserver.HttpServer with a virtual thread per request,\n")
                    .append("Netty epoll = Netty's HttpServerCodec (one event loop), Netty io_uring = the same on Netty's io_uring transport,\n")
                    .append("nginx = nginx with one worker; http-hello also runs jasyncio's server on the io_uring loop.\n");
        }
        if (results.stream().anyMatch(r -> r.workload().httpClient())) {
            sb.append("The http-client row compares clients (requests/s, higher is better) against one nginx: asyncio = aiohttp's\n")
                    .append("ClientSession on asyncio's loop, uvloop = the same on uvloop, virtual threads = the JDK's java.net.http.HttpClient\n")
                    .append("with a virtual thread per request in flight, Netty epoll = Netty's HttpClientCodec on one event loop (no pool).\n");
        }
        if (results.stream().anyMatch(r -> r.workload().files())) {
            sb.append("File rows compare wall seconds (lower is better) of the same work: open, read, checksum (CRC-32), close; in file\n")
                    .append("rows asyncio = aiofiles on asyncio's loop (its thread pool), virtual threads = plain FileChannel on virtual\n")
                    .append("threads, jasyncio = AsyncFile on the selector loop (virtual threads) and on the io_uring loop (the ring).\n")
                    .append("The page cache is warm: the harness reads the whole data set once before the first run.\n");
        }
        if (results.stream().anyMatch(r -> r.workload().network() && !r.workload().http())) {
            sb.append("Echo rows compare the first figure of each cell (the second is shown too): server CPU per round trip at 1 KiB,\n")
                    .append("round trips per second at 64 KiB. On 2 cores the load client saturates its own core first, so rt/s is\n")
                    .append("often the client's limit; the server's CPU time per round trip is the figure that tells servers apart.\n");
        }
        sb.append(unavailableNotes(results, peers));
        return sb.toString();
    }

    /**
     * One comparison table: {@code subject}'s cell, then for each of {@code candidates} that some
     * workload runs, its cell and how many times better {@code subject} is.
     */
    static String comparison(List<WorkloadResult> results, Map<Contender, Availability> peers, Contender subject,
                             List<Contender> candidates) {
        List<Contender> columns = candidates.stream()
                .filter(p -> results.stream().anyMatch(r -> hasRunner(r.workload(), p)))
                .toList();
        List<String> head = new ArrayList<>(List.of("workload", "N", subject.label));
        for (Contender p : columns) {
            head.add(p.label);
            head.add(subject.label + " vs " + p.label);
        }
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            Metric metric = r.workload().metric();
            Double mine = r.median(subject);
            List<String> row = new ArrayList<>(List.of(r.workload().name(),
                    String.format(Locale.ROOT, "%,d", r.size().n()), cell(r, subject, peers)));
            for (Contender p : columns) {
                row.add(cell(r, p, peers));
                Double theirs = r.median(p);
                row.add(mine == null || theirs == null ? "—" : metric.ratio(theirs, mine));
            }
            rows.add(row);
        }
        return markdownTable(head, rows);
    }

    private static String smokeTable(List<WorkloadResult> results, Map<Contender, Availability> peers) {
        List<Contender> columns = java.util.stream.Stream.concat(java.util.stream.Stream.of(Contender.JASYNCIO_URING), PEERS.stream())
                .filter(p -> results.stream().anyMatch(r -> hasRunner(r.workload(), p)))
                .toList();
        List<String> head = new ArrayList<>(List.of("workload", "N", "jasyncio"));
        columns.forEach(p -> head.add(p.label));
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            List<String> row = new ArrayList<>(List.of(r.workload().name(),
                    String.format(Locale.ROOT, "%,d", r.size().n()), smokeCell(r, Contender.JASYNCIO, peers)));
            columns.forEach(p -> row.add(smokeCell(r, p, peers)));
            rows.add(row);
        }
        return "Smoke run: tiny sizes, one run each. \"" + SMOKE_CELL + "\" means the program ran and its result check passed;\n"
                + "nothing was measured (run ./jasyncio bench without --smoke for figures).\n\n"
                + markdownTable(head, rows) + unavailableNotes(results, peers);
    }

    private static String smokeCell(WorkloadResult r, Contender c, Map<Contender, Availability> peers) {
        String cell = cell(r, c, peers);
        return r.median(c) != null ? SMOKE_CELL : cell;
    }

    /**
     * One line per runtime that could not be measured, with the reason: "**uvloop not
     * measured**: ..." when the whole runtime is missing, with the workloads named when only
     * some of its programs are (a server not written yet).
     */
    private static String unavailableNotes(List<WorkloadResult> results, Map<Contender, Availability> peers) {
        Map<String, List<String>> byNote = new LinkedHashMap<>();
        for (Contender c : Contender.values()) {
            for (WorkloadResult r : results) {
                for (Runner runner : r.workload().runners()) {
                    Availability a = runner.contender() == c ? runner.availability(peers) : null;
                    if (a == null || a.available()) {
                        continue;
                    }
                    Availability whole = peers.get(c);
                    String key = c.label + "\u0000" + a.reason();
                    List<String> names = byNote.computeIfAbsent(key, k -> new ArrayList<>());
                    if (whole != null && whole.available()) {
                        names.add(r.workload().name());
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        byNote.forEach((key, names) -> {
            String[] parts = key.split("\u0000", 2);
            sb.append("\n**").append(parts[0]).append(" not measured");
            if (!names.isEmpty()) {
                sb.append(" in ").append(String.join(", ", names));
            }
            sb.append("**: ").append(parts[1]).append('\n');
        });
        return sb.toString();
    }

    /** The whole RESULTS.md. */
    static String document(List<WorkloadResult> results, Map<Contender, Availability> peers, Options options,
                           Env env, Map<String, String> facts, ZonedDateTime started) {
        StringBuilder sb = new StringBuilder();
        sb.append("# jasyncio benchmark results\n\n");
        sb.append("Measured ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" by `")
                .append(invocation(options)).append("`.\n");
        if (options.smoke()) {
            sb.append("\n**Smoke run**: tiny sizes, one round, small heap. It checks that every program runs and checks its own result; it measures nothing, so no figure is shown.\n");
        } else if (options.size() > 0) {
            sb.append("\nResized run (`--size ").append(options.size()).append("`): the targets are judged only at full size.\n");
        }
        sb.append('\n').append(table(results, peers, options.rounds(), options.smoke()));
        if (options.judgesTargets()) {
            String issues = issues(results);
            sb.append("\n## Targets (").append(issues.contains(" ") ? "issues " : "issue ").append(issues).append(")\n\n")
                    .append(targets(results));
        }
        sb.append("\n## Machine\n\n");
        facts.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\n## How it was run\n\n");
        sb.append("- Harness: `").append(invocation(options)).append("` (from the repository root).\n");
        sb.append("- JVM flags, the same for jasyncio and virtual threads: `")
                .append(String.join(" ", Env.EXPORTS)).append(' ').append(String.join(" ", env.jvmFlags())).append("`");
        sb.append("; one-core workloads add `").append(String.join(" ", Env.ONE_CARRIER)).append("` to both.\n");
        sb.append("- One-core workloads are ").append(env.taskset() ? "pinned with `taskset -c 0`" : "NOT pinned (no taskset here)")
                .append(". Python peers run as `").append(env.python()).append(" -E -s`.\n");
        sb.append("- Every measured run is a separate process that times only its own work (not start-up) and prints one JSON result line.\n");
        if (results.stream().anyMatch(r -> r.workload().http())) {
            sb.append("- HTTP workloads: each server is its own process, ")
                    .append(EchoRunner.pinned(env) ? "pinned with `taskset -c " + HttpRunner.SERVER_CORE + "`, wrk with `taskset -c "
                            + HttpRunner.LOAD_CORE + "`" : "NOT pinned (no taskset or fewer than 2 cores)")
                    .append("; each run checks one response (status, Content-Type, the exact body), runs wrk for the warm-up, then ")
                    .append("samples the server's utime+stime (/proc/PID/stat of the server and its descendants, in clock ticks) ")
                    .append("right before and right after the measured wrk run; CPU per request = that CPU time / the requests wrk ")
                    .append("completed. A run with any wrk socket error or error status fails. Java servers get the JVM flags above; ")
                    .append("Netty also `").append(String.join(" ", EchoRunner.NETTY_FLAGS)).append("`, the JDK HttpServer `")
                    .append(String.join(" ", Env.ONE_CARRIER)).append("`.\n");
        }
        if (results.stream().anyMatch(r -> r.workload().httpClient())) {
            sb.append("- http-client: nginx (one worker, a 1 KiB static file, access log off) is started for each run, ")
                    .append(EchoRunner.pinned(env) ? "pinned with `taskset -c " + HttpClientRunner.SERVER_CORE
                            + "`, the client with `taskset -c " + HttpClientRunner.CLIENT_CORE + "`"
                            : "NOT pinned (no taskset or fewer than 2 cores)")
                    .append("; each client program runs its warm-up GETs, then times the measured GETs on the same client, ")
                    .append("checking every status and body length, and prints requests/s; nginx's utime+stime over the client's ")
                    .append("life is recorded as server_cpu_s. Java clients get the JVM flags above; the JDK HttpClient also `")
                    .append(String.join(" ", Env.ONE_CARRIER)).append("`, Netty `").append(String.join(" ", EchoRunner.NETTY_FLAGS))
                    .append("`.\n");
        }
        if (results.stream().anyMatch(r -> r.workload().network() && !r.workload().http())) {
            sb.append("- Echo workloads: each server is its own process, ")
                    .append(EchoRunner.pinned(env) ? "pinned with `taskset -c 1`, the load client with `taskset -c 0`"
                            : "NOT pinned (no taskset or fewer than 2 cores)")
                    .append("; one load client for every server (bench/c/echo_client.c, `").append(String.join(" ", EchoClient.GCC))
                    .append("`), which counts round trips over the window after a warm-up and samples the server's utime+stime ")
                    .append("(/proc/PID/stat, in clock ticks) at the window's two edges. Java servers get the JVM flags above; Netty also `")
                    .append(String.join(" ", EchoRunner.NETTY_FLAGS)).append("`.\n");
        }
        if (results.stream().anyMatch(r -> hasRunner(r.workload(), Contender.JASYNCIO_URING))) {
            sb.append("- jasyncio io_uring: the jasyncio programs unchanged, with `").append(String.join(" ", Env.URING_FLAGS))
                    .append("` after the JVM flags; each checks inside its loop that the io_uring loop runs it (file programs: ")
                    .append("that AsyncFile uses the ring). Availability was probed before the rounds by `java ")
                    .append(String.join(" ", Env.URING_FLAGS)).append(" ... io.jasyncio.bench.LoopCheck`.")
                    .append(" Netty io_uring: the Netty echo server with `--transport io_uring`, probed by `io.jasyncio.bench.echo.NettyTransport io_uring`.\n");
        }
        if (results.stream().anyMatch(r -> r.workload().files())) {
            sb.append("- File workloads: data sets under `bench/target/files` (seeded splitmix64 bytes, each with a manifest of its bytes ")
                    .append("and CRC-32), read once by the harness before the first round (so the page cache is warm for every run) and ")
                    .append("checked; not pinned; every program checks its bytes and CRC-32 against the manifest, and the harness checks ")
                    .append("its result line again.\n");
        }
        sb.append("\nThe commands of one round, from the repository root:\n\n");
        for (WorkloadResult r : results) {
            for (Runner runner : r.workload().runners()) {
                if (r.runs().containsKey(runner.contender())) {
                    sb.append("- ").append(r.workload().name()).append(", ").append(runner.contender().label).append(": `")
                            .append(relative(runner.describe(env, r.workload(), r.size()), env)).append("`\n");
                }
            }
        }
        sb.append("\n## Workloads\n\n");
        for (WorkloadResult r : results) {
            sb.append("- **").append(r.workload().name()).append("**: ").append(r.workload().description())
                    .append(" (compares `").append(r.workload().metric().field()).append("`).\n");
        }
        sb.append("\n## Every run\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            r.runs().forEach((c, ms) -> rows.add(List.of(r.workload().name(), c.label, ms.stream()
                    .map(m -> !m.ok() ? "FAILED" : options.smoke() ? SMOKE_CELL : values(r.workload(), m))
                    .collect(Collectors.joining(", ")))));
        }
        sb.append(markdownTable(List.of("workload", "runtime", "runs in order"), rows));
        List<Measurement> failures = results.stream().flatMap(r -> r.failures().stream()).toList();
        if (!failures.isEmpty()) {
            sb.append("\n## Failures\n\n");
            for (Measurement m : failures) {
                sb.append("- `").append(relative(m.command(), env)).append("`: ").append(m.error()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Every target of the workloads that ran, judged on this run's medians, with the issue that set it. */
    static String targets(List<WorkloadResult> results) {
        Map<String, Map<Contender, Double>> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.workload().name(), r.medians()));
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            for (Target t : r.workload().targets()) {
                rows.add(List.of(r.workload().name(), t.describe(r.workload().metric()), t.issue(),
                        t.verdict(r.workload().metric(), r.medians(), name -> byName.getOrDefault(name, Map.of()))));
            }
        }
        return markdownTable(List.of("workload", "target", "issue", "result"), rows);
    }

    /** The issues whose targets the workloads that ran carry, in order: "5, 8 and 11". */
    static String issues(List<WorkloadResult> results) {
        List<String> numbers = results.stream().flatMap(r -> r.workload().targets().stream())
                .flatMap(t -> java.util.Arrays.stream(t.issue().split(",\\s*")))
                .distinct().sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        if (numbers.size() <= 1) {
            return String.join("", numbers);
        }
        return String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and " + numbers.getLast();
    }

    /** One run's compared value, then those also shown. */
    private static String values(Workload w, Measurement m) {
        StringBuilder sb = new StringBuilder(w.metric().format(m.number(w.metric().field())));
        for (Metric also : w.alsoShown()) {
            sb.append(" · ").append(also.format(m.number(also.field())));
        }
        return sb.toString();
    }

    /** How the harness was invoked, as the launcher spells it. */
    static String invocation(Options options) {
        return ("./jasyncio bench " + Env.shellQuote(options.args())).strip();
    }

    /** {@code command} with the repository root left out, so it reads as run from the root. */
    static String relative(String command, Env env) {
        java.nio.file.Path root = env.benchDir().getParent();
        return root == null ? command : command.replace(root + "/", "");
    }

    private static boolean hasRunner(Workload w, Contender c) {
        return w.runners().stream().anyMatch(r -> r.contender() == c);
    }

    private static String cell(WorkloadResult r, Contender c, Map<Contender, Availability> peers) {
        Runner runner = r.workload().runners().stream().filter(x -> x.contender() == c).findFirst().orElse(null);
        if (runner == null) {
            return "—";
        }
        Availability a = runner.availability(peers);
        if (a != null && !a.available()) {
            return "not available";
        }
        Double m = r.median(c);
        if (m == null) {
            return r.runs().containsKey(c) ? "FAILED" : "—";
        }
        StringBuilder sb = new StringBuilder(r.workload().metric().format(m));
        for (Metric also : r.workload().alsoShown()) {
            Double v = r.median(c, also);
            if (v != null) {
                sb.append(" · ").append(also.format(v));
            }
        }
        return sb.toString();
    }

    /** A Markdown table whose columns are padded to line up in a terminal too. */
    static String markdownTable(List<String> head, List<List<String>> rows) {
        int[] width = new int[head.size()];
        for (int i = 0; i < head.size(); i++) {
            width[i] = Math.max(3, head.get(i).length());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        appendRow(sb, rule, width);
        for (List<String> row : rows) {
            appendRow(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.size(); i++) {
            sb.append(' ').append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(" |");
        }
        sb.append('\n');
    }
}
