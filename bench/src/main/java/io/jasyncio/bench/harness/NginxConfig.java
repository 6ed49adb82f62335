package io.jasyncio.bench.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The nginx peer of the HTTP workloads: its configuration, written into a temporary directory
 * that is also its prefix, and the command that runs it in the foreground. One worker process,
 * no access log, {@code return 200} with the text and the JSON document as constants (nginx has
 * no JSON), keep-alive without the default cap of 1,000 requests per connection (no other server
 * closes a busy connection), and every file it writes (pid, error log, temp paths) in that
 * directory, so it needs nothing of the system's nginx set-up.
 */
final class NginxConfig {
    private NginxConfig() {
    }

    /** The file name of the configuration inside its directory. */
    static final String FILE = "nginx.conf";

    /**
     * The configuration for a server on 127.0.0.1:{@code port} with prefix {@code dir}.
     *
     * @param root whether nginx runs as root: its workers would then switch to user nobody, which
     *             cannot read the prefix directory, unless told {@code user root;}
     * @throws IllegalArgumentException if {@code json} holds a character nginx would interpret
     *         inside a single-quoted string ({@code ' \ $}) or a control or non-ASCII character
     */
    static String render(int port, String hello, String json, Path dir, boolean root) {
        checkQuotable(hello);
        checkQuotable(json);
        return config(port, dir, root, "", """
                        location = / {
                            default_type text/plain;
                            return 200 '%s';
                        }
                        location = /json {
                            default_type application/json;
                            return 200 '%s';
                        }
                """.formatted(hello, json));
    }

    /**
     * The http-client workload's configuration: the same process set-up as {@link #render}, the
     * files under {@code dir/www} served as they are (an open-file cache, so each request costs
     * no open/stat), no gzip.
     */
    static String renderStatic(int port, Path dir, boolean root) {
        return config(port, dir, root, """
                    open_file_cache max=16 inactive=300s;
                    open_file_cache_valid 300s;
                    default_type text/plain;
                """, "        root " + dir.toAbsolutePath() + "/www;\n");
    }

    /**
     * One worker with its pid, error log and temp paths under {@code dir}, keep-alive without
     * limits, no access log, {@code httpExtra} in the http block and one server on
     * 127.0.0.1:{@code port} holding {@code serverBody}.
     */
    private static String config(int port, Path dir, boolean root, String httpExtra, String serverBody) {
        String d = dir.toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder();
        sb.append("# written by the jasyncio bench harness for one run; deleted after it\n");
        if (root) {
            sb.append("user root;\n");
        }
        sb.append("worker_processes 1;\n")
                .append("pid ").append(d).append("/nginx.pid;\n")
                .append("error_log ").append(d).append("/error.log warn;\n")
                .append("events {\n    worker_connections 4096;\n}\n")
                .append("http {\n")
                .append("    access_log off;\n")
                .append("    keepalive_requests 1000000000;\n")
                .append("    keepalive_timeout 300s;\n")
                .append(httpExtra);
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            sb.append("    ").append(temp).append("_temp_path ").append(d).append('/').append(temp).append(";\n");
        }
        sb.append("    server {\n")
                .append("        listen 127.0.0.1:").append(port).append(";\n")
                .append(serverBody)
                .append("    }\n")
                .append("}\n");
        return sb.toString();
    }

    /** Debian's nginx, else the first {@code nginx} on the PATH (which may not exist: the run then fails to start it). */
    static Path binary() {
        Path debian = Path.of("/usr/sbin/nginx");
        if (java.nio.file.Files.isExecutable(debian)) {
            return debian;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
            if (java.nio.file.Files.isExecutable(p)) {
                return p;
            }
        }
        return Path.of("nginx");
    }

    /** nginx in the foreground with the configuration in {@code dir}, logging its start-up errors there too. */
    static List<String> command(Path nginx, Path dir) {
        String d = dir.toAbsolutePath().toString();
        return List.of(nginx.toString(), "-p", d + "/", "-c", d + "/" + FILE, "-e", d + "/error.log", "-g", "daemon off;");
    }

    private static void checkQuotable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\'' || c == '\\' || c == '$') {
                throw new IllegalArgumentException("character " + (int) c + " at " + i
                        + " cannot stand in an nginx single-quoted string as itself");
            }
        }
    }
}
