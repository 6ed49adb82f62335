package io.jasyncio.bench.harness;

import io.jasyncio.bench.http.JsonDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP server the harness can start for the HTTP workloads, without its pinning. Every
 * server gets a directory of its own for the run ({@link #prepare} writes what it reads there)
 * and the port the harness chose.
 */
sealed interface HttpServerProgram {
    /** The file in the run's directory that holds {@link JsonDocument#compact} for servers that load it. */
    String DOCUMENT = "document.json";

    /** Writes what the server reads at start-up into {@code dir}: the JSON document, and nginx's configuration. */
    default void prepare(Path dir, int port) throws IOException {
        Files.writeString(dir.resolve(DOCUMENT), JsonDocument.compact(), StandardCharsets.US_ASCII);
    }

    /** The command that starts the server on 127.0.0.1:{@code port}, living at most {@code lifetimeSeconds} where it can. */
    List<String> command(Env env, Path dir, String port, long lifetimeSeconds);

    /**
     * A Java main class taking {@code --port N --max-seconds S}, run with exactly the harness's
     * JVM flags (those jasyncio's other workloads get) plus {@code extraFlags}.
     *
     * @param mainClass the server's main class
     * @param extraFlags flags only this server gets
     * @param libraries whether the peers' library jars (Netty's, Jackson's) join the class path
     * @param args the program's own arguments before the port (Netty's {@code --transport io_uring})
     */
    record Jvm(String mainClass, List<String> extraFlags, boolean libraries, List<String> args) implements HttpServerProgram {
        public Jvm {
            extraFlags = List.copyOf(extraFlags);
            args = List.copyOf(args);
        }

        /** A server that takes no arguments of its own. */
        public Jvm(String mainClass, List<String> extraFlags, boolean libraries) {
            this(mainClass, extraFlags, libraries, List.of());
        }

        @Override
        public List<String> command(Env env, Path dir, String port, long lifetimeSeconds) {
            List<String> cmd = new ArrayList<>(env.serverJavaCommand(mainClass, extraFlags, libraries));
            cmd.addAll(args);
            cmd.addAll(List.of("--port", port, "--max-seconds", Long.toString(lifetimeSeconds)));
            return cmd;
        }
    }

    /**
     * bench/python/http_server.py (aiohttp) under the harness's Python, on asyncio's loop or uvloop.
     *
     * @param uvloop whether it runs on uvloop
     */
    record Aiohttp(boolean uvloop) implements HttpServerProgram {
        @Override
        public List<String> command(Env env, Path dir, String port, long lifetimeSeconds) {
            List<String> cmd = new ArrayList<>(List.of(env.python().toString(), "-E", "-s",
                    env.benchDir().resolve("python").resolve("http_server.py").toString(),
                    "--json", dir.resolve(DOCUMENT).toString(), "--port", port,
                    "--max-seconds", Long.toString(lifetimeSeconds)));
            if (uvloop) {
                cmd.add("--uvloop");
            }
            return cmd;
        }
    }

    /**
     * nginx with one worker ({@link NginxConfig}), {@code /usr/sbin/nginx} or the first on the
     * PATH; it has no lifetime of its own, the harness stops it. Run as root (this harness's
     * user), its configuration says {@code user root;}.
     */
    record Nginx() implements HttpServerProgram {
        @Override
        public void prepare(Path dir, int port) throws IOException {
            HttpServerProgram.super.prepare(dir, port);
            Files.writeString(dir.resolve(NginxConfig.FILE), NginxConfig.render(port,
                    new String(HttpCheck.HELLO.body(), StandardCharsets.US_ASCII), JsonDocument.compact(), dir,
                    "root".equals(System.getProperty("user.name"))));
        }

        @Override
        public List<String> command(Env env, Path dir, String port, long lifetimeSeconds) {
            return NginxConfig.command(NginxConfig.binary(), dir);
        }
    }

    /**
     * A server not written yet; it is never started.
     *
     * @param reason what is missing, shown where its numbers would be
     */
    record NotYet(String reason) implements HttpServerProgram {
        @Override
        public List<String> command(Env env, Path dir, String port, long lifetimeSeconds) {
            return List.of("(not available: " + reason + ")");
        }
    }
}
