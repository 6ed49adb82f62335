package io.jasyncio.bench.harness;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    static final List<Contender> PEERS = List.of(Contender.ASYNCIO, Contender.UVLOOP, Contender.VIRTUAL_THREADS);

    private Report() {
    }

    /** The comparison table with its legend and the list of peers that could not be measured. */
    static String table(List<WorkloadResult> results, Map<Contender, Availability> peers, int rounds) {
        List<Contender> columns = PEERS.stream()
                .filter(p -> results.stream().anyMatch(r -> hasRunner(r.workload(), p)))
                .toList();
        List<String> head = new ArrayList<>(List.of("workload", "N", "jasyncio"));
        for (Contender p : columns) {
            head.add(p.label);
            head.add(p.label + " ÷ jasyncio");
        }
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            Metric metric = r.workload().metric();
            Double mine = r.median(Contender.JASYNCIO);
            List<String> row = new ArrayList<>(List.of(r.workload().name(),
                    String.format(Locale.ROOT, "%,d", r.size().n()), cell(r, Contender.JASYNCIO, peers)));
            for (Contender p : columns) {
                row.add(cell(r, p, peers));
                Double theirs = r.median(p);
                row.add(mine == null || theirs == null ? "—" : metric.ratio(theirs, mine));
            }
            rows.add(row);
        }
        StringBuilder sb = new StringBuilder(markdownTable(head, rows));
        sb.append('\n')
                .append("Each cell is the median of ").append(rounds).append(rounds == 1 ? " run" : " runs")
                .append(", each run its own process, runtimes taken in turn (jasyncio, then each peer, then again).\n")
                .append("Lower is better for every metric (seconds; sleeps: ms of overshoot; suspended: heap bytes per task).\n")
                .append("Ratio = peer's median ÷ jasyncio's median, so above 1 jasyncio is ahead: \"24.1x (jasyncio faster)\"\n")
                .append("means the peer took 24.1 times as long as jasyncio; \"0.80x (jasyncio slower)\" means the peer took 0.8 times as long.\n");
        for (Contender p : columns) {
            Availability a = peers.get(p);
            if (a != null && !a.available()) {
                sb.append("\n**").append(p.label).append(" not measured**: ").append(a.reason()).append('\n');
            }
        }
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
            sb.append("\n**Smoke run**: tiny sizes, one round, small heap. It checks that every program runs; its numbers mean nothing.\n");
        } else if (options.size() > 0) {
            sb.append("\nResized run (`--size ").append(options.size()).append("`): issue 5's targets are judged only at full size.\n");
        }
        sb.append('\n').append(table(results, peers, options.rounds()));
        if (options.judgesTargets()) {
            sb.append("\n## Targets (issue 5)\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (WorkloadResult r : results) {
                for (Target t : r.workload().targets()) {
                    rows.add(List.of(r.workload().name(), t.describe(r.workload().metric()), t.verdict(r.medians())));
                }
            }
            sb.append(markdownTable(List.of("workload", "target", "result"), rows));
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
                    .map(m -> m.ok() ? r.workload().metric().format(m.number(r.workload().metric().field())) : "FAILED")
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
        if (!hasRunner(r.workload(), c)) {
            return "—";
        }
        Availability a = peers.get(c);
        if (a != null && !a.available()) {
            return "not available";
        }
        Double m = r.median(c);
        if (m == null) {
            return r.runs().containsKey(c) ? "FAILED" : "—";
        }
        return r.workload().metric().format(m);
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
