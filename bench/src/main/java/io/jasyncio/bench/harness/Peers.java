package io.jasyncio.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which peers this machine can run, and installs uvloop (Debian's python3-uvloop) when it
 * is missing and installing is allowed, for the HTTP workloads wrk, nginx and aiohttp
 * (Debian's wrk, nginx, python3-aiohttp), and for the file workloads aiofiles
 * (python3-aiofiles). jasyncio and virtual threads are always available;
 * Netty when its jars are on the class path ({@link NettyJars}).
 */
final class Peers {
    private Peers() {
    }

    /** The Debian package that provides uvloop for /usr/bin/python3. */
    static final String UVLOOP_PACKAGE = "python3-uvloop";

    /** Debian's packages for the HTTP workloads' tools and peers. */
    static final String WRK_PACKAGE = "wrk";
    static final String NGINX_PACKAGE = "nginx";
    static final String AIOHTTP_PACKAGE = "python3-aiohttp";
    /** Debian's aiofiles, the file workloads' Python peer. */
    static final String AIOFILES_PACKAGE = "python3-aiofiles";

    /** {@link #probe(Path, boolean, boolean)} without the HTTP workloads' installs. */
    static Map<Contender, Availability> probe(Path python, boolean install) {
        return probe(python, install, false);
    }

    /** {@link #probe(Path, boolean, boolean, boolean)} without the file workloads' install. */
    static Map<Contender, Availability> probe(Path python, boolean install, boolean http) {
        return probe(python, install, http, false);
    }

    /**
     * Availability of every contender and tool; may run apt-get when {@code install} is true
     * (wrk, nginx and aiohttp only when {@code http}: HTTP workloads are selected; aiofiles only
     * when {@code files}). The io_uring runtimes are probed later, with the measured runs' flags
     * ({@link JvmProbes}).
     */
    static Map<Contender, Availability> probe(Path python, boolean install, boolean http, boolean files) {
        Map<Contender, Availability> out = new EnumMap<>(Contender.class);
        probeHttp(python, install && http, out);
        Availability aiofiles = aiofiles(python);
        if (!aiofiles.available() && install && files && Files.isExecutable(python)) {
            String failed = install(List.of(AIOFILES_PACKAGE));
            aiofiles = failed == null ? aiofiles(python) : Availability.missing(aiofiles.reason() + "; " + failed);
        }
        out.put(Contender.AIOFILES, aiofiles);
        out.put(Contender.JASYNCIO, Availability.of(System.getProperty("java.runtime.version")));
        out.put(Contender.VIRTUAL_THREADS, Availability.of(System.getProperty("java.runtime.version")));
        out.put(Contender.NETTY, NettyJars.probe(NettyJars.find(System.getProperty("java.class.path", ""))));
        Availability py = python(python);
        out.put(Contender.ASYNCIO, py);
        if (!py.available()) {
            out.put(Contender.UVLOOP, Availability.missing("no usable " + python));
            return out;
        }
        Availability uv = uvloop(python);
        if (!uv.available() && install) {
            uv = installUvloop(python, uv);
        }
        out.put(Contender.UVLOOP, uv);
        return out;
    }

    private static void probeHttp(Path python, boolean install, Map<Contender, Availability> out) {
        Availability wrk = wrk();
        Availability nginx = nginx();
        Availability aiohttp = aiohttp(python);
        List<String> missing = new java.util.ArrayList<>();
        if (!wrk.available()) {
            missing.add(WRK_PACKAGE);
        }
        if (!nginx.available()) {
            missing.add(NGINX_PACKAGE);
        }
        if (!aiohttp.available() && Files.isExecutable(python)) {
            missing.add(AIOHTTP_PACKAGE);
        }
        if (install && !missing.isEmpty()) {
            String failed = install(missing);
            wrk = failed == null ? wrk() : wrk.available() ? wrk : Availability.missing(wrk.reason() + "; " + failed);
            nginx = failed == null ? nginx() : nginx.available() ? nginx : Availability.missing(nginx.reason() + "; " + failed);
            aiohttp = failed == null ? aiohttp(python)
                    : aiohttp.available() ? aiohttp : Availability.missing(aiohttp.reason() + "; " + failed);
        }
        out.put(Contender.WRK, wrk);
        out.put(Contender.NGINX, nginx);
        out.put(Contender.AIOHTTP, aiohttp);
    }

    /** wrk's version line ({@code wrk -v} prints it and exits with status 1). */
    static Availability wrk() {
        var r = Commands.run(List.of("wrk", "-v"), 30);
        String first = r.output().lines().findFirst().orElse("");
        return first.startsWith("wrk ") ? Availability.of(first.strip())
                : Availability.missing("wrk not found (Debian package " + WRK_PACKAGE + ")");
    }

    static Availability nginx() {
        Path nginx = NginxConfig.binary();
        var r = Commands.run(List.of(nginx.toString(), "-v"), 30);
        return r.ok() ? Availability.of(lastLine(r.output()).replace("nginx version: ", ""))
                : Availability.missing("nginx not found (Debian package " + NGINX_PACKAGE + ")");
    }

    static Availability aiohttp(Path python) {
        if (!Files.isExecutable(python)) {
            return Availability.missing(python + " not found");
        }
        var r = Commands.run(List.of(python.toString(), "-E", "-s", "-c", "import aiohttp; print(aiohttp.__version__)"), 30);
        return r.ok() ? Availability.of(r.output())
                : Availability.missing("aiohttp not importable by " + python + " (" + lastLine(r.output()) + ")");
    }

    /** aiofiles' version for {@code python} (the package has no {@code __version__}; its metadata has). */
    static Availability aiofiles(Path python) {
        if (!Files.isExecutable(python)) {
            return Availability.missing(python + " not found");
        }
        var r = Commands.run(List.of(python.toString(), "-E", "-s", "-c",
                "import aiofiles, importlib.metadata as m; print(m.version('aiofiles'))"), 30);
        return r.ok() ? Availability.of(r.output())
                : Availability.missing("aiofiles not importable by " + python + " (" + lastLine(r.output()) + ")");
    }

    /** apt-get installs {@code packages} (as root only); null when it did, else why not. */
    private static String install(List<String> packages) {
        var id = Commands.run(List.of("id", "-u"), 10);
        String names = String.join(" ", packages);
        if (!id.ok() || !id.output().equals("0")) {
            return "not root, so apt-get install " + names + " was not tried";
        }
        System.err.println("bench: missing; apt-get update && apt-get install -y " + names);
        var r = Commands.run(List.of("sh", "-c",
                "DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                        + names), 900);
        return r.ok() ? null : "apt-get install " + names + " failed (status " + r.status() + ": " + lastLine(r.output()) + ")";
    }

    static Availability python(Path python) {
        if (!Files.isExecutable(python)) {
            return Availability.missing(python + " not found");
        }
        var r = Commands.run(List.of(python.toString(), "-E", "-s", "-c",
                "import sys, asyncio; assert sys.version_info >= (3, 11), 'needs 3.11+ (asyncio.Runner)'; "
                        + "print(sys.version.split()[0])"), 30);
        return r.ok() ? Availability.of(r.output()) : Availability.missing(python + ": " + lastLine(r.output()));
    }

    static Availability uvloop(Path python) {
        var r = Commands.run(List.of(python.toString(), "-E", "-s", "-c", "import uvloop; print(uvloop.__version__)"), 30);
        return r.ok() ? Availability.of(r.output())
                : Availability.missing("uvloop not importable by " + python + " (" + lastLine(r.output()) + ")");
    }

    private static Availability installUvloop(Path python, Availability missing) {
        var id = Commands.run(List.of("id", "-u"), 10);
        if (!id.ok() || !id.output().equals("0")) {
            return Availability.missing(missing.reason() + "; not root, so apt-get install " + UVLOOP_PACKAGE + " was not tried");
        }
        System.err.println("bench: uvloop missing; apt-get update && apt-get install -y " + UVLOOP_PACKAGE);
        var r = Commands.run(List.of("sh", "-c",
                "DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                        + UVLOOP_PACKAGE), 900);
        if (!r.ok()) {
            return Availability.missing(missing.reason() + "; apt-get install " + UVLOOP_PACKAGE + " failed (status "
                    + r.status() + ": " + lastLine(r.output()) + ")");
        }
        return uvloop(python);
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.getLast().strip();
    }
}
