package io.jasyncio.http.server.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link InteropServerMain} in a child JVM: started with JVM options, stopped by closing its stdin. */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();
    final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child with {@code jvmOptions} and waits (at most a minute) for its port. */
    static ChildServer start(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), InteropServerMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        ChildServer[] made = {null};
        List<String> early = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (early) {
                        early.add(line);
                        early.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        synchronized (early) {
            while (made[0] == null) {
                for (String l : early) {
                    if (l.startsWith("PORT ")) {
                        made[0] = new ChildServer(p, Integer.parseInt(l.substring(5).trim()));
                    }
                }
                long left = deadline - System.nanoTime();
                if (made[0] == null && (left <= 0 || !p.isAlive())) {
                    p.destroyForcibly();
                    throw new IOException("child server did not start: " + early);
                }
                if (made[0] == null) {
                    try {
                        early.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
        }
        made[0].output.addAll(early);
        return made[0];
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the child's stdin and waits for it to exit; returns its exit status. */
    int stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
