package io.jasyncio.bench.harness;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bench command line, parsed.
 *
 * @param workloads the workloads to run, in table order
 * @param smoke tiny sizes, one round, small heap: checks the harness, measures nothing
 * @param rounds measured runs per workload and runtime
 * @param size N for every workload instead of its own, or 0 for the workload's size
 * @param install whether a missing uvloop may be installed with apt-get
 * @param jvmFlags heap and GC flags for every JVM run, jasyncio and virtual threads alike
 * @param out where the report is written
 * @param benchDir the bench/ directory (holds python/ and RESULTS.md)
 * @param python the interpreter for the CPython peers
 * @param list only list the workloads
 * @param args the arguments as given, for the report
 * @param echoSeconds the echo workloads' measured window in seconds, or 0 for theirs
 * @param connections the echo workloads' connection count, or 0 for theirs
 */
record Options(List<Workload> workloads, boolean smoke, int rounds, int size, boolean install,
               List<String> jvmFlags, Path out, Path benchDir, Path python, boolean list, List<String> args,
               double echoSeconds, int connections) {
    /**
     * A large pre-touched heap for real runs, the same for jasyncio and virtual threads: with a
     * million live tasks a small default heap times its own growth and first-touch page faults.
     * Pinned to one core the JVM picks the Serial collector, whose young generation is a third of
     * the heap by default: with -Xms4g the 4M-task spawn (2.4 GB of live tasks for jasyncio,
     * 3.2 GB for virtual threads) was copied by two young collections that took half its time,
     * while 1M tasks fit in eden and were never copied, so the per-task cost "grew" with N
     * because of the collector. A 6 GB young generation (4.8 GB eden) holds every workload's
     * tasks and threads for both runtimes, so no timed part of a workload pays a collection;
     * {@code --jvm-flags} studies the collector instead.
     */
    static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xms8g", "-Xmx8g", "-Xmn6g", "-XX:+AlwaysPreTouch");
    /** Smoke runs start a dozen JVMs; pre-touching gigabytes each time would dominate. */
    static final List<String> SMOKE_JVM_FLAGS = List.of("-Xmx1g");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    static final String USAGE = """
            usage: ./jasyncio bench [OPTIONS] [WORKLOAD...]
              WORKLOAD          one of: %s (default: all)
              --smoke           tiny sizes, one round: checks that everything runs, measures nothing
              --rounds N        measured runs per workload and runtime, taken in turn (default 3)
              --size N          N for every workload instead of its own (e.g. 100000;
                                echo workloads: the message size in bytes; HTTP: connections;
                                http-client: the measured GETs; file-read: the file's MiB;
                                file-small: the number of files)
              --duration S      echo and HTTP workloads: the measured window in seconds (default 10;
                                smoke 1; HTTP rounds it up to whole seconds)
              --connections C   echo and HTTP workloads: connections of the load client (default
                                10 for echo, 100 for HTTP); http-client: requests in flight (100)
              --jvm-flags 'F'   heap/GC flags for jasyncio and virtual-thread JVMs alike
                                (default '%s'; smoke: '%s')
              --no-install      do not apt-get install python3-uvloop (or, for the HTTP and
                                http-client workloads, wrk, nginx, python3-aiohttp; for the file
                                workloads, python3-aiofiles) when missing
              --python PATH     interpreter for the asyncio/uvloop peers (default /usr/bin/python3)
              --out FILE        report file (default bench/RESULTS.md; smoke: bench/target/RESULTS-smoke.md)
              --list            list the workloads and exit
              --help            this text
            ./jasyncio bench --jmh [REGEX] [JMH OPTIONS]
                                the JMH microbenchmarks instead (see bench/README.md)
            Runtimes: jasyncio (selector loop), jasyncio io_uring (-Djasyncio.loop=uring; echo,
            http-hello and file rows), asyncio, uvloop, virtual threads, Netty epoll, Netty io_uring
            (echo and HTTP rows), nginx (HTTP rows); file rows: asyncio = aiofiles, virtual
            threads = FileChannel on virtual threads
            """.formatted(String.join(", ", Workloads.ALL.stream().map(Workload::name).toList()),
            String.join(" ", DEFAULT_JVM_FLAGS), String.join(" ", SMOKE_JVM_FLAGS));

    Options {
        workloads = List.copyOf(workloads);
        jvmFlags = List.copyOf(jvmFlags);
        args = List.copyOf(args);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException on an unknown option or workload, or a missing value
     */
    static Options parse(List<String> args) {
        List<Workload> workloads = new ArrayList<>();
        boolean smoke = false;
        boolean install = true;
        boolean list = false;
        Integer rounds = null;
        int size = 0;
        List<String> jvmFlags = null;
        Path out = null;
        Path benchDir = null;
        Path python = PYTHON;
        double echoSeconds = 0;
        int connections = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--smoke" -> smoke = true;
                case "--no-install" -> install = false;
                case "--list" -> list = true;
                case "--rounds" -> rounds = positive(a, value(args, ++i, a));
                case "--size" -> size = positive(a, value(args, ++i, a));
                case "--jvm-flags" -> jvmFlags = Arrays.stream(value(args, ++i, a).trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList();
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--bench-dir" -> benchDir = Path.of(value(args, ++i, a));
                case "--python" -> python = Path.of(value(args, ++i, a));
                case "--duration" -> echoSeconds = positiveSeconds(a, value(args, ++i, a));
                case "--connections" -> connections = positive(a, value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    Workload w = Workloads.named(a).orElseThrow(() -> new IllegalArgumentException(
                            "unknown workload " + a + "; known: " + Workloads.ALL.stream().map(Workload::name).toList()));
                    if (!workloads.contains(w)) {
                        workloads.add(w);
                    }
                }
            }
        }
        if (workloads.isEmpty()) {
            workloads = Workloads.ALL;
        } else {
            // table order, whatever the order on the command line
            workloads = Workloads.ALL.stream().filter(workloads::contains).toList();
        }
        if (benchDir == null) {
            benchDir = defaultBenchDir();
        }
        if (out == null) {
            out = smoke ? benchDir.resolve("target").resolve("RESULTS-smoke.md") : benchDir.resolve("RESULTS.md");
        }
        return new Options(workloads, smoke, rounds != null ? rounds : smoke ? 1 : 3, size, install,
                jvmFlags != null ? jvmFlags : smoke ? SMOKE_JVM_FLAGS : DEFAULT_JVM_FLAGS,
                out, benchDir.toAbsolutePath().normalize(), python, list, args, echoSeconds, connections);
    }

    /** The size {@code w} runs at under these options. */
    Size sizeOf(Workload w) {
        Size base = smoke ? w.smoke() : w.full();
        if (w.http() && (echoSeconds > 0 || connections > 0)) {
            HttpSize http = HttpSize.of(base);
            if (echoSeconds > 0) {
                http = http.withSeconds(echoSeconds);
            }
            if (connections > 0) {
                http = http.withConnections(connections);
            }
            base = http.toSize();
        } else if (w.httpClient() && connections > 0) {
            ClientSize client = ClientSize.of(base);
            base = new ClientSize(client.requests(), connections, client.warmup()).toSize();
        } else if (w.network() && (echoSeconds > 0 || connections > 0)) {
            EchoSize echo = EchoSize.of(base);
            if (echoSeconds > 0) {
                echo = echo.withSeconds(echoSeconds);
            }
            if (connections > 0) {
                echo = echo.withConnections(connections);
            }
            base = echo.toSize();
        }
        return size > 0 ? base.withN(size) : base;
    }

    /** Whether issue 5's targets apply: full sizes, not smoke, not resized, echo at its own window and connections. */
    boolean judgesTargets() {
        return !smoke && size == 0 && echoSeconds == 0 && connections == 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number: " + value, e);
        }
    }

    private static double positiveSeconds(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(option + " must be positive: " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number of seconds: " + value, e);
        }
    }

    /**
     * bench/ itself: the {@code jasyncio.bench.dir} property (the launcher sets it), else the
     * module directory above the compiled classes (bench/target/classes), else the working directory.
     */
    static Path defaultBenchDir() {
        String prop = System.getProperty("jasyncio.bench.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        try {
            Path classes = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = classes.getParent() == null ? null : classes.getParent().getParent();
            if (module != null && Files.isDirectory(module.resolve("python"))) {
                return module;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
