package io.jasyncio.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which peers this machine can run, and installs uvloop (Debian's python3-uvloop) when it
 * is missing and installing is allowed. jasyncio and virtual threads are always available;
 * Netty when its jars are on the class path ({@link NettyJars}).
 */
final class Peers {
    private Peers() {
    }

    /** The Debian package that provides uvloop for /usr/bin/python3. */
    static final String UVLOOP_PACKAGE = "python3-uvloop";

    /** Availability of every contender; may run apt-get when {@code install} is true. */
    static Map<Contender, Availability> probe(Path python, boolean install) {
        Map<Contender, Availability> out = new EnumMap<>(Contender.class);
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
