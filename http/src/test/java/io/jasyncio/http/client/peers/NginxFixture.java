package io.jasyncio.http.client.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}) as a peer of the client tests, in the foreground with
 * a configuration written for this run into a temporary directory (its prefix: pid file, logs and
 * temp paths all live there, nothing of the system's nginx set-up is read). It listens on two free
 * 127.0.0.1 ports:
 *
 * <ul>
 * <li>{@link #port()}: static files under {@code /static/} (gzip on for text), {@code /chunked/}
 *     (the SSI filter drops the length, so nginx sends the file chunked), and {@code /upload/} (WebDAV
 *     {@code PUT}, so a request body can be sent and fetched back);</li>
 * <li>{@link #limitedPort()}: the same files, with {@code keepalive_requests} =
 *     {@link #KEEPALIVE_REQUESTS} and a short {@code keepalive_timeout}, so a client must see
 *     connections closed under it and open new ones.</li>
 * </ul>
 *
 * <p>Started and stopped from a platform thread (a class's {@code @BeforeAll}): {@link #start}
 * waits until nginx wrote its pid file (it does so once it holds its sockets, so a port taken by
 * someone else is not mistaken for nginx's) and both ports accept connections and, if nginx exits
 * or never listens, fails with its error log; {@link #close} stops it (TERM, then KILL) and deletes the directory, so no process
 * is left running. The ports are chosen by binding port 0 and closing; the short race with
 * another process taking one fails the start loudly rather than testing something else.
 */
final class NginxFixture implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** Requests nginx serves on one connection of {@link #limitedPort()} before closing it. */
    static final int KEEPALIVE_REQUESTS = 5;
    /** How long a connection of {@link #limitedPort()} may stay idle. */
    static final int KEEPALIVE_TIMEOUT_SECONDS = 1;
    /** How long nginx may take to listen on a loaded machine. */
    static final long START_SECONDS = 30;

    /** The text served as {@code /static/small.txt} (and gzip-compressed when asked). */
    static final String SMALL = "Hello from nginx!\n";
    /** The lines of {@code /static/big.txt} ("line i"): about 200 KiB of text, compressible. */
    static final int BIG_LINES = 20_000;
    /** The length of {@code /static/blob.bin}: binary, not compressed by nginx (gzip_types). */
    static final int BLOB = 1 << 20;

    private final Process process;
    private final Path dir;
    private final int port;
    private final int limitedPort;

    private NginxFixture(Process process, Path dir, int port, int limitedPort) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.limitedPort = limitedPort;
    }

    /** Skips the test, saying how to install it, when nginx is not at {@link #NGINX}. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at " + NGINX + " (apt-get install -y nginx)");
    }

    /**
     * Writes the files and the configuration, starts nginx and waits until it listens.
     *
     * @throws IOException if nginx cannot start or does not listen within {@link #START_SECONDS};
     *         the message holds its error log
     */
    static NginxFixture start() throws IOException {
        return start(PeerPorts.free(), PeerPorts.free());
    }

    /** {@link #start()} on the given ports (a test of the failure path passes a taken one). */
    static NginxFixture start(int port, int limited) throws IOException {
        Path dir = Files.createTempDirectory("jasyncio-nginx-");
        Files.createDirectories(dir.resolve("www/static"));
        Files.createDirectories(dir.resolve("www/chunked"));
        Files.createDirectories(dir.resolve("www/upload"));
        Files.writeString(dir.resolve("www/static/small.txt"), SMALL, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("www/static/big.txt"), bigText(), StandardCharsets.US_ASCII);
        Files.write(dir.resolve("www/static/blob.bin"), blob());
        Files.writeString(dir.resolve("www/chunked/lines.html"), bigText(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("nginx.conf"), config(dir, port, limited), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(command(dir))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        NginxFixture f = new NginxFixture(p, dir, port, limited);
        try {
            // The pid file first: nginx writes it once it holds its sockets, so a port someone
            // else listens on (which would accept the probe below) is not taken for nginx's.
            f.awaitPidFile();
            PeerPorts.awaitListening(p, port, START_SECONDS, f::errorLog);
            PeerPorts.awaitListening(p, limited, START_SECONDS, f::errorLog);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void awaitPidFile() throws IOException {
        Path pid = dir.resolve("nginx.pid");
        long deadline = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        String want = Long.toString(process.pid());
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with status " + process.exitValue() + errorLog());
            }
            if (Files.isRegularFile(pid) && Files.readString(pid, StandardCharsets.US_ASCII).strip().equals(want)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx wrote no pid file within " + START_SECONDS + " s" + errorLog());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting nginx", e);
            }
        }
    }

    /** The port with the ordinary limits. */
    int port() {
        return port;
    }

    /** The port where connections end after {@link #KEEPALIVE_REQUESTS} requests or an idle second. */
    int limitedPort() {
        return limitedPort;
    }

    /** {@code http://127.0.0.1:port} + {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The file nginx serves at {@code /upload/name}, for checking what a PUT stored. */
    Path uploaded(String name) {
        return dir.resolve("www/upload").resolve(name);
    }

    /** The text of {@code /static/big.txt} and {@code /chunked/lines.html}: numbered lines. */
    static String bigText() {
        StringBuilder sb = new StringBuilder(BIG_LINES * 12);
        for (int i = 0; i < BIG_LINES; i++) {
            sb.append("line ").append(i).append('\n');
        }
        return sb.toString();
    }

    /** The bytes of {@code /static/blob.bin}: a fixed pseudo-random pattern. */
    static byte[] blob() {
        byte[] b = new byte[BLOB];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    /** nginx's error log and stderr so far, for a failure message. */
    String errorLog() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("error.log", "stderr.log")) {
            Path f = dir.resolve(name);
            try {
                if (Files.isRegularFile(f)) {
                    sb.append("\n--- ").append(name).append(":\n").append(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                sb.append("\n--- ").append(name).append(" unreadable: ").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    /** Stops nginx (TERM, KILL after 10 s) and deletes its directory. */
    @Override
    public void close() {
        PeerPorts.stop(process);
        PeerPorts.deleteTree(dir);
    }

    static List<String> command(Path dir) {
        String d = dir.toAbsolutePath().toString();
        // master_process off: one process, so stopping it leaves no worker behind.
        return List.of(NGINX.toString(), "-p", d + "/", "-c", d + "/nginx.conf", "-e", d + "/error.log",
                "-g", "daemon off; master_process off;");
    }

    static String config(Path dir, int port, int limitedPort) {
        String d = dir.toAbsolutePath().toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        StringBuilder sb = new StringBuilder();
        sb.append("# written by NginxFixture for one test class; deleted after it\n");
        if (root) {
            // Workers would switch to nobody, who cannot read the temporary directory.
            sb.append("user root;\n");
        }
        sb.append("pid ").append(d).append("/nginx.pid;\n")
                .append("error_log ").append(d).append("/error.log info;\n")
                .append("events {\n    worker_connections 1024;\n}\n")
                .append("http {\n")
                .append("    access_log ").append(d).append("/access.log;\n")
                .append("    types {\n        text/plain txt;\n        text/html html;\n")
                .append("        application/octet-stream bin;\n    }\n")
                .append("    default_type application/octet-stream;\n")
                .append("    gzip on;\n    gzip_min_length 1;\n    gzip_types text/plain;\n")
                .append("    client_max_body_size 16m;\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            sb.append("    ").append(temp).append("_temp_path ").append(d).append('/').append(temp).append(";\n");
        }
        server(sb, d, port, 1000, 60);
        server(sb, d, limitedPort, KEEPALIVE_REQUESTS, KEEPALIVE_TIMEOUT_SECONDS);
        sb.append("}\n");
        return sb.toString();
    }

    private static void server(StringBuilder sb, String d, int port, int keepaliveRequests, int keepaliveSeconds) {
        sb.append("    server {\n")
                .append("        listen 127.0.0.1:").append(port).append(";\n")
                .append("        root ").append(d).append("/www;\n")
                .append("        keepalive_requests ").append(keepaliveRequests).append(";\n")
                .append("        keepalive_timeout ").append(keepaliveSeconds).append("s;\n")
                .append("        location /chunked/ {\n            ssi on;\n            gzip off;\n        }\n")
                .append("        location /upload/ {\n            dav_methods PUT DELETE;\n")
                .append("            create_full_put_path on;\n        }\n")
                .append("    }\n");
    }

    /** Lists what {@link #command} runs, for a failure message. */
    @Override
    public String toString() {
        return "nginx on 127.0.0.1:" + port + " and :" + limitedPort + " (" + String.join(" ", command(dir)) + ")";
    }
}
